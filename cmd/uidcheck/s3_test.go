//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uidcheck/uidcheck/internal/s3server"
)

const (
	s3Key    = "AKIAUIDCHECKCLI00001"
	s3Secret = "cli/secret/never+printed"
	s3Fix    = "new-stateful-udf-flink1.16-rocksdb-savepoint"
)

// s3Env starts a real S3-compatible server on loopback holding the fixture
// at s3://sp/savepoints/<fixture> and returns the environment that points
// uidcheck at it the way Flink is pointed: a Flink configuration with
// s3.endpoint, path-style access and keys.
func s3Env(t *testing.T, secret string) (*s3server.Server, []string) {
	t.Helper()
	srv, err := s3server.Start("127.0.0.1:0", s3Key, s3Secret, "sp")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	if err := srv.PutDir("sp", "savepoints/"+s3Fix, filepath.Join("../../testdata/savepoints", s3Fix)); err != nil {
		t.Fatal(err)
	}
	conf := t.TempDir()
	write(t, filepath.Join(conf, "config.yaml"), "s3.endpoint: "+srv.URL+"\ns3.path.style.access: true\n"+
		"s3.access-key: "+s3Key+"\ns3.secret-key: "+secret+"\n")
	none := filepath.Join(conf, "none")
	return srv, []string{
		"FLINK_CONF_DIR=" + conf, "AWS_EC2_METADATA_DISABLED=true", "AWS_CONFIG_FILE=" + none,
		"AWS_SHARED_CREDENTIALS_FILE=" + none, "AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=", "AWS_PROFILE=",
	}
}

func TestS3CompatSameAsLocal(t *testing.T) {
	_, env := s3Env(t, s3Secret)
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(root, "testdata/savepoints", s3Fix)
	job := filepath.Join(root, "testdata/migration-job")
	want := run(t, root, env, "compat", "-s", local, job)
	// latest: is reported as the savepoint it picked.
	for loc, shown := range map[string]string{
		"s3://sp/savepoints/" + s3Fix:                 "s3://sp/savepoints/" + s3Fix,
		"s3a://sp/savepoints/" + s3Fix + "/_metadata": "s3a://sp/savepoints/" + s3Fix + "/_metadata",
		"latest:s3p://sp/savepoints":                  "s3p://sp/savepoints/" + s3Fix,
	} {
		got := run(t, root, env, "compat", "-s", loc, job)
		if got.code != want.code || got.stderr != want.stderr {
			t.Errorf("%s: exit %d stderr %q, local: exit %d stderr %q", loc, got.code, got.stderr, want.code, want.stderr)
		}
		if strings.ReplaceAll(got.stdout, shown, local) != want.stdout {
			t.Errorf("%s: output differs from the local copy's:\n%s\nlocal:\n%s", loc, got.stdout, want.stdout)
		}
	}
	ls := run(t, root, env, "savepoint", "ls", "s3://sp/savepoints")
	if ls.code != 0 || !strings.Contains(ls.stdout, "s3://sp/savepoints/"+s3Fix) || !strings.Contains(ls.stdout, "Flink 1.16–1.20") {
		t.Errorf("savepoint ls: exit %d\n%s%s", ls.code, ls.stdout, ls.stderr)
	}
}

func TestS3ErrorsExit2(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, location, secret string
		setup                  func(*s3server.Server)
		want                   string
	}{
		{"wrong credentials", "s3://sp/savepoints/" + s3Fix, "wrong-secret", nil, "SignatureDoesNotMatch"},
		{"missing bucket", "s3://none/savepoints/" + s3Fix, s3Secret, nil, "NoSuchBucket"},
		{"missing _metadata", "s3://sp/savepoints", s3Secret, nil, "no _metadata"},
		{"throttling", "s3://sp/savepoints/" + s3Fix, s3Secret, func(s *s3server.Server) { s.Throttle(1 << 20) }, "SlowDown"},
		{"connection dropped mid-read", "s3://sp/savepoints/" + s3Fix, s3Secret, func(s *s3server.Server) { s.DropAfter(100, 1<<20) }, "connection lost"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			srv, env := s3Env(t, c.secret)
			if c.setup != nil {
				c.setup(srv)
			}
			r := run(t, os.TempDir(), env, "savepoint", "inspect", c.location)
			t.Log(r.stderr)
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if r.code != 2 || len(lines) != 1 || !strings.Contains(r.stderr, c.want) || !strings.Contains(r.stderr, c.location) {
				t.Errorf("exit %d, want 2 and one line naming %s and %q:\n%s", r.code, c.location, c.want, r.stderr)
			}
			for _, secret := range []string{s3Key, s3Secret, c.secret} {
				if strings.Contains(r.stdout+r.stderr, secret) {
					t.Errorf("output holds a credential:\n%s%s", r.stdout, r.stderr)
				}
			}
		})
	}
}

// Ctrl-C during a read that is backing off from throttling stops it at once
// with 130, as for the REST commands.
func TestS3Interrupted(t *testing.T) {
	t.Parallel()
	srv, env := s3Env(t, s3Secret)
	srv.Throttle(1 << 20)
	cmd := exec.CommandContext(t.Context(), bin, "savepoint", "inspect", "s3://sp/savepoints/"+s3Fix)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(700 * time.Millisecond)
	sent := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if code, took := cmd.ProcessState.ExitCode(), time.Since(sent); code != 130 || took > 500*time.Millisecond {
		t.Errorf("exit %d %v after SIGINT, want 130 within 0.5 s\n%s", code, took, stderr.String())
	}
	t.Log(stderr.String())
}
