package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Exit codes must not depend on the output format.
func TestCheckExitCodeIndependentOfFormat(t *testing.T) {
	sample, err := filepath.Abs(filepath.Join("..", "..", "testdata", "sample"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	for _, format := range checkFormats {
		for _, failOn := range []string{"error", "none"} {
			ios, stdout, stderr := Test()
			code := Run(context.Background(), ios, []string{"check", "--format", format, "--fail-on", failOn, sample})
			want := ExitFindings
			if failOn == "none" {
				want = ExitOK
			}
			if code != want || stdout.Len() == 0 {
				t.Errorf("--format %s --fail-on %s: exit %d, want %d; stderr %q", format, failOn, code, want, stderr)
			}
		}
	}
}

func TestCheckSeveralFormatsInOneRun(t *testing.T) {
	sample, err := filepath.Abs(filepath.Join("..", "..", "testdata", "sample"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	ios, stdout, _ := Test()
	code := Run(context.Background(), ios, []string{"check", "--format", "text", "--format", "sarif=out.sarif", "--format", "checkstyle=out.xml", sample})
	if code != ExitFindings || !strings.Contains(stdout.String(), "(missinguid)") {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	for _, f := range []string{"out.sarif", "out.xml"} {
		if b, err := os.ReadFile(f); err != nil || len(b) == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	ios, _, stderr := Test()
	if code := Run(context.Background(), ios, []string{"check", "--format", "json", "--format", "sarif", sample}); code != ExitError ||
		!strings.Contains(stderr.String(), "only one --format can go to standard output") {
		t.Errorf("two formats to stdout: exit %d, stderr %q", code, stderr)
	}
}
