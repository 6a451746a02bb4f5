// Package atomicfile writes the files uidcheck produces or edits (fixed
// sources, uids.lock, baselines, reports) so that no reader, crash, full
// disk or file-size limit ever leaves a partial file: the new content goes to
// a temporary file in the target's directory, is synced, and is renamed over
// the target. The rename is atomic on POSIX file systems, so the target
// holds either the old bytes or the new ones.
package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/google/renameio/v2"
)

// ErrChanged reports that a file no longer holds the content it was read
// with, so an edit computed from that content must not be written.
var ErrChanged = errors.New("file changed since it was read")

// Write replaces the file at path with data, or creates it with perm. An
// existing file keeps its permissions and, when it uses CRLF line endings
// and data has bare LFs only, its line endings. A symlink is followed: the
// file it points to is replaced and the link stays.
func Write(path string, data []byte, perm fs.FileMode) error {
	target, err := resolve(path)
	if err != nil {
		return err
	}
	old, err := os.ReadFile(target) //nolint:gosec // the user names the files uidcheck writes
	if err == nil && usesCRLF(old) && !bytes.Contains(data, []byte("\r\n")) {
		data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
	}
	return write(target, data, perm)
}

// Replace writes data over the file at path only if the file still holds
// want; otherwise it returns an error wrapping ErrChanged and leaves the
// file alone. The file keeps its permissions and data is written as given.
func Replace(path string, want, data []byte) error {
	target, err := resolve(path)
	if err != nil {
		return err
	}
	cur, err := os.ReadFile(target)
	if err != nil {
		return err
	}
	if !bytes.Equal(cur, want) {
		return fmt.Errorf("%s: %w", path, ErrChanged)
	}
	return write(target, data, 0)
}

// resolve follows symlinks to the file that is to be replaced; a path that
// does not exist yet is its own target.
func resolve(path string) (string, error) {
	target, err := filepath.EvalSymlinks(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, nil
	}
	return target, err
}

// write writes through a synced temporary file in target's directory. An
// existing target's permission bits are kept; perm applies to a new file.
func write(target string, data []byte, perm fs.FileMode) error {
	if info, err := os.Stat(target); err == nil && !info.Mode().IsRegular() { //nolint:gosec // the user names the files uidcheck writes
		return fmt.Errorf("%s: not a regular file", target)
	}
	err := renameio.WriteFile(target, data, perm, renameio.WithTempDir(filepath.Dir(target)))
	if err != nil {
		return fmt.Errorf("write %s: %w", target, unwrap(err))
	}
	return nil
}

// usesCRLF reports whether the first line of b ends with CRLF.
func usesCRLF(b []byte) bool {
	i := bytes.IndexByte(b, '\n')
	return i > 0 && b[i-1] == '\r'
}

// unwrap drops the *PathError naming the temporary file, whose name means
// nothing to the user; the caller names the target.
func unwrap(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}
