package savepointinfo

import (
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
	p, err := localPath(location)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("open savepoint: %w", err)
	}
	if info.IsDir() {
		p = filepath.Join(p, MetadataFileName)
		if info, err = os.Stat(p); err != nil {
			return nil, fmt.Errorf("open savepoint: %w", err)
		}
	}
	f, err := os.Open(p)
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

// localPath turns a file:// URI (file:/x, file:///x) into a path; other
// schemes (hdfs, s3, …) are not readable here.
func localPath(location string) (string, error) {
	if !strings.Contains(location, ":") || filepath.VolumeName(location) != "" {
		return location, nil
	}
	u, err := url.Parse(location)
	if err != nil || u.Scheme == "" {
		return location, nil //nolint:nilerr // not a URI: a plain path containing a colon
	}
	if u.Scheme != "file" {
		return "", fmt.Errorf("open savepoint %s: scheme %q is not supported; copy the _metadata file locally", location, u.Scheme)
	}
	return u.Path, nil
}
