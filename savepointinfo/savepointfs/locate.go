package savepointfs

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// MetadataFileName is the file Flink writes inside a savepoint directory.
const MetadataFileName = "_metadata"

// LatestPrefix selects the newest savepoint or retained checkpoint under a
// directory: "latest:s3://bucket/savepoints".
const LatestPrefix = "latest:"

// Metadata locates the _metadata of the savepoint or checkpoint at
// location: a directory, a _metadata file, either as a URI, or
// "latest:DIR".
func Metadata(ctx context.Context, fsys FS, location string) (Info, error) {
	if location == "" {
		return Info{}, errors.New("the path is empty")
	}
	if dir, ok := strings.CutPrefix(location, LatestPrefix); ok {
		all, err := Snapshots(ctx, fsys, dir)
		if err != nil {
			return Info{}, err
		}
		if len(all) == 0 {
			return Info{}, fmt.Errorf("%s: no savepoint or checkpoint (a directory with a %s file) found", dir, MetadataFileName)
		}
		return all[0].Metadata, nil
	}
	if path.Base(strings.TrimSuffix(location, "/")) == MetadataFileName {
		return fsys.Stat(ctx, location)
	}
	info, err := fsys.Stat(ctx, location)
	if err != nil {
		return Info{}, err
	}
	if !info.IsDir {
		return info, nil
	}
	meta := Join(info.URI, MetadataFileName)
	info, err = fsys.Stat(ctx, meta)
	if errors.Is(err, fs.ErrNotExist) && Scheme(location) != "" {
		return Info{}, fmt.Errorf("%s: no %s in this directory: %w", location, MetadataFileName, fs.ErrNotExist)
	}
	return info, err
}
