package driver

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func write(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestCollect(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, p := range []string{
		"a/A.java", "a/pom.xml", "a/target/T.java", // build output beside pom.xml
		"g/build.gradle.kts", "g/build/B.java",
		"com/acme/build/Job.java", "com/acme/target/Job.java", // packages, not output
		".git/G.java", "node_modules/N.java", "c/C.java", "c/readme.md",
	} {
		write(t, filepath.Join(dir, p), "class X {}")
	}
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "c"), filepath.Join(dir, "clink")); err != nil {
		t.Fatal(err)
	}
	files, errs := Collect([]string{
		dir, filepath.Join(dir, "clink"), filepath.Join(dir, "c/readme.md"),
		filepath.Join(dir, "missing"), filepath.Join(dir, "empty"),
	})
	// clink/C.java is c/C.java reached again: a file is analysed once.
	want := []string{
		filepath.Join(dir, "a/A.java"), filepath.Join(dir, "c/C.java"),
		filepath.Join(dir, "com/acme/build/Job.java"), filepath.Join(dir, "com/acme/target/Job.java"),
		filepath.Join(dir, "node_modules/N.java"),
	}
	if !slices.Equal(files, want) {
		t.Errorf("files = %q, want %q", files, want)
	}
	// A directory given as a symlink is followed.
	if linked, _ := Collect([]string{filepath.Join(dir, "clink")}); !slices.Equal(linked, []string{filepath.Join(dir, "clink/C.java")}) {
		t.Errorf("through the symlink: %q", linked)
	}
	var paths []string
	for _, err := range errs {
		var fe *FileError
		if !errors.As(err, &fe) {
			t.Fatalf("error %v is not a FileError", err)
		}
		paths = append(paths, fe.Path)
	}
	wantErrs := []string{filepath.Join(dir, "c/readme.md"), filepath.Join(dir, "missing"), filepath.Join(dir, "empty")}
	if !slices.Equal(paths, wantErrs) || !errors.Is(errs[0], ErrNoJava) || !errors.Is(errs[2], ErrNoJava) {
		t.Errorf("errs = %v, want errors for %q", errs, wantErrs)
	}
}

// A BOM is blanked, not cut, so that offsets match the file on disk.
func TestBOMBlanked(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "A.java")
	write(t, p, "\ufeffclass A {}\n")
	src, err := load(p, DefaultMaxFileSize)
	if err != nil || string(src) != "   class A {}\n" {
		t.Errorf("load = %q, %v", src, err)
	}
}

type countResult struct{ files int }

var base = &analysis.Analyzer{
	Name:       "base",
	Doc:        "count files",
	ResultType: reflect.TypeFor[*countResult](),
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.OtherFiles {
			if _, err := pass.ReadFile(f); err != nil {
				return nil, err
			}
		}
		if _, err := pass.ReadFile("/etc/passwd"); err == nil {
			return nil, errors.New("ReadFile reached a file outside the pass")
		}
		return &countResult{files: len(pass.OtherFiles)}, nil
	},
}

var rule = &analysis.Analyzer{
	Name:     "rule",
	Doc:      "report the first file",
	URL:      "https://example.com/rule",
	Requires: []*analysis.Analyzer{base},
	Run: func(pass *analysis.Pass) (any, error) {
		n := pass.ResultOf[base].(*countResult).files
		pass.Report(analysis.Diagnostic{Pos: 1, Category: "sub", Message: "files: " + strconv.Itoa(n)})
		return nil, nil
	},
}

func TestRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "A.java"), "class A {}\n")
	write(t, filepath.Join(dir, "B.java"), "class B {\x00}\n")
	files, _ := Collect([]string{dir})
	res, err := Run(context.Background(), files, []*analysis.Analyzer{rule}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.FileErrors) != 1 || !errors.Is(res.FileErrors[0], ErrBinary) {
		t.Errorf("FileErrors = %v", res.FileErrors)
	}
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Message != "files: 1" || res.Diagnostics[0].URL != "https://example.com/rule#sub" {
		t.Errorf("Diagnostics = %+v", res.Diagnostics)
	}
	if p := res.Fset.Position(res.Diagnostics[0].Pos); p.Filename != filepath.Join(dir, "A.java") || p.Line != 1 || p.Column != 1 {
		t.Errorf("position %v", p)
	}
}

func TestRunChecksResultType(t *testing.T) {
	t.Parallel()
	bad := &analysis.Analyzer{
		Name: "bad", Doc: "wrong result", ResultType: reflect.TypeFor[*countResult](),
		Run: func(*analysis.Pass) (any, error) { return "oops", nil },
	}
	if _, err := Run(context.Background(), nil, []*analysis.Analyzer{bad}, Options{}); err == nil {
		t.Fatal("no error for a result of the wrong type")
	}
}

func TestLines(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	crlf, last := filepath.Join(dir, "A.java"), filepath.Join(dir, "B.java")
	write(t, crlf, "class A {\r\n  x.process(f);\r\n}\r\n")
	write(t, last, "one\ntwo")
	res, err := Run(context.Background(), []string{crlf, last}, []*analysis.Analyzer{rule}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := res.Lines(crlf, []int{2, 0, 3, 4, 9})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"  x.process(f);", "", "}", "", ""}; !slices.Equal(texts(got), want) {
		t.Errorf("Lines(A) = %q, want %q", texts(got), want)
	}
	if got, err := res.Lines(last, []int{2, 1}); err != nil || !slices.Equal(texts(got), []string{"two", "one"}) {
		t.Errorf("Lines(B) = %q, %v", texts(got), err)
	}
	write(t, last, "one\ntwo\nthree\n")
	if _, err := res.Lines(last, []int{1}); err == nil {
		t.Error("Lines of a file that changed size gave no error")
	}
	if _, err := res.Lines(filepath.Join(dir, "C.java"), []int{1}); err == nil {
		t.Error("Lines of a file outside the run gave no error")
	}
}

func texts(lines [][]byte) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = string(l)
	}
	return out
}

// The first read of a file is served from what was loaded; later reads go
// to the disk.
func TestReadFileServesLoadedContentOnce(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "A.java")
	write(t, p, "class A {}\n")
	var reads []string
	reader := &analysis.Analyzer{
		Name: "reader",
		Doc:  "read a file twice, changing it in between",
		Run: func(pass *analysis.Pass) (any, error) {
			write(t, p, "class B {}\n") // same size
			for range 2 {
				src, err := pass.ReadFile(p)
				if err != nil {
					return nil, err
				}
				reads = append(reads, string(src))
			}
			return nil, nil
		},
	}
	if _, err := Run(context.Background(), []string{p}, []*analysis.Analyzer{reader}, Options{}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"class A {}\n", "class B {}\n"}; !slices.Equal(reads, want) {
		t.Errorf("reads = %q, want %q", reads, want)
	}
}
