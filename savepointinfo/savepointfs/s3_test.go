package savepointfs_test

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uidcheck/uidcheck/internal/s3server"
	"github.com/uidcheck/uidcheck/savepointinfo"
	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

const (
	accessKey = "AKIAUIDCHECKTEST0001"
	secretKey = "uidcheck/secret/never+printed"
	fixture   = "../../testdata/savepoints/harness-flink2.3.0-native_rocksdb_kept"
)

// startS3 serves bucket "sp" holding the fixture under savepoints/one, on a
// real S3-compatible server on loopback.
func startS3(t *testing.T) *s3server.Server {
	t.Helper()
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	srv, err := s3server.Start("127.0.0.1:0", accessKey, secretKey, "sp")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	if err := srv.PutDir("sp", "savepoints/one", fixture); err != nil {
		t.Fatal(err)
	}
	return srv
}

// flinkConf is a Flink configuration pointing at srv, path-style, with keys.
func flinkConf(srv *s3server.Server, ak, sk string) savepointfs.Config {
	conf := map[string]string{
		"s3.endpoint": srv.URL, "s3.path.style.access": "true", "s3.access-key": ak, "s3.secret-key": sk,
	}
	return savepointfs.Config{
		Flink: func(keys ...string) string {
			for _, k := range keys {
				if v := conf[k]; v != "" {
					return v
				}
			}
			return ""
		},
		MaxBackoff: 20 * time.Millisecond,
	}
}

func TestS3ReadsTheSameSavepointAsLocal(t *testing.T) {
	srv := startS3(t)
	local, err := savepointinfo.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, loc := range []string{
		"s3://sp/savepoints/one", "s3a://sp/savepoints/one/", "s3p://sp/savepoints/one/_metadata", "latest:s3://sp/savepoints",
	} {
		t.Run(loc, func(t *testing.T) {
			m, err := savepointinfo.OpenFS(t.Context(), savepointfs.New(flinkConf(srv, accessKey, secretKey)), loc)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(m.Path, "://sp/savepoints/one/_metadata") {
				t.Errorf("Path = %q", m.Path)
			}
			if m.Size != local.Size || m.Version != local.Version || m.CheckpointID != local.CheckpointID || len(m.Operators) != len(local.Operators) {
				t.Fatalf("remote %d bytes v%d cp %d %d operators, local %d bytes v%d cp %d %d operators",
					m.Size, m.Version, m.CheckpointID, len(m.Operators), local.Size, local.Version, local.CheckpointID, len(local.Operators))
			}
			for i, op := range m.Operators {
				l := local.Operators[i]
				if op.ID != l.ID || op.Parallelism != l.Parallelism || op.MaxParallelism != l.MaxParallelism || op.HasState != l.HasState {
					t.Errorf("operator %d: remote %+v, local %+v", i, op, l)
				}
			}
		})
	}
}

func TestS3RangedHeaderRead(t *testing.T) {
	srv := startS3(t)
	fsys := savepointfs.New(flinkConf(srv, accessKey, secretKey))
	before := srv.Requests()
	v, err := savepointinfo.Header(t.Context(), fsys, "s3://sp/savepoints/one/_metadata")
	if err != nil {
		t.Fatal(err)
	}
	if v != 6 {
		t.Errorf("format version %d, want 6 (Flink 2.3)", v)
	}
	if n := srv.Requests() - before; n != 1 {
		t.Errorf("%d requests for the header, want one ranged GET", n)
	}
	// Past the end: nothing, io.EOF.
	p := make([]byte, 16)
	if n, err := fsys.ReadAt(t.Context(), "s3://sp/savepoints/one/_metadata", p, 1<<30); n != 0 || err == nil {
		t.Errorf("ReadAt past the end = %d, %v", n, err)
	}
}

func TestS3Resumes(t *testing.T) {
	t.Run("throttled", func(t *testing.T) {
		srv := startS3(t)
		srv.Throttle(3)
		if _, err := savepointinfo.OpenFS(t.Context(), savepointfs.New(flinkConf(srv, accessKey, secretKey)), "s3://sp/savepoints/one"); err != nil {
			t.Fatalf("3 throttled requests not retried: %v", err)
		}
	})
	t.Run("dropped mid-read", func(t *testing.T) {
		srv := startS3(t)
		srv.DropAfter(20000, 2)
		m, err := savepointinfo.OpenFS(t.Context(), savepointfs.New(flinkConf(srv, accessKey, secretKey)), "s3://sp/savepoints/one")
		if err != nil {
			t.Fatalf("dropped read not resumed: %v", err)
		}
		if m.Size != 50287 {
			t.Errorf("read %d bytes, want 50287", m.Size)
		}
	})
}

