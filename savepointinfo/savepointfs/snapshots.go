package savepointfs

import (
	"context"
	"encoding/hex"
	"regexp"
	"sort"
	"strings"
)

// Snapshot is one savepoint or retained checkpoint found under a directory.
type Snapshot struct {
	// Dir is the savepoint or chk-N directory.
	Dir      string
	Metadata Info
	// Kind is "savepoint" or "checkpoint", from the directory's name.
	Kind string
	// JobID is the job's ID as the path tells it: whole for a checkpoint
	// (DIR/<job>/chk-N), its first 6 hex digits for a savepoint
	// (savepoint-<6 digits>-<random>); "" when the path does not tell.
	JobID string
	// Size is the bytes of the files inside Dir (state files shared
	// between checkpoints live outside it and are not counted).
	Size int64
}

var (
	savepointDir  = regexp.MustCompile(`^savepoint-([0-9a-f]{6})-[0-9a-f]+$`)
	checkpointDir = regexp.MustCompile(`^chk-[0-9]+$`)
)

// Snapshots lists the savepoints and retained checkpoints in dir, newest
// _metadata first: dir itself when it is one, its subdirectories holding a
// _metadata file, and the chk-N directories of each job directory
// (state.checkpoints.dir/<job ID>/chk-N).
func Snapshots(ctx context.Context, fsys FS, dir string) ([]Snapshot, error) {
	entries, err := fsys.List(ctx, dir)
	if err != nil {
		return nil, err
	}
	if s, ok := snapshotIn(dir, "", entries); ok {
		return []Snapshot{s}, nil
	}
	var out []Snapshot
	for _, e := range entries {
		if !e.IsDir {
			continue
		}
		inner, err := fsys.List(ctx, e.URI)
		if err != nil {
			return nil, err
		}
		if s, ok := snapshotIn(e.URI, "", inner); ok {
			out = append(out, s)
			continue
		}
		if !isJobID(e.Name()) {
			continue
		}
		for _, c := range inner {
			if !c.IsDir || !checkpointDir.MatchString(c.Name()) {
				continue
			}
			files, err := fsys.List(ctx, c.URI)
			if err != nil {
				return nil, err
			}
			if s, ok := snapshotIn(c.URI, e.Name(), files); ok {
				out = append(out, s)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if a, b := out[i].Metadata.ModTime, out[j].Metadata.ModTime; !a.Equal(b) {
			return a.After(b)
		}
		return out[i].Dir > out[j].Dir
	})
	return out, nil
}

func isJobID(name string) bool {
	_, err := hex.DecodeString(name)
	return len(name) == 32 && err == nil
}

// snapshotIn describes dir when its entries hold a _metadata file.
func snapshotIn(dir, job string, entries []Info) (Snapshot, bool) {
	s := Snapshot{Dir: dir, JobID: job, Kind: "savepoint"}
	found := false
	for _, e := range entries {
		if e.IsDir {
			continue
		}
		s.Size += e.Size
		if e.Name() == MetadataFileName {
			s.Metadata, found = e, true
		}
	}
	name := dir[strings.LastIndexAny(strings.TrimRight(dir, "/\\"), "/\\")+1:]
	switch {
	case checkpointDir.MatchString(name):
		s.Kind = "checkpoint"
	case savepointDir.MatchString(name) && s.JobID == "":
		s.JobID = savepointDir.FindStringSubmatch(name)[1]
	}
	return s, found
}
