// Package faultproxy is a reverse proxy on loopback that puts the faults an
// object-store client must survive or report in front of a real server
// (internal/s3server, moto, fake-gcs-server, Azurite): throttling
// responses, connections cut in the middle of a body, and bodies that stall
// until the client gives up. It is the tests' one fault-injection mechanism;
// the servers behind it run unchanged.
package faultproxy

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// Request is one request the proxy received.
type Request struct {
	Method, Path string
	// Range is the Range (or Azure's x-ms-range) header, "" for none.
	Range string
}

// Proxy forwards every request to its target unless a fault is armed.
type Proxy struct {
	// URL is http://127.0.0.1:port.
	URL string
	srv *http.Server

	mu        sync.Mutex
	log       []Request
	throttle  int
	replies   []http.HandlerFunc
	replied   int
	cutSuffix string
	cutAfter  int64
	cuts      int
	cutDone   int
	stall     bool
}

// New starts a proxy to target (http://host:port) and stops it when the
// test ends.
func New(tb testing.TB, target string) *Proxy {
	tb.Helper()
	u, err := url.Parse(target)
	if err != nil {
		tb.Fatal(err)
	}
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	// Pass bodies as the server sent them: no gzip the client did not ask for.
	tr := &http.Transport{DisableCompression: true}
	rp := &httputil.ReverseProxy{
		// The Host header is kept: clients sign it (SigV4).
		Rewrite: func(r *httputil.ProxyRequest) {
			r.Out.URL.Scheme, r.Out.URL.Host = u.Scheme, u.Host
		},
		Transport: tr,
		// Every byte goes out at once, so that a cut lands where it is set.
		FlushInterval: -1,
		ErrorHandler: func(w http.ResponseWriter, _ *http.Request, err error) {
			http.Error(w, err.Error(), http.StatusBadGateway)
		},
	}
	p := &Proxy{URL: "http://" + ln.Addr().String()}
	p.srv = &http.Server{Handler: p.handler(rp), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = p.srv.Serve(ln) }()
	tb.Cleanup(func() { _ = p.Close() })
	return p
}

// Close stops the proxy; later requests are refused, as when the network
// is gone.
func (p *Proxy) Close() error { return p.srv.Close() }

// Requests are the requests received so far.
func (p *Proxy) Requests() []Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Request(nil), p.log...)
}

// Throttle answers the next n requests with replies, in turn, instead of
// forwarding them.
func (p *Proxy) Throttle(n int, replies ...http.HandlerFunc) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.throttle, p.replies, p.replied = n, replies, 0
}

// Cut closes the connection of the next n responses to GETs of the bytes
// of an object whose path ends with suffix, after sending after bytes of
// their body; a shorter body passes whole and does not count. GCS's JSON
// descriptions of the object (alt=json) are not cut.
func (p *Proxy) Cut(suffix string, after int64, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cutSuffix, p.cutAfter, p.cuts, p.cutDone, p.stall = suffix, after, n, 0, false
}

// Stall is Cut that, instead of closing, holds the connection open without
// sending more until the client goes away: a read hanging mid-body.
func (p *Proxy) Stall(suffix string, after int64) {
	p.Cut(suffix, after, 1<<30)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stall = true
}

// CutsDone is how many responses were cut or stalled.
func (p *Proxy) CutsDone() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cutDone
}

// takeCut claims one of the armed cuts.
func (p *Proxy) takeCut() (stall, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cuts == 0 {
		return false, false
	}
	p.cuts--
	p.cutDone++
	return p.stall, true
}

func (p *Proxy) handler(next http.Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rng := r.Header.Get("Range")
		if rng == "" {
			rng = r.Header.Get("X-Ms-Range")
		}
		p.mu.Lock()
		p.log = append(p.log, Request{Method: r.Method, Path: r.URL.Path, Range: rng})
		var reply http.HandlerFunc
		if p.throttle > 0 {
			p.throttle--
			reply = p.replies[p.replied%len(p.replies)]
			p.replied++
		}
		cut := int64(-1)
		if p.cuts > 0 && r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, p.cutSuffix) && r.URL.Query().Get("alt") != "json" {
			cut = p.cutAfter
		}
		p.mu.Unlock()
		switch {
		case reply != nil:
			reply(w, r)
		case cut >= 0:
			next.ServeHTTP(&cutWriter{ResponseWriter: w, ctx: r.Context(), left: cut, p: p}, r)
		default:
			next.ServeHTTP(w, r)
		}
	}
}

// cutWriter passes the first left bytes of a body and then fails the
// write, which makes the reverse proxy abort the connection; or, stalled,
// waits for the client to leave first.
type cutWriter struct {
	http.ResponseWriter
	ctx  context.Context
	left int64
	p    *Proxy
	done bool
}

var errCut = errors.New("faultproxy: connection cut")

func (c *cutWriter) Write(b []byte) (int, error) {
	if c.done {
		return 0, errCut
	}
	if int64(len(b)) <= c.left {
		c.left -= int64(len(b))
		return c.ResponseWriter.Write(b)
	}
	stall, ok := c.p.takeCut()
	if !ok {
		// Another response took the last cut.
		c.left = 1 << 62
		return c.ResponseWriter.Write(b)
	}
	n, _ := c.ResponseWriter.Write(b[:c.left])
	c.Flush()
	c.done = true
	if stall {
		<-c.ctx.Done()
	}
	return n, errCut
}

// Flush lets the reverse proxy stream.
func (c *cutWriter) Flush() {
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// The throttling replies of each service, in its own error format.

// S3Throttle replies as S3 does to too high a request rate (SlowDown).
func S3Throttle(status int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(status)
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>`)
	}
}

// GCSThrottle replies as the GCS JSON API does (429 rateLimitExceeded,
// 503 backendError).
func GCSThrottle(status int) http.HandlerFunc {
	reason := "backendError"
	if status == http.StatusTooManyRequests {
		reason = "rateLimitExceeded"
	}
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error":{"code":%d,"message":"Please try again.","errors":[{"reason":%q}]}}`, status, reason)
	}
}

// AzureThrottle replies as Azure Storage does (ServerBusy).
func AzureThrottle(status int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("x-ms-error-code", "ServerBusy")
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(status)
		fmt.Fprint(w, `<?xml version="1.0" encoding="utf-8"?><Error><Code>ServerBusy</Code><Message>The server is busy.</Message></Error>`)
	}
}
