package savepointfs_test

import (
	"path/filepath"
	"testing"

	"github.com/uidcheck/uidcheck/internal/emulator"
	"github.com/uidcheck/uidcheck/internal/faultproxy"
	"github.com/uidcheck/uidcheck/savepointinfo"
	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

// TestMoto checks the S3 backend against moto's server mode, an S3
// written apart from ours (installed by `make emulator-deps`; skips
// without it, fails under CI). moto takes any key, so wrong credentials are
// checked against internal/s3server only.
func TestMoto(t *testing.T) {
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	moto := emulator.StartMoto(t)
	moto.PutDir(t, "flink-sp", "savepoints/one", fixture)
	// The proxy only counts requests here.
	proxy := faultproxy.New(t, moto.Endpoint)
	fsys := func() savepointfs.FS { return savepointfs.New(s3Conf(proxy.URL, accessKey, secretKey)) }
	t.Run("same as local", func(t *testing.T) {
		for _, scheme := range []string{"s3", "s3a", "s3p"} {
			for _, rel := range []string{"/savepoints/one", "/savepoints/one/_metadata"} {
				loc := scheme + "://flink-sp" + rel
				t.Run(loc, func(t *testing.T) { sameAsLocal(t, fsys(), loc, "://flink-sp/savepoints/one/_metadata") })
			}
		}
		t.Run("latest", func(t *testing.T) {
			sameAsLocal(t, fsys(), "latest:s3://flink-sp/savepoints", "s3://flink-sp/savepoints/one/_metadata")
		})
	})
	t.Run("ranged header read", func(t *testing.T) { rangedHeaderRead(t, proxy, fsys(), "s3://flink-sp/savepoints/one/_metadata") })
	t.Run("listing", func(t *testing.T) {
		snaps, err := savepointfs.Snapshots(t.Context(), fsys(), "s3://flink-sp/savepoints")
		if err != nil {
			t.Fatal(err)
		}
		if len(snaps) != 1 || snaps[0].Metadata.URI != "s3://flink-sp/savepoints/one/_metadata" || snaps[0].Metadata.Size != metadataSize {
			t.Errorf("Snapshots = %+v", snaps)
		}
	})
	t.Run("errors", func(t *testing.T) {
		for _, c := range []struct{ name, location, want string }{
			{"missing bucket", "s3://nobucket/savepoints/one", "NoSuchBucket"},
			{"missing _metadata", "s3://flink-sp/savepoints", "no _metadata"},
			{"missing directory", "s3://flink-sp/savepoints/none", "does not exist"},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := savepointinfo.OpenFS(t.Context(), fsys(), c.location)
				oneLineError(t, err, []string{c.location, c.want}, accessKey, secretKey)
			})
		}
	})
}
