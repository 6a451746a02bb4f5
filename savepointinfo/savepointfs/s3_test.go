package savepointfs_test

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/uidcheck/uidcheck/internal/faultproxy"
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
// real S3-compatible server on loopback, behind a fault proxy whose URL is
// the endpoint.
func startS3(t *testing.T) (*s3server.Server, *faultproxy.Proxy) {
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
	return srv, faultproxy.New(t, srv.URL)
}

func TestS3ReadsTheSameSavepointAsLocal(t *testing.T) {
	_, proxy := startS3(t)
	for _, loc := range []string{
		"s3://sp/savepoints/one", "s3a://sp/savepoints/one/", "s3p://sp/savepoints/one/_metadata", "latest:s3://sp/savepoints",
	} {
		t.Run(loc, func(t *testing.T) {
			sameAsLocal(t, savepointfs.New(s3Conf(proxy.URL, accessKey, secretKey)), loc, "://sp/savepoints/one/_metadata")
		})
	}
}

func TestS3RangedHeaderRead(t *testing.T) {
	_, proxy := startS3(t)
	rangedHeaderRead(t, proxy, savepointfs.New(s3Conf(proxy.URL, accessKey, secretKey)), "s3://sp/savepoints/one/_metadata")
}

// rangedHeaderRead wants the format version of the _metadata at uri read
// with one ranged request, and nothing read past its end.
func rangedHeaderRead(t *testing.T, proxy *faultproxy.Proxy, fsys savepointfs.FS, uri string) {
	t.Helper()
	before := len(proxy.Requests())
	v, err := savepointinfo.Header(t.Context(), fsys, uri)
	if err != nil {
		t.Fatal(err)
	}
	if v != 6 {
		t.Errorf("format version %d, want 6 (Flink 2.3)", v)
	}
	if reqs := proxy.Requests()[before:]; len(reqs) != 1 || reqs[0].Range == "" {
		t.Errorf("requests for the header: %+v, want one ranged GET", reqs)
	}
	p := make([]byte, 16)
	if n, err := fsys.ReadAt(t.Context(), uri, p, 1<<30); n != 0 || err == nil {
		t.Errorf("ReadAt past the end = %d, %v", n, err)
	}
}

func TestS3Faults(t *testing.T) {
	testFaults(t, func(t *testing.T) faultTarget {
		t.Helper()
		_, proxy := startS3(t)
		return faultTarget{
			proxy: proxy, dir: "s3://sp/savepoints/one",
			fsys:      func() savepointfs.FS { return savepointfs.New(s3Conf(proxy.URL, accessKey, secretKey)) },
			throttle:  []http.HandlerFunc{faultproxy.S3Throttle(http.StatusTooManyRequests), faultproxy.S3Throttle(http.StatusServiceUnavailable)},
			throttled: []string{"SlowDown", "HTTP 503", "5 attempts"},
			secrets:   []string{accessKey, secretKey},
		}
	})
}

func TestS3Errors(t *testing.T) {
	cases := []struct {
		name, location, ak, sk string
		setup                  func(*s3server.Server, *faultproxy.Proxy)
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
			setup: func(s *s3server.Server, _ *faultproxy.Proxy) {
				_ = s.Put("sp", "savepoints/two/state-file", []byte("x"))
			},
			want: []string{"s3://sp/savepoints/two", "no _metadata"},
		},
		{
			name: "missing directory", location: "s3://sp/savepoints/none", ak: accessKey, sk: secretKey,
			want: []string{"s3://sp/savepoints/none", "does not exist"},
		},
		{
			name: "connection refused", location: "s3://sp/savepoints/one", ak: accessKey, sk: secretKey,
			setup: func(_ *s3server.Server, p *faultproxy.Proxy) { _ = p.Close() },
			want:  []string{"connection refused", "5 attempts"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv, proxy := startS3(t)
			if c.setup != nil {
				c.setup(srv, proxy)
			}
			_, err := savepointinfo.OpenFS(t.Context(), savepointfs.New(s3Conf(proxy.URL, c.ak, c.sk)), c.location)
			oneLineError(t, err, c.want, c.ak, c.sk)
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
