package savepointfs

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// Config is what the backends read besides each ecosystem's own
// environment and files.
type Config struct {
	// Flink returns the first of the keys set in the Flink configuration
	// (s3.endpoint, fs.s3a.access.key, …); nil when there is none.
	Flink func(keys ...string) string
	// MaxBackoff caps the wait between retries of a throttled or failed
	// request; 0 means 5 s.
	MaxBackoff time.Duration
	// RequestTimeout bounds connecting and waiting for each response's
	// headers, not the body, which streams for as long as it needs; 0
	// means 30 s, the REST client's bound.
	RequestTimeout time.Duration
}

// attempts bounds the tries of one request on every object store:
// throttling (429, 503 SlowDown) and 5xx responses are retried with
// exponential backoff.
const attempts = 5

func (c Config) maxBackoff() time.Duration {
	if c.MaxBackoff > 0 {
		return c.MaxBackoff
	}
	return 5 * time.Second
}

func (c Config) requestTimeout() time.Duration {
	if c.RequestTimeout > 0 {
		return c.RequestTimeout
	}
	return 30 * time.Second
}

// dialer bounds connecting like the response wait, so that a silent
// endpoint fails as a dead one does.
func (c Config) dialer() *net.Dialer {
	return &net.Dialer{Timeout: min(c.requestTimeout(), 10*time.Second), KeepAlive: 30 * time.Second}
}

// transport is the HTTP transport of the GCS and Azure clients, bounded as
// newHTTPClient bounds S3's.
func (c Config) transport() *http.Transport {
	t := &http.Transport{
		Proxy: http.ProxyFromEnvironment, ForceAttemptHTTP2: true,
		MaxIdleConns: 100, IdleConnTimeout: 90 * time.Second, ExpectContinueTimeout: time.Second,
	}
	t.DialContext = c.dialer().DialContext
	t.TLSHandshakeTimeout = c.dialer().Timeout
	t.ResponseHeaderTimeout = c.requestTimeout()
	return t
}

func (c Config) flink(keys ...string) string {
	if c.Flink == nil {
		return ""
	}
	return c.Flink(keys...)
}

// Router is the FS of every supported scheme. A backend's client is built
// on first use, so that a local path never loads cloud credentials.
type Router struct {
	cfg   Config
	local Local

	s3Once sync.Once
	s3     *S3
	s3Err  error

	gcsOnce sync.Once
	gcs     *GCS
	gcsErr  error

	azOnce sync.Once
	az     *Azure
}

// New returns the FS that dispatches each URI to its scheme's backend.
func New(cfg Config) *Router { return &Router{cfg: cfg} }

func (r *Router) backend(ctx context.Context, uri string) (FS, error) {
	switch s := Scheme(uri); s {
	case "":
		return r.local, nil
	case "s3", "s3a", "s3p":
		r.s3Once.Do(func() { r.s3, r.s3Err = NewS3(ctx, r.cfg) })
		if r.s3Err != nil {
			return nil, r.s3Err
		}
		return r.s3, nil
	case "gs":
		r.gcsOnce.Do(func() { r.gcs, r.gcsErr = NewGCS(ctx, r.cfg) })
		if r.gcsErr != nil {
			return nil, fmt.Errorf("%s: %w", uri, r.gcsErr)
		}
		return r.gcs, nil
	case "abfs", "abfss", "wasb", "wasbs":
		r.azOnce.Do(func() { r.az = NewAzure(r.cfg) })
		return r.az, nil
	default:
		return nil, unsupported(uri, s)
	}
}

// Stat implements FS.
func (r *Router) Stat(ctx context.Context, uri string) (Info, error) {
	b, err := r.backend(ctx, uri)
	if err != nil {
		return Info{}, err
	}
	return b.Stat(ctx, uri)
}

// Open implements FS.
func (r *Router) Open(ctx context.Context, uri string) (io.ReadCloser, error) {
	b, err := r.backend(ctx, uri)
	if err != nil {
		return nil, err
	}
	return b.Open(ctx, uri)
}

// ReadAt implements FS.
func (r *Router) ReadAt(ctx context.Context, uri string, p []byte, off int64) (int, error) {
	b, err := r.backend(ctx, uri)
	if err != nil {
		return 0, err
	}
	return b.ReadAt(ctx, uri, p, off)
}

// List implements FS.
func (r *Router) List(ctx context.Context, dir string) ([]Info, error) {
	b, err := r.backend(ctx, dir)
	if err != nil {
		return nil, err
	}
	return b.List(ctx, dir)
}
