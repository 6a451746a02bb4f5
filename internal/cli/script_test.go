package cli

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output of testdata/script/*.txtar")

// TestScripts runs the golden end-to-end CLI tests in testdata/script. Each
// txtar archive holds:
//
//	comment           one command line per run: the arguments after "uidcheck"
//	-- exit --        the expected exit code (0 when absent)
//	-- stdout --      the expected standard output (compared when present)
//	-- stderr --      the expected standard error (compared when present)
//	-- <any file> --  written into a fresh working directory before the run
//
// `go test ./internal/cli -run TestScripts -update` rewrites the expectations.
func TestScripts(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "script", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			runScript(t, file)
		})
	}
}

func runScript(t *testing.T, file string) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	args := strings.Fields(strings.TrimSpace(string(ar.Comment)))
	want := map[string]*txtar.File{}
	dir := t.TempDir()
	for i := range ar.Files {
		f := &ar.Files[i]
		switch f.Name {
		case "exit", "stdout", "stderr":
			want[f.Name] = f
			continue
		}
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)

	ios, stdout, stderr := Test()
	code := Run(context.Background(), ios, args)
	got := map[string]string{
		"exit":   strconv.Itoa(int(code)) + "\n",
		"stdout": stdout.String(),
		"stderr": stderr.String(),
	}
	if *update {
		for name, w := range want {
			w.Data = []byte(got[name])
		}
		if code != 0 && want["exit"] == nil {
			ar.Files = append(ar.Files, txtar.File{Name: "exit", Data: []byte(got["exit"])})
		}
		if err := os.WriteFile(filepath.Join(origin, file), txtar.Format(ar), 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	wantExit := "0\n"
	if w := want["exit"]; w != nil {
		wantExit = string(w.Data)
	}
	if got["exit"] != wantExit {
		t.Errorf("exit code %s, want %s\nstderr:\n%s", strings.TrimSpace(got["exit"]), strings.TrimSpace(wantExit), stderr)
	}
	for _, name := range []string{"stdout", "stderr"} {
		if w := want[name]; w != nil && got[name] != string(w.Data) {
			t.Errorf("%s differs.\ngot:\n%s\nwant:\n%s", name, got[name], w.Data)
		}
	}
}

// origin is the package directory, captured before any test changes directory.
var origin, _ = os.Getwd()
