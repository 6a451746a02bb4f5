package flinkrest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeConf(t *testing.T, name, content string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLoadConfig(t *testing.T) {
	t.Parallel()
	legacy := writeConf(t, "flink-conf.yaml", `# Flink 1.x
jobmanager.rpc.address: jm.example.com
rest.port: 18081   # a comment
state.savepoints.dir: s3://bucket/savepoints
not a key value line
rest.port: 18082
`)
	nested := writeConf(t, "config.yaml", `rest:
  address: flink.internal
  port: 9091
security:
  ssl:
    rest:
      enabled: true
execution:
  checkpointing:
    savepoint-dir: file:///savepoints
`)
	cases := []struct {
		dir, url, savepoints string
	}{
		{legacy, "http://jm.example.com:18082", "s3://bucket/savepoints"},
		{nested, "https://flink.internal:9091", "file:///savepoints"},
		{t.TempDir(), "http://localhost:8081", ""},
	}
	for _, tc := range cases {
		cfg, err := LoadConfig(tc.dir)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := cfg.RESTURL(); err != nil || got != tc.url {
			t.Errorf("%s: REST URL %q, want %q", tc.dir, got, tc.url)
		}
		if got := cfg.SavepointDir(); got != tc.savepoints {
			t.Errorf("%s: savepoint dir %q, want %q", tc.dir, got, tc.savepoints)
		}
	}
	if _, err := LoadConfig(writeConf(t, "config.yaml", "rest: [unclosed")); err == nil {
		t.Error("invalid config.yaml loaded without error")
	}
	if _, err := LoadConfig(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("a missing configuration directory loaded without error")
	}
	bad, err := LoadConfig(writeConf(t, "config.yaml", "rest:\n  address: jm\n  port: abc\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bad.RESTURL(); err == nil || !strings.Contains(err.Error(), `config.yaml:3: rest.port "abc" is not a port number`) {
		t.Errorf("rest.port abc: error %v", err)
	}
}

func TestParseVersion(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Version{"1.20.1": {1, 20}, "2.0-SNAPSHOT": {2, 0}, "1.9": {1, 9}} {
		got, err := ParseVersion(in)
		if err != nil || got != want {
			t.Errorf("ParseVersion(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseVersion("unknown"); err == nil {
		t.Error("ParseVersion(unknown) succeeded")
	}
}
