package savepointinfo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

// Opener opens the files of one savepoint for ranged reads. StateMeta reads
// _metadata and the state files through it, and only the bytes it needs, so
// that a remote file system can serve them with range requests.
//
// The name is MetadataFileName, a file name relative to the savepoint
// directory (Flink's relative state handles), or an absolute path or URI as
// Flink wrote it (file:/…, s3://…).
type Opener interface {
	Open(name string) (File, error)
}

// File is an open savepoint file: random access and its size.
type File interface {
	io.ReaderAt
	io.Closer
	Size() int64
}

// countingReaderAt counts the bytes read through it, so that callers (and
// the benchmark) can see that only the descriptions were read.
type countingReaderAt struct {
	r io.ReaderAt
	n *int64
}

func (c countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	*c.n += int64(n)
	return n, err
}

// errNoOpener is returned when a decoded Metadata has no directory to read
// state files from.
var errNoOpener = errors.New("savepointinfo: state descriptions need the savepoint's files: the metadata was not read with Open, so pass an Opener")

// fsOpener opens the files of a savepoint through a savepointfs.FS, by
// ranged reads: the opener of every Metadata read with OpenFS, local or
// remote, so that state files are found and bounded by one set of rules.
type fsOpener struct {
	ctx  context.Context //nolint:containedctx // StateMeta's Opener has no context of its own
	fsys savepointfs.FS
	dir  string
}

// Open implements Opener. Relative names are resolved against the
// savepoint directory, absolute ones (a URI, a path) are read as written.
func (o fsOpener) Open(name string) (File, error) {
	uri := name
	if savepointfs.Scheme(name) == "" && !filepath.IsAbs(savepointfs.LocalPath(name)) {
		if strings.Contains(name, "..") || strings.Contains(name, "/") {
			return nil, fmt.Errorf("state file %q is not a file name inside the savepoint directory", name)
		}
		uri = savepointfs.Join(o.dir, name)
	}
	info, err := o.fsys.Stat(o.ctx, uri)
	if err != nil {
		return nil, err
	}
	if info.IsDir {
		return nil, fmt.Errorf("state file %s is a directory", info.URI)
	}
	return fsFile{o: o, uri: info.URI, size: info.Size}, nil
}

type fsFile struct {
	o    fsOpener
	uri  string
	size int64
}

func (f fsFile) ReadAt(p []byte, off int64) (int, error) {
	return f.o.fsys.ReadAt(f.o.ctx, f.uri, p, off)
}
func (f fsFile) Close() error { return nil }
func (f fsFile) Size() int64  { return f.size }
