package savepointfs_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uidcheck/uidcheck/internal/faultproxy"
	"github.com/uidcheck/uidcheck/savepointinfo"
	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

// mkfile writes a one-byte file with its parents and sets its time.
func mkfile(p string, mtime time.Time) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		return err
	}
	return os.Chtimes(p, mtime, mtime)
}

// fastRetries keeps the backoff short, so that retries exhausted end a test
// in well under a second.
func fastRetries() savepointfs.Config { return savepointfs.Config{MaxBackoff: 20 * time.Millisecond} }

// s3Conf is a Flink configuration pointing at endpoint, path-style, with
// keys.
func s3Conf(endpoint, ak, sk string) savepointfs.Config {
	conf := map[string]string{"s3.endpoint": endpoint, "s3.path.style.access": "true", "s3.access-key": ak, "s3.secret-key": sk}
	cfg := fastRetries()
	cfg.Flink = func(keys ...string) string {
		for _, k := range keys {
			if v := conf[k]; v != "" {
				return v
			}
		}
		return ""
	}
	return cfg
}

// sameAsLocal checks that location decodes to the fixture's metadata, read
// from a _metadata whose URI ends with wantSuffix.
func sameAsLocal(t *testing.T, fsys savepointfs.FS, location, wantSuffix string) {
	t.Helper()
	local, err := savepointinfo.Open(fixture)
	if err != nil {
		t.Fatal(err)
	}
	m, err := savepointinfo.OpenFS(t.Context(), fsys, location)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(m.Path, wantSuffix) {
		t.Errorf("Path = %q, want …%s", m.Path, wantSuffix)
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
}

// oneLineError wants an error of one line holding every want and none of
// the secrets.
func oneLineError(t *testing.T, err error, want []string, secrets ...string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	t.Log(msg)
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q does not contain %q", msg, w)
		}
	}
	if strings.Contains(msg, "\n") {
		t.Errorf("error is not one line: %q", msg)
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(msg, s) {
			t.Errorf("error holds a credential: %q", msg)
		}
	}
}

// faultTarget is the fixture at dir (…/savepoints/one) on one backend's
// server, reached through proxy.
type faultTarget struct {
	proxy *faultproxy.Proxy
	dir   string
	// fsys is a new client of the backend, as each command builds one.
	fsys func() savepointfs.FS
	// throttle are the service's throttling replies, 429 and 503.
	throttle []http.HandlerFunc
	// throttled is what the error of a read throttled throughout names.
	throttled []string
	// secrets must never appear in an error.
	secrets []string
}

// metadataSize is the fixture's _metadata.
const metadataSize = 50287

// testFaults runs the faults every object-store backend must survive or
// report; setup gives a new proxy for each.
func testFaults(t *testing.T, setup func(t *testing.T) faultTarget) {
	t.Helper()
	t.Run("throttled then served", func(t *testing.T) {
		ft := setup(t)
		if _, err := savepointinfo.OpenFS(t.Context(), ft.fsys(), ft.dir); err != nil {
			t.Fatal(err)
		}
		clean := len(ft.proxy.Requests())
		ft.proxy.Throttle(4, ft.throttle...)
		sameAsLocal(t, ft.fsys(), ft.dir, "/savepoints/one/_metadata")
		// Each throttled request was sent again: 4 more than a clean read.
		if n := len(ft.proxy.Requests()) - clean; n != clean+4 {
			t.Errorf("%d requests with 4 throttled, %d without", n, clean)
		}
	})
	t.Run("throttled throughout", func(t *testing.T) {
		ft := setup(t)
		ft.proxy.Throttle(1<<30, ft.throttle[len(ft.throttle)-1])
		start := time.Now()
		_, err := savepointinfo.OpenFS(t.Context(), ft.fsys(), ft.dir)
		oneLineError(t, err, append([]string{ft.dir}, ft.throttled...), ft.secrets...)
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("gave up after %v", took)
		}
		// The download itself, without the lookups before it.
		_, err = ft.fsys().Open(t.Context(), ft.dir+"/_metadata")
		oneLineError(t, err, append([]string{ft.dir + "/_metadata"}, ft.throttled...), ft.secrets...)
	})
	t.Run("cut mid-body", func(t *testing.T) {
		ft := setup(t)
		ft.proxy.Cut("/_metadata", 20000, 2)
		sameAsLocal(t, ft.fsys(), ft.dir, "/savepoints/one/_metadata")
		if n := ft.proxy.CutsDone(); n != 2 {
			t.Errorf("%d reads cut, want 2", n)
		}
		// Each reopening read starts where the cut one stopped.
		var ranges []string
		for _, r := range ft.proxy.Requests() {
			if strings.HasSuffix(r.Path, "/_metadata") && r.Method == http.MethodGet && r.Range != "" {
				ranges = append(ranges, r.Range)
			}
		}
		if !slices.Contains(ranges, "bytes=20000-") || !slices.Contains(ranges, "bytes=40000-") {
			t.Errorf("ranged reads after the cuts: %q, want bytes=20000- and bytes=40000-", ranges)
		}
	})
	t.Run("cut every time", func(t *testing.T) {
		ft := setup(t)
		ft.proxy.Cut("/_metadata", 1000, 1<<30)
		_, err := savepointinfo.OpenFS(t.Context(), ft.fsys(), ft.dir)
		oneLineError(t, err, []string{ft.dir + "/_metadata", "connection lost after 4000 bytes, 3 resumes"}, ft.secrets...)
	})
	// No progress at all must end too.
	t.Run("cut before any byte", func(t *testing.T) {
		ft := setup(t)
		ft.proxy.Cut("/_metadata", 0, 1<<30)
		_, err := savepointinfo.OpenFS(t.Context(), ft.fsys(), ft.dir)
		oneLineError(t, err, []string{ft.dir + "/_metadata", "connection lost after 0 bytes, 3 resumes"}, ft.secrets...)
	})
	t.Run("interrupted mid-body", func(t *testing.T) {
		ft := setup(t)
		ft.proxy.Stall("/_metadata", 20000)
		interrupt := errors.New("interrupted")
		ctx, cancel := context.WithCancelCause(t.Context())
		defer cancel(nil)
		var sent atomic.Int64
		sent.Store(time.Now().UnixNano())
		go func() {
			for ft.proxy.CutsDone() == 0 && ctx.Err() == nil {
				time.Sleep(10 * time.Millisecond)
			}
			time.Sleep(100 * time.Millisecond)
			sent.Store(time.Now().UnixNano())
			cancel(interrupt)
		}()
		_, err := savepointinfo.OpenFS(ctx, ft.fsys(), ft.dir)
		took := time.Since(time.Unix(0, sent.Load()))
		if !errors.Is(err, interrupt) {
			t.Errorf("error %v does not wrap the cause", err)
		}
		oneLineError(t, err, []string{ft.dir, "interrupted"}, ft.secrets...)
		if took > 500*time.Millisecond {
			t.Errorf("returned %v after the cancel", took)
		}
	})
}
