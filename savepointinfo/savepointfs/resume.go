package savepointfs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"
)

// maxResumes bounds how often one stream is reopened after its connection
// dropped.
const maxResumes = 3

// errReopenedTooOften cancels a read whose client reopens dropped
// connections itself (Google's, without limit) once it has done so
// maxResumes times, so that it ends as a read resumed here does.
var errReopenedTooOften = errors.New("reopened too often")

// resumer streams an object and, when the connection drops mid-read,
// reopens it at the offset reached, so that a long _metadata read survives a
// reset without starting over.
type resumer struct {
	ctx     context.Context
	uri     string
	body    io.ReadCloser
	reopen  func(ctx context.Context, off int64) (io.ReadCloser, error)
	off     int64
	resumed int
}

func newResumer(ctx context.Context, uri string, body io.ReadCloser, reopen func(context.Context, int64) (io.ReadCloser, error)) *resumer {
	return &resumer{ctx: ctx, uri: uri, body: body, reopen: reopen}
}

func (r *resumer) Read(p []byte) (int, error) {
	n, err := r.body.Read(p)
	r.off += int64(n)
	if err == nil || errors.Is(err, io.EOF) {
		return n, err
	}
	if r.ctx.Err() != nil {
		if cause := context.Cause(r.ctx); errors.Is(cause, errReopenedTooOften) {
			return n, fmt.Errorf("%s: connection lost after %d bytes, %d resumes", r.uri, r.off, maxResumes)
		}
		return n, fmt.Errorf("%s: %w", r.uri, context.Cause(r.ctx))
	}
	for r.resumed < maxResumes {
		r.resumed++
		_ = r.body.Close()
		select {
		case <-time.After(time.Duration(r.resumed) * 200 * time.Millisecond):
		case <-r.ctx.Done():
			return n, fmt.Errorf("%s: %w", r.uri, context.Cause(r.ctx))
		}
		body, oerr := r.reopen(r.ctx, r.off)
		if oerr != nil {
			return n, oerr
		}
		r.body = body
		if n > 0 {
			return n, nil
		}
		if n, err = r.body.Read(p); err == nil || errors.Is(err, io.EOF) {
			r.off += int64(n)
			return n, err
		}
		r.off += int64(n)
	}
	return n, fmt.Errorf("%s: connection lost after %d bytes, %d resumes: %w", r.uri, r.off, r.resumed, err)
}

func (r *resumer) Close() error { return r.body.Close() }
