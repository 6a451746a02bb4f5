package savepointfs

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Local reads the local file system: plain paths and file:// URIs.
type Local struct{}

// Stat implements FS.
func (Local) Stat(_ context.Context, uri string) (Info, error) {
	p := LocalPath(uri)
	fi, err := os.Stat(p)
	if err != nil {
		return Info{}, err
	}
	return Info{URI: p, Size: fi.Size(), ModTime: fi.ModTime(), IsDir: fi.IsDir()}, nil
}

// Open implements FS. Only regular files are opened: a FIFO or a device
// would block or read without end, and Flink writes regular files.
func (Local) Open(_ context.Context, uri string) (io.ReadCloser, error) {
	p := LocalPath(uri)
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file (%s)", p, fi.Mode().Type())
	}
	return os.Open(p)
}

// ReadAt implements FS.
func (Local) ReadAt(_ context.Context, uri string, p []byte, off int64) (int, error) {
	f, err := os.Open(LocalPath(uri))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return f.ReadAt(p, off)
}

// List implements FS.
func (Local) List(_ context.Context, dir string) ([]Info, error) {
	d := LocalPath(dir)
	entries, err := os.ReadDir(d)
	if err != nil {
		return nil, err
	}
	out := make([]Info, 0, len(entries))
	for _, e := range entries {
		fi, err := e.Info()
		if err != nil {
			continue // removed while listing
		}
		out = append(out, Info{URI: filepath.Join(d, e.Name()), Size: fi.Size(), ModTime: fi.ModTime(), IsDir: fi.IsDir()})
	}
	return out, nil
}
