package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInput runs check over a tree holding one good job and one bad
// file of each kind: each bad file gets a message naming it, nothing
// panics, and the good job is still analysed.
func TestBadInput(t *testing.T) {
	t.Parallel()
	deepParens := strings.Repeat("(", 10000) + "1" + strings.Repeat(")", 10000)
	deepChain := "env.fromSequence(0, 1)" + strings.Repeat(".map(v -> v)", 10000) + ";"
	tests := []struct {
		name     string
		setup    func(t *testing.T, dir string) string // returns the bad file's name
		wantErr  string                                // on stderr
		wantDiag string                                // on stdout
		want     ExitCode
	}{
		{
			name: "dangling symlink",
			setup: func(t *testing.T, dir string) string {
				t.Helper()
				p := filepath.Join(dir, "Gone.java")
				if err := os.Symlink(filepath.Join(dir, "nowhere"), p); err != nil {
					t.Skip(err)
				}
				return p
			},
			wantErr: "Gone.java: stat: no such file or directory",
			want:    ExitError,
		},
		{
			name: "binary file",
			setup: func(t *testing.T, dir string) string {
				t.Helper()
				return writeJava(t, dir, "Blob.java", "\x7fELF\x02\x01\x01\x00\x00\x00garbage")
			},
			wantErr: "Blob.java: binary file: NUL byte at offset 7, not Java source",
			want:    ExitError,
		},
		{
			name: "invalid UTF-8",
			setup: func(t *testing.T, dir string) string {
				t.Helper()
				return writeJava(t, dir, "Latin1.java", strings.Replace(statefulJob, `"orders"`, "\"caf\xe9\"", 1))
			},
			wantDiag: "Latin1.java:4:38: warning: invalid UTF-8 at byte offset 145",
			want:     ExitFindings, // the file's own missing uid
		},
		{
			name: "50 MB file",
			setup: func(t *testing.T, dir string) string {
				t.Helper()
				p := filepath.Join(dir, "Huge.java")
				f, err := os.Create(p)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				line := []byte("// " + strings.Repeat("x", 96) + "\n")
				for range 50 << 20 / len(line) {
					if _, err := f.Write(line); err != nil {
						t.Fatal(err)
					}
				}
				return p
			},
			wantErr: "Huge.java: file too large: 52428800 bytes, limit 16777216",
			want:    ExitError,
		},
		{
			name: "10,000-deep parentheses",
			setup: func(t *testing.T, dir string) string {
				t.Helper()
				return writeJava(t, dir, "Deep.java", "class Deep { int x = "+deepParens+"; }")
			},
			want: ExitFindings,
		},
		{
			name: "10,000-call chain",
			setup: func(t *testing.T, dir string) string {
				t.Helper()
				return writeJava(t, dir, "Chain.java", strings.Replace(statefulJob, "env.execute();", deepChain, 1))
			},
			want: ExitFindings,
		},
		{
			name: "syntax error",
			setup: func(t *testing.T, dir string) string {
				t.Helper()
				return writeJava(t, dir, "Broken.java", "package x;\nimport org.apache.flink.streaming.api.datastream.DataStream;\nclass Broken { void f( { }\n")
			},
			wantDiag: "Broken.java:3:",
			want:     ExitFindings,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeJava(t, dir, "good/Job.java", statefulJob)
			tt.setup(t, dir)
			code, stdout, stderr := runCLI(t, "check", dir)
			if code != tt.want {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.want, stdout, stderr)
			}
			if tt.wantErr != "" && !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.wantErr)
			}
			if tt.wantDiag != "" && !strings.Contains(stdout, tt.wantDiag) {
				t.Errorf("stdout %q does not contain %q", stdout, tt.wantDiag)
			}
			if !strings.Contains(stdout, filepath.Join("good", "Job.java")+":8:28: error: stateful operator \"sum\"") {
				t.Errorf("the good file was not analysed: %s", stdout)
			}
			if strings.Contains(stderr, "panic") {
				t.Errorf("panic: %s", stderr)
			}
		})
	}
}

// TestLargePipelineFile checks that a pipeline file above the parse limit
// is reported, not parsed, and does not stop the rest.
func TestLargePipelineFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeJava(t, dir, "good/Job.java", statefulJob)
	big := statefulJob + "// " + strings.Repeat("x", 3<<20) + "\n"
	writeJava(t, dir, "Big.java", big)
	code, stdout, _ := runCLI(t, "check", dir)
	if code != ExitFindings {
		t.Errorf("exit %d", code)
	}
	if !strings.Contains(stdout, "Big.java:1:1: warning: file not analysed: 3146") || !strings.Contains(stdout, "(syntax)") {
		t.Errorf("no too-large warning: %s", stdout)
	}
	if strings.Count(stdout, "stateful operator") != 1 {
		t.Errorf("want only the good job's finding: %s", stdout)
	}
	_, stdout, _ = runCLI(t, "check", "--max-parse-size", "8000000", dir)
	if strings.Count(stdout, "stateful operator") != 2 {
		t.Errorf("with a raised limit both files are analysed: %s", stdout)
	}
}
