package atomicfile

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"testing"
)

func TestWriteKeepsModeAndLineEndings(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "uids.lock")
	if err := os.WriteFile(path, []byte("a\r\nb\r\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("x\ny\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "x\r\ny\r\n" {
		t.Errorf("content %q, want CRLF line endings kept", got)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", info.Mode().Perm())
	}
}

func TestWriteReplacesTheFileASymlinkNames(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	target := filepath.Join(dir, "Job.java")
	link := filepath.Join(dir, "Link.java")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(target); string(got) != "new" {
		t.Errorf("target holds %q", got)
	}
	if info, _ := os.Lstat(link); info.Mode()&os.ModeSymlink == 0 {
		t.Error("the symlink was replaced by a file")
	}
}

func TestReplaceRefusesAChangedFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "Job.java")
	if err := os.WriteFile(path, []byte("edited meanwhile"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Replace(path, []byte("as analysed"), []byte("fixed"))
	if !errors.Is(err, ErrChanged) {
		t.Fatalf("err = %v, want ErrChanged", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "edited meanwhile" {
		t.Errorf("file holds %q", got)
	}
}

// TestFullDiskLeavesTheOriginal writes under a file-size limit (RLIMIT_FSIZE,
// what a full disk or a quota looks like to a writer) in a child process:
// the write fails, the original is byte-identical and no temporary file is
// left behind.
func TestFullDiskLeavesTheOriginal(t *testing.T) {
	if path := os.Getenv("ATOMICFILE_TEST_CHILD"); path != "" {
		signal.Ignore(syscall.SIGXFSZ)
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: 4096, Max: 4096}); err != nil {
			t.Fatal(err)
		}
		if err := Write(path, bytes.Repeat([]byte("x"), 1<<20), 0o644); err == nil {
			t.Fatal("a write over the file-size limit succeeded")
		}
		return
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "Job.java")
	original := []byte("class Job {}\n")
	if err := os.WriteFile(path, original, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestFullDiskLeavesTheOriginal$")
	cmd.Env = append(os.Environ(), "ATOMICFILE_TEST_CHILD="+path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, original) {
		t.Errorf("original changed to %d bytes", len(got))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries in the directory, want only the original", len(entries))
	}
}
