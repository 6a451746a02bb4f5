package savepointfs_test

import (
	"os"
	"path/filepath"
	"time"
)

// mkfile writes a one-byte file with its parents and sets its time.
func mkfile(p string, mtime time.Time) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		return err
	}
	return os.Chtimes(p, mtime, mtime)
}
