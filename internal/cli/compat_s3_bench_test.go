package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/uidcheck/uidcheck/internal/s3server"
)

// BenchmarkCompatS3 times compat on the migration job against its savepoint
// read from the local disk and from an S3-compatible server on loopback,
// through a new client each run as the command builds one. The difference
// per run is what reading in place costs (issue: at most 0.3 s).
func BenchmarkCompatS3(b *testing.B) {
	b.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	srv, err := s3server.Start("127.0.0.1:0", "AKIAUIDCHECKBENCH001", "bench-secret", "sp")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = srv.Close() })
	if err := srv.PutDir("sp", "savepoints/migration", migrationSavepoint); err != nil {
		b.Fatal(err)
	}
	conf := b.TempDir()
	cfg := "s3.endpoint: " + srv.URL + "\ns3.path.style.access: true\ns3.access-key: AKIAUIDCHECKBENCH001\ns3.secret-key: bench-secret\n"
	if err := os.WriteFile(filepath.Join(conf, "config.yaml"), []byte(cfg), 0o600); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, savepoint string }{
		{"local", migrationSavepoint},
		{"s3", "s3://sp/savepoints/migration"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				ios, _, _ := Test()
				ios.Getenv = func(k string) string {
					if k == "FLINK_CONF_DIR" {
						return conf
					}
					return ""
				}
				opts := &compatOptions{f: &Factory{IO: ios}, paths: []string{"../../testdata/migration-job"}, savepoint: c.savepoint, route: "savepoint"}
				if _, _, _, err := predict(context.Background(), opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
