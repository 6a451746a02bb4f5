//go:build e2e

package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixCompiles runs check --fix on scenario jobs without uids, compiles
// the fixed sources with javac against Flink's jars, and checks that the fix
// leaves no missinguid finding and that a second run changes nothing.
func TestFixCompiles(t *testing.T) {
	cpFile := os.Getenv("UIDCHECK_E2E_CLASSPATH")
	if cpFile == "" {
		t.Skip("UIDCHECK_E2E_CLASSPATH is not set: run scripts/e2e.sh")
	}
	classpath, err := os.ReadFile(cpFile)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, src := range []string{"scenarios/nouid_graph_changed/v2", "scenarios/uidhash_reattach/v1", "common"} {
		if err := exec.Command("cp", "-r", filepath.Join(harnessSrc, src), filepath.Join(dir, strings.ReplaceAll(src, "/", "_"))).Run(); err != nil {
			t.Fatal(err)
		}
	}
	out := uidcheck(t, "check", "--fix", "--color", "never", dir)
	if strings.Contains(string(out), "(missinguid)") {
		t.Fatalf("missinguid findings remain after --fix:\n%s", out)
	}
	before := snapshot(t, dir)
	uidcheck(t, "check", "--fix", dir)
	if after := snapshot(t, dir); after != before {
		t.Fatal("a second --fix changed the sources")
	}
	if !strings.Contains(before, `.uid("job-process")`) {
		t.Fatalf("expected a uid named after the job and call in:\n%s", before)
	}
	var files []string
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".java") {
			files = append(files, p)
		}
		return nil
	})
	javac := exec.Command("javac", append([]string{"-d", t.TempDir(), "-cp", strings.TrimSpace(string(classpath))}, files...)...)
	if msg, err := javac.CombinedOutput(); err != nil {
		t.Fatalf("fixed sources do not compile: %v\n%s", err, msg)
	}
}

func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b bytes.Buffer
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			b.WriteString(p + "\n")
			b.Write(data)
		}
		return nil
	})
	return b.String()
}