func TestS3Errors(t *testing.T) {
	cases := []struct {
		name, location, ak, sk string
		setup                  func(*s3server.Server)
		want                   []string
	}{
		{
			name: "wrong access key", location: "s3://sp/savepoints/one", ak: "AKIAWRONGWRONGWRONG1", sk: secretKey,
			want: []string{"s3://sp/savepoints/one", "InvalidAccessKeyId", "HTTP 403", "Flink configuration"},
		},
		{
			name: "wrong secret", location: "s3://sp/savepoints/one", ak: accessKey, sk: "not-the-secret",
			want: []string{"SignatureDoesNotMatch", "HTTP 403"},
		},
		{
			name: "missing bucket", location: "s3://nobucket/savepoints/one", ak: accessKey, sk: secretKey,
			want: []string{"s3://nobucket/savepoints/one", "NoSuchBucket"},
		},
		{
			name: "missing _metadata", location: "s3://sp/savepoints/two", ak: accessKey, sk: secretKey,
			setup: func(s *s3server.Server) { _ = s.Put("sp", "savepoints/two/state-file", []byte("x")) },
			want:  []string{"s3://sp/savepoints/two", "no _metadata"},
		},
		{
			name: "missing directory", location: "s3://sp/savepoints/none", ak: accessKey, sk: secretKey,
			want: []string{"s3://sp/savepoints/none", "does not exist"},
		},
		{
			name: "throttled", location: "s3://sp/savepoints/one", ak: accessKey, sk: secretKey,
			setup: func(s *s3server.Server) { s.Throttle(1000) },
			want:  []string{"SlowDown", "HTTP 503", "5 attempts"},
		},
		{
			name: "dropped mid-read", location: "s3://sp/savepoints/one", ak: accessKey, sk: secretKey,
			setup: func(s *s3server.Server) { s.DropAfter(1000, 1000) },
			want:  []string{"s3://sp/savepoints/one/_metadata", "connection lost after 4000 bytes, 3 resumes"},
		},
		{
			name: "connection refused", location: "s3://sp/savepoints/one", ak: accessKey, sk: secretKey,
			setup: func(s *s3server.Server) { _ = s.Close() },
			want:  []string{"connection refused", "5 attempts"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := startS3(t)
			if c.setup != nil {
				c.setup(srv)
			}
			_, err := savepointinfo.OpenFS(t.Context(), savepointfs.New(flinkConf(srv, c.ak, c.sk)), c.location)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			t.Log(msg)
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
			if strings.Contains(msg, "\n") || strings.Contains(msg, c.sk) || strings.Contains(msg, c.ak) {
				t.Errorf("error is not one line without credentials: %q", msg)
			}
			if c.name == "missing directory" && !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("missing directory does not wrap fs.ErrNotExist: %v", err)
			}
		})
	}
}

func TestSnapshotsNewestFirst(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	write := func(rel string, mtime time.Time) {
		p := filepath.Join(dir, rel)
		if err := mkfile(p, mtime); err != nil {
			t.Fatal(err)
		}
	}
	write("savepoint-1a2b3c-0123456789ab/_metadata", old)
	write("savepoint-1a2b3c-0123456789ab/abc-state", old)
	write("0123456789abcdef0123456789abcdef/chk-7/_metadata", old.Add(30*time.Minute))
	write("0123456789abcdef0123456789abcdef/shared/x", old)
	write("other/readme", old)
	got, err := savepointfs.Snapshots(context.Background(), savepointfs.Local{}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Kind != "checkpoint" || got[0].JobID != "0123456789abcdef0123456789abcdef" ||
		got[1].Kind != "savepoint" || got[1].JobID != "1a2b3c" || got[1].Size != 2 {
		t.Fatalf("Snapshots = %+v", got)
	}
}
