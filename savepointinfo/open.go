package savepointinfo

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// MetadataFileName is the file Flink writes inside a savepoint directory.
const MetadataFileName = "_metadata"

// Open decodes the _metadata of a savepoint or checkpoint given as a
// directory, a _metadata file, or a file:// URI of either.
func Open(location string, opts ...Option) (*Metadata, error) {
	if location == "" {
		return nil, errors.New("open savepoint: the path is empty")
	}
	p, err := localPath(location)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(p) //nolint:gosec // the user names the savepoint to read
	if err != nil {
		return nil, fmt.Errorf("open savepoint: %w", err)
	}
	if info.IsDir() {
		p = filepath.Join(p, MetadataFileName)
		if info, err = os.Stat(p); err != nil { //nolint:gosec // likewise
			return nil, fmt.Errorf("open savepoint: %w", err)
		}
	}
	// Opening a FIFO or a device would block or read without end; Flink
	// writes _metadata as a regular file.
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("open savepoint %s: not a regular file (%s)", p, info.Mode().Type())
	}
	f, err := os.Open(p) //nolint:gosec // likewise
	if err != nil {
		return nil, fmt.Errorf("open savepoint: %w", err)
	}
	defer f.Close()
	all := append([]Option{WithSize(info.Size()), WithDir(filepath.Dir(p))}, opts...)
	m, err := Decode(f, all...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	m.Path = p
	return m, nil
}

// remoteSchemes are the file systems Flink writes savepoints to without
// "//" in the URI being customary; any other "name:" prefix without "//"
// is part of a local path (a directory named "sp:1").
var remoteSchemes = map[string]bool{
	"hdfs": true, "viewfs": true, "s3": true, "s3a": true, "s3n": true, "s3p": true, "gs": true,
	"oss": true, "abfs": true, "abfss": true, "wasb": true, "wasbs": true, "cosn": true, "obs": true,
}

// localPath turns a file URI (file:/x, file:///x) into a path; other
// schemes (hdfs, s3, …) are not readable here.
func localPath(location string) (string, error) {
	if !strings.Contains(location, ":") || filepath.VolumeName(location) != "" {
		return location, nil
	}
	u, err := url.Parse(location)
	if err != nil || u.Scheme == "" {
		return location, nil //nolint:nilerr // not a URI: a plain path containing a colon
	}
	if u.Scheme != "file" && !strings.Contains(location, "://") && !remoteSchemes[strings.ToLower(u.Scheme)] {
		return location, nil
	}
	if u.Scheme != "file" {
		return "", fmt.Errorf("open savepoint %s: scheme %q is not supported; copy the _metadata file locally", location, u.Scheme)
	}
	return u.Path, nil
}
