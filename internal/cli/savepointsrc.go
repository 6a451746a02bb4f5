package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/uidcheck/uidcheck/flinkrest"
	"github.com/uidcheck/uidcheck/savepointinfo"
	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

// openSavepoint decodes the savepoint every -s/--savepoint names: a local
// path, a URI of a store savepointfs reads (docs/savepoints.md), or
// latest:DIR.
func openSavepoint(ctx context.Context, f *Factory, location string) (*savepointinfo.Metadata, error) {
	fsys, err := savepointFS(f, location)
	if err != nil {
		return nil, err
	}
	return savepointinfo.OpenFS(ctx, fsys, location)
}

// savepointFS is the file system of location. For a remote one it reads
// the Flink configuration of $FLINK_CONF_DIR, whose s3.* and fs.s3a.* keys
// (endpoint, path-style access, keys) override the SDK's defaults as they
// do for Flink's own S3 plugins.
func savepointFS(f *Factory, location string) (savepointfs.FS, error) {
	var cfg flinkrest.FlinkConfig
	if dir := f.IO.Getenv("FLINK_CONF_DIR"); dir != "" && savepointfs.Scheme(strings.TrimPrefix(location, savepointfs.LatestPrefix)) != "" {
		var err error
		if cfg, err = flinkrest.LoadConfig(dir); err != nil {
			return nil, fmt.Errorf("FLINK_CONF_DIR: %w", err)
		}
	}
	return savepointfs.New(savepointfs.Config{Flink: cfg.Get}), nil
}

// resolveLatest turns latest:DIR into the newest savepoint's directory, so
// that reports name it and Flink is given a path it reads; other locations
// are returned as they are.
func resolveLatest(ctx context.Context, f *Factory, location string) (string, error) {
	if !strings.HasPrefix(location, savepointfs.LatestPrefix) {
		return location, nil
	}
	fsys, err := savepointFS(f, location)
	if err != nil {
		return "", err
	}
	info, err := savepointfs.Metadata(ctx, fsys, location)
	if err != nil {
		return "", fmt.Errorf("open savepoint: %w", err)
	}
	return savepointfs.Dir(info.URI), nil
}
