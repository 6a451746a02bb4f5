package driver

import (
	"bytes"
	"fmt"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/javasyntax"
)

// Directives is the pseudo-analyzer under which the driver reports
// malformed and unused suppression directives. It runs no code of its own.
var Directives = &analysis.Analyzer{
	Name: "directive",
	Doc:  "report malformed or unused uidcheck:ignore directives",
	URL:  "https://github.com/uidcheck/uidcheck/blob/main/docs/configuration.md#suppressing-findings",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

// directiveMarker is what a file must contain to be searched for
// directives; most files never are.
var directiveMarker = []byte("uidcheck:")

// directive is one `// uidcheck:ignore rule[,rule] reason` (its own line and
// the next) or `// uidcheck:file-ignore rule[,rule] reason` (the file).
type directive struct {
	file      string
	line      int
	wholeFile bool
	// lastLine is set for @SuppressWarnings: the directive covers the
	// annotated declaration, lines line to lastLine.
	lastLine int
	rules    []string
	pos, end token.Pos
	used     bool
}

func (d *directive) covers(rule string, line int) bool {
	switch {
	case d.wholeFile:
	case d.lastLine > 0:
		if line < d.line || line > d.lastLine {
			return false
		}
	case line != d.line && line != d.line+1:
		return false
	}
	return slices.Contains(d.rules, rule)
}

// parseDirectives reads the directives of one file. Comments are found by
// syntax, so "//" in a string literal is not a comment.
func parseDirectives(tf *token.File, src []byte) ([]*directive, []analysis.Diagnostic) {
	comments, err := javasyntax.LineComments(src)
	if err != nil {
		return nil, nil
	}
	var out []*directive
	var bad []analysis.Diagnostic
	for _, c := range comments {
		text := strings.TrimSpace(strings.TrimPrefix(c.Text, "//"))
		kind, rest, ok := strings.Cut(text, " ")
		if kind != "uidcheck:ignore" && kind != "uidcheck:file-ignore" {
			// "uidcheck: <words>" is a note, such as the one --fix leaves
			// above a setUidHash pin, unless the words are a directive
			// written with a space.
			isNote := kind == "uidcheck:" && !strings.HasPrefix(rest, "ignore") && !strings.HasPrefix(rest, "file-ignore")
			if strings.HasPrefix(kind, "uidcheck:") && !isNote {
				bad = append(bad, analysis.Diagnostic{
					Pos: tf.Pos(c.Off), End: tf.Pos(c.End),
					Message: fmt.Sprintf("unknown directive %q: want uidcheck:ignore or uidcheck:file-ignore", kind),
				})
			}
			continue
		}
		rules, reason, _ := strings.Cut(strings.TrimSpace(rest), " ")
		if !ok || rules == "" || strings.TrimSpace(reason) == "" {
			bad = append(bad, analysis.Diagnostic{
				Pos: tf.Pos(c.Off), End: tf.Pos(c.End),
				Message: kind + " needs rules and a reason: // " + kind + " missinguid <why this is safe>",
			})
			continue
		}
		out = append(out, &directive{
			file: tf.Name(), line: tf.Line(tf.Pos(c.Off)), wholeFile: kind == "uidcheck:file-ignore",
			rules: strings.Split(rules, ","), pos: tf.Pos(c.Off), end: tf.Pos(c.End),
		})
	}
	sups, err := javasyntax.SuppressWarnings(src)
	if err == nil {
		for _, s := range sups {
			out = append(out, &directive{
				file: tf.Name(), line: tf.Line(tf.Pos(s.DeclOff)), lastLine: tf.Line(tf.Pos(s.DeclEnd)),
				rules: s.Rules, pos: tf.Pos(s.Off), end: tf.Pos(s.End),
			})
		}
	}
	return out, bad
}

// suppress drops diagnostics covered by directives and reports malformed
// and unused directives under the Directives analyzer.
func (r *Result) suppress(withDirectives map[string]bool) {
	byFile := map[string][]*directive{}
	var extra []Diagnostic
	for name := range withDirectives {
		src, err := r.readFile(name)
		if err != nil || !bytes.Contains(src, directiveMarker) {
			continue
		}
		tf := r.file(name)
		ds, bad := parseDirectives(tf, src)
		byFile[name] = ds
		for _, d := range bad {
			extra = append(extra, Diagnostic{Analyzer: Directives, Diagnostic: d})
		}
	}
	kept := r.Diagnostics[:0]
	for _, d := range r.Diagnostics {
		p := r.Fset.Position(d.Pos)
		suppressed := false
		for _, dir := range byFile[p.Filename] {
			if dir.covers(ruleName(d), p.Line) {
				dir.used, suppressed = true, true
			}
		}
		if !suppressed {
			kept = append(kept, d)
		}
	}
	r.Diagnostics = kept
	for _, ds := range byFile {
		for _, dir := range ds {
			if !dir.used {
				extra = append(extra, Diagnostic{Analyzer: Directives, Diagnostic: analysis.Diagnostic{
					Pos: dir.pos, End: dir.end, Message: "directive suppresses nothing; remove it",
				}})
			}
		}
	}
	r.Diagnostics = append(r.Diagnostics, extra...)
}

// ruleName is the name a directive uses for a finding: its analyzer's, or
// "syntax" for syntax problems, whichever analyzer found them.
func ruleName(d Diagnostic) string {
	if d.Category == javasyntax.Category {
		return "syntax"
	}
	return d.Analyzer.Name
}

func (r *Result) file(name string) *token.File {
	var out *token.File
	r.Fset.Iterate(func(f *token.File) bool {
		if f.Name() == name {
			out = f
			return false
		}
		return true
	})
	return out
}
