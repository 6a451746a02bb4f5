package savepointfs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"os"
	"strings"
	"sync/atomic"

	"cloud.google.com/go/storage"
	"github.com/googleapis/gax-go/v2"
	"google.golang.org/api/googleapi"
	"google.golang.org/api/iterator"
	"google.golang.org/api/option"
	htransport "google.golang.org/api/transport/http"
)

// GCS reads gs:// URIs through cloud.google.com/go/storage with Google's
// application default credentials (GOOGLE_APPLICATION_CREDENTIALS, the
// gcloud user's, the metadata server's); STORAGE_EMULATOR_HOST points it at
// an emulator without credentials.
type GCS struct {
	client *storage.Client
	// creds says where credentials come from, for errors.
	creds string
}

// NewGCS builds the client; it fails when no credentials are found.
func NewGCS(ctx context.Context, cfg Config) (*GCS, error) {
	// Our transport bounds the wait for each response; Google's wraps it
	// with the credentials, except for an emulator, which takes none.
	var rt http.RoundTripper = cfg.transport()
	if os.Getenv("STORAGE_EMULATOR_HOST") == "" {
		var err error
		if rt, err = htransport.NewTransport(ctx, rt, option.WithScopes(storage.ScopeReadOnly)); err != nil {
			return nil, fmt.Errorf("no usable application default credentials for Google Cloud Storage: %s", oneLine(err.Error()))
		}
	}
	// JSON API reads: the XML API is not served by every emulator.
	client, err := storage.NewClient(ctx, storage.WithJSONReads(), option.WithHTTPClient(&http.Client{Transport: rt}))
	if err != nil {
		return nil, fmt.Errorf("the client of Google Cloud Storage: %s", oneLine(err.Error()))
	}
	backoff := cfg.maxBackoff()
	// Reads are idempotent: retried on 429, 5xx and connection errors.
	client.SetRetry(storage.WithBackoff(gax.Backoff{Initial: backoff / 50, Max: backoff, Multiplier: 2}),
		storage.WithMaxAttempts(attempts), storage.WithPolicy(storage.RetryAlways))
	creds := "application default credentials"
	switch {
	case os.Getenv("STORAGE_EMULATOR_HOST") != "":
		creds = "the emulator at STORAGE_EMULATOR_HOST" //nolint:gosec // names a source, holds no secret
	case os.Getenv("GOOGLE_APPLICATION_CREDENTIALS") != "":
		creds = "application default credentials from GOOGLE_APPLICATION_CREDENTIALS"
	}
	return &GCS{client: client, creds: creds}, nil
}

// Stat implements FS; a name with objects under "name/" is a directory.
func (g *GCS) Stat(ctx context.Context, uri string) (Info, error) {
	head, bucket, key := objectLocation(uri)
	if key != "" {
		a, err := g.client.Bucket(bucket).Object(key).Attrs(ctx)
		if err == nil {
			return Info{URI: head + "/" + key, Size: a.Size, ModTime: a.Updated}, nil
		}
		if !errors.Is(err, storage.ErrObjectNotExist) {
			return Info{}, g.fail(ctx, "get object", uri, err)
		}
	}
	it := g.client.Bucket(bucket).Objects(ctx, &storage.Query{Prefix: dirPrefix(key)})
	it.PageInfo().MaxSize = 1
	if _, err := it.Next(); errors.Is(err, iterator.Done) {
		if key == "" {
			return Info{URI: head, IsDir: true}, nil
		}
		return Info{}, notExist(uri)
	} else if err != nil {
		return Info{}, g.fail(ctx, "list objects", uri, err)
	}
	return Info{URI: strings.TrimSuffix(head+"/"+key, "/"), IsDir: true}, nil
}

