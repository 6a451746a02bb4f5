package savepointfs

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Local reads the local file system: plain paths and file:// URIs. A URI
// of another scheme is refused by name rather than looked up as a path.
type Local struct{}

// localPath is the path of uri, or an error naming a remote scheme.
func localPath(uri string) (string, error) {
	if s := Scheme(uri); s != "" {
		return "", fmt.Errorf("%s: scheme %q is not a local file system", uri, s)
	}
	return LocalPath(uri), nil
}

// regularFile is the path of uri if it names a regular file. Only regular
// files are read: a FIFO or a device would block or read without end, and
// Flink writes regular files.
func regularFile(uri string) (string, error) {
	p, err := localPath(uri)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(p)
	if err != nil {
		return "", err
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("%s: not a regular file (%s)", p, fi.Mode().Type())
	}
	return p, nil
}

// Stat implements FS.
func (Local) Stat(_ context.Context, uri string) (Info, error) {
	p, err := localPath(uri)
	if err != nil {
		return Info{}, err
	}
	fi, err := os.Stat(p)
	if err != nil {
		return Info{}, err
	}
	return Info{URI: p, Size: fi.Size(), ModTime: fi.ModTime(), IsDir: fi.IsDir()}, nil
}

// Open implements FS.
func (Local) Open(_ context.Context, uri string) (io.ReadCloser, error) {
	p, err := regularFile(uri)
	if err != nil {
		return nil, err
	}
	return os.Open(p)
}

// ReadAt implements FS.
func (Local) ReadAt(_ context.Context, uri string, b []byte, off int64) (int, error) {
	p, err := regularFile(uri)
	if err != nil {
		return 0, err
	}
	f, err := os.Open(p)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return f.ReadAt(b, off)
}

// List implements FS.
func (Local) List(_ context.Context, dir string) ([]Info, error) {
	d, err := localPath(dir)
	if err != nil {
		return nil, err
	}
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
