//go:build unix

package driver

import (
	"errors"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// A FIFO named like Java source, met in a walk or named, is reported and
// never opened: opening it would block until a writer comes.
func TestCollectFIFO(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "A.java"), "class A {}")
	fifo := filepath.Join(dir, "Fifo.java")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	files, errs := Collect([]string{dir, fifo})
	if !slices.Equal(files, []string{filepath.Join(dir, "A.java")}) || len(errs) != 2 {
		t.Fatalf("files %q, errors %v; want A.java and two errors", files, errs)
	}
	for _, err := range errs {
		if fe, ok := errors.AsType[*FileError](err); !ok || fe.Path != fifo || fe.Err.Error() != "not a regular file (p---------)" {
			t.Errorf("error %v, want %s: not a regular file", err, fifo)
		}
	}
	if _, err := load(fifo, DefaultMaxFileSize); err == nil {
		t.Error("load opened a FIFO")
	}
}
