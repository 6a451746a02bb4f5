//go:build unix

package main

import (
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/uidcheck/uidcheck/internal/emulator"
	"github.com/uidcheck/uidcheck/internal/faultproxy"
	"github.com/uidcheck/uidcheck/internal/s3server"
)

const (
	s3Key    = "AKIAUIDCHECKCLI00001"
	s3Secret = "cli/secret/never+printed"
)

// s3Store starts a real S3-compatible server on loopback holding the
// fixture at s3://sp/savepoints/<fixture>, behind a fault proxy.
func s3Store(t *testing.T, secret string) store {
	t.Helper()
	srv, err := s3server.Start("127.0.0.1:0", s3Key, s3Secret, "sp")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	if err := srv.PutDir("sp", "savepoints/"+fixtureName, filepath.Join("../../testdata/savepoints", fixtureName)); err != nil {
		t.Fatal(err)
	}
	proxy := faultproxy.New(t, srv.URL)
	return store{
		proxy: proxy, env: s3Env(t, proxy.URL, secret), root: "s3://sp/savepoints",
		throttle: faultproxy.S3Throttle(http.StatusServiceUnavailable), secrets: []string{s3Key, s3Secret, secret},
	}
}

// s3Env points uidcheck at endpoint the way Flink is pointed: a Flink
// configuration with s3.endpoint, path-style access and keys, and nothing
// from the AWS files.
func s3Env(t *testing.T, endpoint, secret string) []string {
	t.Helper()
	conf := t.TempDir()
	write(t, filepath.Join(conf, "config.yaml"), "s3.endpoint: "+endpoint+"\ns3.path.style.access: true\n"+
		"s3.access-key: "+s3Key+"\ns3.secret-key: "+secret+"\n")
	none := filepath.Join(conf, "none")
	return []string{
		"FLINK_CONF_DIR=" + conf, "AWS_EC2_METADATA_DISABLED=true", "AWS_CONFIG_FILE=" + none,
		"AWS_SHARED_CREDENTIALS_FILE=" + none, "AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=", "AWS_PROFILE=",
	}
}

func TestS3CompatSameAsLocal(t *testing.T) {
	t.Parallel()
	s := s3Store(t, s3Secret)
	sameOutput(t, s)
	for _, scheme := range []string{"s3a", "s3p"} {
		s.root = scheme + "://sp/savepoints"
		sameOutput(t, s)
	}
}

func TestS3ErrorsExit2(t *testing.T) {
	t.Parallel()
	t.Run("wrong credentials", func(t *testing.T) {
		t.Parallel()
		s := s3Store(t, "wrong-secret")
		failsOneLine(t, s, s.root+"/"+fixtureName, "SignatureDoesNotMatch")
	})
	t.Run("missing bucket", func(t *testing.T) {
		t.Parallel()
		failsOneLine(t, s3Store(t, s3Secret), "s3://none/savepoints/"+fixtureName, "NoSuchBucket")
	})
	t.Run("missing _metadata", func(t *testing.T) {
		t.Parallel()
		s := s3Store(t, s3Secret)
		failsOneLine(t, s, s.root, "no _metadata")
	})
	t.Run("faults", func(t *testing.T) {
		t.Parallel()
		storeFaults(t, func(t *testing.T) store { t.Helper(); return s3Store(t, s3Secret) }, "SlowDown")
	})
}

// TestMotoCompatSameAsLocal runs the same commands against moto, an S3
// written apart from ours (skips without it, fails under CI).
func TestMotoCompatSameAsLocal(t *testing.T) {
	t.Parallel()
	moto := emulator.StartMoto(t)
	moto.PutDir(t, "flink-sp", "savepoints/"+fixtureName, filepath.Join("../../testdata/savepoints", fixtureName))
	s := store{env: s3Env(t, moto.Endpoint, s3Secret), root: "s3://flink-sp/savepoints", secrets: []string{s3Key, s3Secret}}
	sameOutput(t, s)
	failsOneLine(t, s, "s3://nobucket/savepoints/"+fixtureName, "NoSuchBucket")
	failsOneLine(t, s, s.root, "no _metadata")
}

// Ctrl-C during a read that is backing off from throttling stops it at once
// with 130, as for the REST commands.
func TestS3Interrupted(t *testing.T) {
	t.Parallel()
	s := s3Store(t, s3Secret)
	s.proxy.Throttle(1<<30, s.throttle)
	code, took, stderr := interruptAfter(t, 700*time.Millisecond, s.env, "savepoint", "inspect", s.root+"/"+fixtureName)
	if code != 130 || took > 500*time.Millisecond {
		t.Errorf("exit %d %v after SIGINT, want 130 within 0.5 s\n%s", code, took, stderr)
	}
	t.Log(stderr)
}
