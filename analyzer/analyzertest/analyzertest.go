// Package analyzertest runs an analyzer over Java test files and checks its
// diagnostics against `// want "regexp"` comments, as x/tools' analysistest
// does for Go.
//
// Inputs are testdata/src/<case>/**/*.java. A comment `// want "re" "re2"`
// expects one diagnostic per pattern on its own line; `// want +1 "re"`
// on the next line. Comments are found by syntax (tree-sitter line_comment
// nodes), so "//" inside a string literal is not a comment. A diagnostic
// without expectation, an expectation without diagnostic and an empty case
// directory all fail the test.
package analyzertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/driver"
	"github.com/uidcheck/uidcheck/analyzer/javasyntax"
	"github.com/uidcheck/uidcheck/analyzer/settings"
)

// TestData returns the absolute path of the calling test's testdata directory.
func TestData() string {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		panic(err)
	}
	return dir
}

type expectation struct {
	file string
	line int
	re   *regexp.Regexp
	met  bool
}

// Run runs a over each case directory dir/src/<case> with the default
// settings and checks the diagnostics. It returns the driver results for
// further assertions.
func Run(tb testing.TB, dir string, a *analysis.Analyzer, cases ...string) []*driver.Result {
	tb.Helper()
	return RunWith(tb, settings.Default(), dir, a, cases...)
}

// RunWith is Run with the given settings.
func RunWith(tb testing.TB, s *settings.Settings, dir string, a *analysis.Analyzer, cases ...string) []*driver.Result {
	tb.Helper()
	var out []*driver.Result
	for _, c := range cases {
		out = append(out, runCase(tb, filepath.Join(dir, "src", c), a, s))
	}
	return out
}

func runCase(tb testing.TB, dir string, a *analysis.Analyzer, s *settings.Settings) *driver.Result {
	tb.Helper()
	files, errs := driver.Collect([]string{dir})
	for _, err := range errs {
		tb.Errorf("%v", err)
	}
	if len(files) == 0 {
		tb.Fatalf("%s: no Java files", dir)
	}
	res, err := driver.Run(context.Background(), files, []*analysis.Analyzer{a},
		driver.Options{Results: map[*analysis.Analyzer]any{settings.Analyzer: s}})
	if err != nil {
		tb.Fatalf("%s: %v", dir, err)
	}
	for _, err := range res.FileErrors {
		tb.Errorf("%v", err)
	}
	var wants []*expectation
	for _, f := range res.Files {
		ws, err := expectations(f, res.Source(f))
		if err != nil {
			tb.Fatalf("%v", err)
		}
		wants = append(wants, ws...)
	}
	for _, d := range res.Diagnostics {
		if d.Analyzer != a {
			continue
		}
		posn := res.Fset.Position(d.Pos)
		matched := false
		for _, w := range wants {
			if !w.met && w.file == posn.Filename && w.line == posn.Line && w.re.MatchString(d.Message) {
				w.met, matched = true, true
				break
			}
		}
		if !matched {
			tb.Errorf("%s:%d:%d: unexpected diagnostic: %s", rel(dir, posn.Filename), posn.Line, posn.Column, d.Message)
		}
	}
	for _, w := range wants {
		if !w.met {
			tb.Errorf("%s:%d: no diagnostic was reported matching %q", rel(dir, w.file), w.line, w.re)
		}
	}
	return res
}

func rel(dir, name string) string {
	if r, err := filepath.Rel(filepath.Dir(dir), name); err == nil {
		return r
	}
	return name
}

var wantRE = regexp.MustCompile(`^//\s*want\s+(?:\+(\d+)\s+)?(.*)$`)

func expectations(file string, src []byte) ([]*expectation, error) {
	comments, err := javasyntax.LineComments(src)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	var out []*expectation
	for _, c := range comments {
		m := wantRE.FindStringSubmatch(strings.TrimSpace(c.Text))
		if m == nil {
			continue
		}
		line := 1 + strings.Count(string(src[:c.Off]), "\n")
		if m[1] != "" {
			n, _ := strconv.Atoi(m[1])
			line += n
		}
		pats, err := quoted(m[2])
		if err != nil || len(pats) == 0 {
			return nil, fmt.Errorf("%s:%d: malformed want comment %q: want quoted regexps", file, line, c.Text)
		}
		for _, p := range pats {
			re, err := regexp.Compile(p)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", file, line, err)
			}
			out = append(out, &expectation{file: file, line: line, re: re})
		}
	}
	return out, nil
}

// quoted splits a sequence of Go string literals ("..." or `...`).
func quoted(s string) ([]string, error) {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		prefix, err := strconv.QuotedPrefix(s)
		if err != nil {
			return nil, err
		}
		v, err := strconv.Unquote(prefix)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		s = s[len(prefix):]
	}
	return out, nil
}

// WriteFiles writes a case directory from name→content pairs under a temp
// dir and returns the testdata root to pass to Run; for generated cases.
func WriteFiles(tb testing.TB, files map[string]string) string {
	tb.Helper()
	root := tb.TempDir()
	for name, content := range files {
		p := filepath.Join(root, "src", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			tb.Fatal(err)
		}
	}
	return root
}
