package savepointinfo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

// MetadataFileName is the file Flink writes inside a savepoint directory.
const MetadataFileName = savepointfs.MetadataFileName

// Open decodes the _metadata of a savepoint or checkpoint on the local file
// system, given as a directory, a _metadata file, or a file:// URI of
// either.
func Open(location string, opts ...Option) (*Metadata, error) {
	return OpenFS(context.Background(), savepointfs.Local{}, location, opts...)
}

// OpenFS decodes the _metadata of the savepoint or checkpoint at location,
// read through fsys in one stream: a directory, a _metadata file, either as
// a URI (s3://bucket/savepoints/savepoint-1a2b3c-…), or "latest:DIR" for the
// newest one under DIR. Relative state-file paths are resolved against the
// savepoint's directory URI.
func OpenFS(ctx context.Context, fsys savepointfs.FS, location string, opts ...Option) (*Metadata, error) {
	info, err := savepointfs.Metadata(ctx, fsys, location)
	if err != nil {
		return nil, fmt.Errorf("open savepoint: %w", err)
	}
	r, err := fsys.Open(ctx, info.URI)
	if err != nil {
		return nil, fmt.Errorf("open savepoint: %w", err)
	}
	defer r.Close()
	src := &ioErrReader{r: r}
	all := append([]Option{WithSize(info.Size), WithDir(savepointfs.Dir(info.URI))}, opts...)
	m, err := Decode(src, all...)
	if src.err != nil {
		// The connection failed, not the format: say so, not "malformed".
		return nil, fmt.Errorf("read savepoint: %w", src.err)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", info.URI, err)
	}
	m.Path = info.URI
	m.opener = fsOpener{ctx: ctx, fsys: fsys, dir: savepointfs.Dir(info.URI)}
	return m, nil
}

// ioErrReader remembers the first read error other than end of file.
type ioErrReader struct {
	r   io.Reader
	err error
}

func (e *ioErrReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) && e.err == nil {
		e.err = err
	}
	return n, err
}

// Header reads only the format version of the _metadata file at uri, with
// one ranged read of its first 8 bytes.
func Header(ctx context.Context, fsys savepointfs.FS, uri string) (int, error) {
	var h [8]byte
	n, err := fsys.ReadAt(ctx, uri, h[:], 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return 0, err
	}
	d := &decoder{c: newCursor(bytes.NewReader(h[:n]), int64(n), Limits{}.withDefaults())}
	v := d.header()
	if d.c.err != nil {
		return 0, fmt.Errorf("%s: %w", uri, d.c.err)
	}
	return v, nil
}
