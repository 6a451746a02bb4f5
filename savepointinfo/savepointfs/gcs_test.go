package savepointfs_test

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/internal/emulator"
	"github.com/uidcheck/uidcheck/internal/faultproxy"

	"github.com/uidcheck/uidcheck/savepointinfo"
	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

// startGCS runs fake-gcs-server on loopback with the fixture at
// gs://sp/savepoints/one, behind a fault proxy, and points the client at
// the proxy.
func startGCS(t *testing.T) *faultproxy.Proxy {
	t.Helper()
	proxy := faultproxy.New(t, emulator.StartGCS(t, "sp", "savepoints/one", fixture))
	t.Setenv("STORAGE_EMULATOR_HOST", strings.TrimPrefix(proxy.URL, "http://"))
	return proxy
}

func TestGCSReadsTheSameSavepointAsLocal(t *testing.T) {
	startGCS(t)
	for _, loc := range []string{"gs://sp/savepoints/one", "gs://sp/savepoints/one/_metadata", "latest:gs://sp/savepoints"} {
		t.Run(loc, func(t *testing.T) {
			sameAsLocal(t, savepointfs.New(fastRetries()), loc, "gs://sp/savepoints/one/_metadata")
		})
	}
}

func TestGCSRangedHeaderRead(t *testing.T) {
	proxy := startGCS(t)
	rangedHeaderRead(t, proxy, savepointfs.New(fastRetries()), "gs://sp/savepoints/one/_metadata")
}

func TestGCSFaults(t *testing.T) {
	testFaults(t, func(t *testing.T) faultTarget {
		t.Helper()
		proxy := startGCS(t)
		return faultTarget{
			proxy: proxy, dir: "gs://sp/savepoints/one",
			fsys:      func() savepointfs.FS { return savepointfs.New(fastRetries()) },
			throttle:  []http.HandlerFunc{faultproxy.GCSThrottle(http.StatusTooManyRequests), faultproxy.GCSThrottle(http.StatusServiceUnavailable)},
			throttled: []string{"HTTP 503"},
		}
	})
}

func TestGCSErrors(t *testing.T) {
	cases := []struct {
		name, location string
		setup          func(*testing.T, *faultproxy.Proxy) (secret string)
		want           []string
	}{
		{
			name: "wrong credentials", location: "gs://sp/savepoints/one",
			setup: func(t *testing.T, _ *faultproxy.Proxy) string {
				t.Helper()
				file, key := emulator.RefusedGoogleCredentials(t)
				t.Setenv("STORAGE_EMULATOR_HOST", "")
				t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", file)
				return key
			},
			want: []string{"invalid_grant", "GOOGLE_APPLICATION_CREDENTIALS"},
		},
		{name: "missing bucket", location: "gs://nobucket/savepoints/one", want: []string{"bucket does not exist"}},
		{name: "missing _metadata", location: "gs://sp/savepoints", want: []string{"no _metadata"}},
		{name: "missing directory", location: "gs://sp/savepoints/none", want: []string{"does not exist"}},
		{
			name: "connection refused", location: "gs://sp/savepoints/one",
			setup: func(_ *testing.T, p *faultproxy.Proxy) string { _ = p.Close(); return "" },
			want:  []string{"connection refused"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			proxy := startGCS(t)
			secret := ""
			if c.setup != nil {
				secret = c.setup(t, proxy)
			}
			_, err := savepointinfo.OpenFS(t.Context(), savepointfs.New(fastRetries()), c.location)
			oneLineError(t, err, append(c.want, c.location), secret, "PRIVATE KEY")
		})
	}
}

func TestGCSWithoutCredentials(t *testing.T) {
	t.Setenv("STORAGE_EMULATOR_HOST", "")
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", filepath.Join(t.TempDir(), "missing.json"))
	_, err := savepointinfo.OpenFS(t.Context(), savepointfs.New(savepointfs.Config{}), "gs://sp/savepoints/one")
	if err == nil || !strings.Contains(err.Error(), "gs://sp/savepoints/one") || !strings.Contains(err.Error(), "credentials") || strings.Contains(err.Error(), "\n") {
		t.Errorf("error %v, want one line naming the URI and the credentials", err)
	}
	t.Log(err)
}
