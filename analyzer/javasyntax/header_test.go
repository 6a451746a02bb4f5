package javasyntax

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestScanHeader(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, src string
		pkg       string
		imports   []string
		rest      string // the source from where the parse starts
	}{
		{
			name:    "plain",
			src:     "package a.b;\nimport x.Y;\nimport static x.Y.Z;\nimport x.y.*;\nclass C {}\n",
			pkg:     "a.b",
			imports: []string{"x.Y", "static x.Y.Z", "x.y.*"},
			rest:    "\nclass C {}\n",
		},
		{
			name:    "comments and blank lines between declarations",
			src:     "/* licence\n * text */\n// line\npackage a;\n\n/** doc */ import x.Y; // why\r\nimport  x . Z ;\n@Ann class C {}",
			pkg:     "a",
			imports: []string{"x.Y", "x.Z"},
			rest:    "\n@Ann class C {}",
		},
		{name: "no header", src: "class C {}", rest: "class C {}"},
		{name: "annotated package", src: "@Deprecated package a;", rest: "@Deprecated package a;"},
		{
			name:    "comment inside a declaration",
			src:     "package a;\nimport x./*y*/Y;\nclass C {}",
			pkg:     "a",
			imports: nil,
			rest:    "\nimport x./*y*/Y;\nclass C {}",
		},
		{
			name:    "missing semicolon",
			src:     "package a;\nimport x.Y\nclass C {}",
			pkg:     "a",
			imports: nil,
			rest:    "\nimport x.Y\nclass C {}",
		},
		{name: "keyword in a name", src: "import x.class.Y;", rest: "import x.class.Y;"},
		{name: "digit first", src: "import x.1Y;", rest: "import x.1Y;"},
		{name: "wildcard in a package", src: "package a.*;", rest: "package a.*;"},
		{name: "static without a blank", src: "import staticx.Y;", imports: []string{"staticx.Y"}},
		{name: "importer is a type", src: "importer x;", rest: "importer x;"},
		{name: "non-ASCII name", src: "import x.Ä;", rest: "import x.Ä;"},
		{name: "unicode escape", src: "import x.\\u0041;", rest: "import x.\\u0041;"},
		{name: "unterminated comment", src: "import x.Y; /* no end", imports: []string{"x.Y"}, rest: " /* no end"},
		{name: "end of file in a declaration", src: "import x.", rest: "import x."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := scanHeader([]byte(tc.src))
			if h.pkg != tc.pkg || !slices.Equal(h.imports, tc.imports) || tc.src[h.end:] != tc.rest {
				t.Errorf("scanHeader(%q) = package %q, imports %q, rest %q; want %q, %q, %q",
					tc.src, h.pkg, h.imports, tc.src[h.end:], tc.pkg, tc.imports, tc.rest)
			}
		})
	}
}

// TestHeaderSkipLosesNothing parses every Java file of the repository's
// test data twice, whole and after its header, and wants the same lowered
// file. Syntax errors in or right after the header, and files without one,
// are among them. UIDCHECK_JAVA_TREES adds trees (a colon-separated list),
// such as checkouts of real repositories.
func TestHeaderSkipLosesNothing(t *testing.T) {
	t.Parallel()
	srcs := map[string][]byte{
		"ErrorInImports.java":  []byte("package a;\nimport x.Y\nimport z.W;\nclass C { void f() { s.map(x -> x).uid(\"u\"); } }\n"),
		"ErrorAfter.java":      []byte("package a;\nimport x.Y;\n}} class C {}\n"),
		"CRLF.java":            []byte("package a;\r\nimport x.Y;\r\nclass C {\r\n  String s = \"a\";\r\n}\r\n"),
		"OnlyHeader.java":      []byte("package a;\nimport x.Y;"),
		"ImportsInClass.java":  []byte("package a;\nimport x.Y;\nclass C {}\nimport z.W;\n"),
		"PackageNotFirst.java": []byte("import x.Y;\npackage a;\nclass C {}\n"),
	}
	roots := []string{"../.."}
	if extra := os.Getenv("UIDCHECK_JAVA_TREES"); extra != "" {
		roots = append(roots, filepath.SplitList(extra)...)
	}
	for _, root := range roots {
		addJavaFiles(t, root, srcs)
	}
	if len(srcs) < 100 {
		t.Fatalf("only %d Java files found", len(srcs))
	}
	p := newParser(true)
	defer p.Close()
	skipped := 0
	for name, src := range srcs {
		h := scanHeader(src)
		if h.end > 0 {
			skipped++
		}
		after, err := parseAfter(p, name, src, h, new(arena))
		if err != nil {
			t.Fatal(err)
		}
		whole, err := parseAfter(p, name, src, header{}, new(arena))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(after, whole) {
			t.Errorf("%s: lowered differently after its header (package %q, imports %q) than whole (package %q, imports %q, errors %v vs %v)",
				name, after.Package, after.Imports, whole.Package, whole.Imports, after.Errors, whole.Errors)
		}
	}
	if skipped < len(srcs)/2 {
		t.Errorf("the header was skipped in only %d of %d files", skipped, len(srcs))
	}
}

// addJavaFiles reads the Java files under root into srcs.
func addJavaFiles(t *testing.T, root string, srcs map[string][]byte) {
	t.Helper()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == ".tools") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, ".java") {
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			srcs[path] = src
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
