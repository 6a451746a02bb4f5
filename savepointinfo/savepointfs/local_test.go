package savepointfs_test

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

// Local names a remote scheme instead of looking it up as a relative path,
// and refuses a FIFO at once instead of blocking on it: state files of
// local savepoints are read through it.
func TestLocalRefuses(t *testing.T) {
	t.Parallel()
	fifo := filepath.Join(t.TempDir(), "state")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	var local savepointfs.Local
	for uri, want := range map[string]string{
		"s3://b/sp/_metadata": `scheme "s3" is not a local file system`,
		fifo:                  "not a regular file",
	} {
		var buf [8]byte
		_, err := local.ReadAt(t.Context(), uri, buf[:], 0)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadAt(%s): %v, want %q", uri, err, want)
		}
		if _, err := local.Open(t.Context(), uri); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Open(%s): %v, want %q", uri, err, want)
		}
	}
	if _, err := local.Stat(t.Context(), "gs://b/x"); err == nil || !strings.Contains(err.Error(), `scheme "gs"`) {
		t.Errorf("Stat(gs://b/x): %v", err)
	}
	if _, err := local.List(t.Context(), "abfss://c@a.dfs.core.windows.net/x"); err == nil || !strings.Contains(err.Error(), `scheme "abfss"`) {
		t.Errorf("List(abfss://…): %v", err)
	}
}
