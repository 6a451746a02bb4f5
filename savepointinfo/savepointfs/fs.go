// Package savepointfs reads savepoints where Flink writes them: local
// directories and file:// URIs, object stores (s3://, s3a://, s3p://,
// gs://, abfs[s]://, wasb[s]://) and HDFS (hdfs://), read in place. A
// _metadata file is read as one stream; state files can be read by ranges,
// so that a check needing only the head of each state file never downloads
// it whole.
package savepointfs

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// FS reads one or more file systems, named by the URI scheme.
type FS interface {
	// Stat describes the file or directory at uri. A missing one is an
	// error wrapping fs.ErrNotExist.
	Stat(ctx context.Context, uri string) (Info, error)
	// Open streams the file at uri from its first byte.
	Open(ctx context.Context, uri string) (io.ReadCloser, error)
	// ReadAt reads len(p) bytes at off in one ranged read; fewer only at
	// the end of the file, with io.EOF.
	ReadAt(ctx context.Context, uri string, p []byte, off int64) (int, error)
	// List returns the entries directly inside the directory uri.
	List(ctx context.Context, dir string) ([]Info, error)
}

// Info describes a file or directory.
type Info struct {
	// URI locates it: a path for local files, scheme://bucket/key otherwise.
	URI     string
	Size    int64
	ModTime time.Time
	IsDir   bool
}

// Name is the last element of the URI.
func (i Info) Name() string { return path.Base(strings.TrimSuffix(i.URI, "/")) }

// remoteSchemes are the file systems Flink writes savepoints to. Any other
// "name:" prefix without "//" is part of a local path (a directory named
// "sp:1").
var remoteSchemes = map[string]bool{
	"hdfs": true, "viewfs": true, "s3": true, "s3a": true, "s3n": true, "s3p": true, "gs": true,
	"oss": true, "abfs": true, "abfss": true, "wasb": true, "wasbs": true, "cosn": true, "obs": true,
}

// Scheme is the lower-case URI scheme of a remote location, "" for a local
// path or a file URI.
func Scheme(location string) string {
	if !strings.Contains(location, ":") || filepath.VolumeName(location) != "" {
		return ""
	}
	u, err := url.Parse(location)
	if err != nil || u.Scheme == "" || strings.EqualFold(u.Scheme, "file") {
		return ""
	}
	s := strings.ToLower(u.Scheme)
	if !strings.Contains(location, "://") && !remoteSchemes[s] {
		return ""
	}
	return s
}

// LocalPath turns a file URI (file:/x, file:///x) into a path and returns a
// plain path as it is.
func LocalPath(location string) string {
	if !strings.Contains(location, ":") || filepath.VolumeName(location) != "" {
		return location
	}
	if u, err := url.Parse(location); err == nil && strings.EqualFold(u.Scheme, "file") {
		return u.Path
	}
	return location
}

// Join resolves rel against the directory dir: a path for local
// directories, a URI otherwise. An absolute rel (a URI, or a path for a
// local dir) is returned as it is.
func Join(dir, rel string) string {
	if Scheme(rel) != "" {
		return rel
	}
	if Scheme(dir) == "" {
		return path.Join(dir, rel)
	}
	head, p := splitURI(dir)
	return head + path.Join("/", p, rel)
}

// Dir is the directory holding uri.
func Dir(uri string) string {
	if Scheme(uri) == "" {
		return filepath.Dir(uri)
	}
	head, p := splitURI(uri)
	d := path.Dir(path.Join("/", p))
	if d == "/" {
		return head
	}
	return head + d
}

// splitURI cuts scheme://authority from the path.
func splitURI(uri string) (head, p string) {
	i := strings.Index(uri, "://")
	if i < 0 {
		// s3:bucket/key is not a form Flink writes; keep it whole.
		return uri, ""
	}
	rest := uri[i+3:]
	j := strings.IndexByte(rest, '/')
	if j < 0 {
		return uri, ""
	}
	return uri[:i+3+j], rest[j:]
}

// unsupported names the schemes that are read.
func unsupported(uri, scheme string) error {
	return fmt.Errorf("%s: scheme %q is not supported (read in place: s3, s3a, s3p, gs, abfs, abfss, wasb, wasbs, hdfs, file and local paths); copy the savepoint locally",
		uri, scheme)
}

// notExist says what was looked for on an object store.
func notExist(uri string) error {
	return fmt.Errorf("%s: %w (no object of that name, and none under it)", uri, fs.ErrNotExist)
}