// Open implements FS, resuming a dropped read at the offset reached from
// the same object generation.
func (g *GCS) Open(ctx context.Context, uri string) (io.ReadCloser, error) {
	_, bucket, key := objectLocation(uri)
	obj := g.client.Bucket(bucket).Object(key)
	// Google's reader reopens a dropped read itself, as often as the
	// connection drops; the requests after the first are counted, and the
	// read ends after maxResumes of them, as on the other stores.
	ctx, cancel := context.WithCancelCause(ctx)
	var opened atomic.Bool
	var reopened atomic.Int32
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GetConn: func(string) {
		if opened.Load() && reopened.Add(1) > maxResumes {
			cancel(errReopenedTooOften)
		}
	}})
	r, err := obj.NewReader(ctx)
	if err != nil {
		// Described before the context is released, which fail would take
		// for an interrupt.
		if errors.Is(err, storage.ErrObjectNotExist) {
			err = notExist(uri)
		} else {
			err = g.fail(ctx, "read object", uri, err)
		}
		cancel(nil)
		return nil, err
	}
	opened.Store(true)
	obj = obj.Generation(r.Attrs.Generation)
	reopen := func(ctx context.Context, off int64) (io.ReadCloser, error) {
		r, err := obj.NewRangeReader(ctx, off, -1)
		if err != nil {
			return nil, g.fail(ctx, "read object", uri, err)
		}
		return r, nil
	}
	return cancelOnClose{newResumer(ctx, uri, r, reopen), cancel}, nil
}

// cancelOnClose ends a read's context with the read.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelCauseFunc
}

func (c cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel(nil)
	return err
}

// ReadAt implements FS with one ranged read.
func (g *GCS) ReadAt(ctx context.Context, uri string, p []byte, off int64) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	_, bucket, key := objectLocation(uri)
	r, err := g.client.Bucket(bucket).Object(key).NewRangeReader(ctx, off, int64(len(p)))
	if err != nil {
		var ge *googleapi.Error
		if errors.As(err, &ge) && ge.Code == http.StatusRequestedRangeNotSatisfiable {
			return 0, io.EOF
		}
		if errors.Is(err, storage.ErrObjectNotExist) {
			return 0, notExist(uri)
		}
		return 0, g.fail(ctx, "read object", uri, err)
	}
	defer r.Close()
	n, err := io.ReadFull(r, p)
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return n, io.EOF
	}
	if err != nil {
		return n, fmt.Errorf("%s: read bytes %d-%d: %w", uri, off, off+int64(len(p))-1, err)
	}
	return n, nil
}

// List implements FS.
func (g *GCS) List(ctx context.Context, dir string) ([]Info, error) {
	head, bucket, key := objectLocation(dir)
	prefix := dirPrefix(key)
	it := g.client.Bucket(bucket).Objects(ctx, &storage.Query{Prefix: prefix, Delimiter: "/"})
	var out []Info
	for {
		a, err := it.Next()
		if errors.Is(err, iterator.Done) {
			return out, nil
		}
		if err != nil {
			return nil, g.fail(ctx, "list objects", dir, err)
		}
		switch {
		case a.Prefix != "":
			out = append(out, Info{URI: head + "/" + strings.TrimSuffix(a.Prefix, "/"), IsDir: true})
		case a.Name != prefix:
			out = append(out, Info{URI: head + "/" + a.Name, Size: a.Size, ModTime: a.Updated})
		}
	}
}

// fail makes one line: URI, request, credentials' source, reason.
func (g *GCS) fail(ctx context.Context, op, uri string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%s: %w", uri, context.Cause(ctx))
	}
	reason := oneLine(err.Error())
	var ge *googleapi.Error
	switch {
	case errors.Is(err, storage.ErrBucketNotExist):
		reason = "the bucket does not exist"
	case errors.As(err, &ge):
		reason = strings.TrimSpace(fmt.Sprintf("HTTP %d %s", ge.Code, oneLine(ge.Message)))
	}
	return fmt.Errorf("%s: Google Cloud Storage %s with %s: %s", uri, op, g.creds, reason)
}
