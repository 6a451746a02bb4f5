package processors

import (
	"cmp"
	"fmt"
	"go/token"
	"slices"
	"strings"

	"github.com/uidcheck/uidcheck/analyzer/javasyntax"
	"github.com/uidcheck/uidcheck/analyzer/rules"
	"github.com/uidcheck/uidcheck/internal/report"
)

// Suppress drops findings covered by uidcheck directives and reports
// malformed and unused directives under the directive pseudo-rule:
//
//	// uidcheck:ignore rule[,rule] reason       its own line and the next
//	// uidcheck:file-ignore rule[,rule] reason  the whole file
//	@SuppressWarnings("uidcheck:rule")          the annotated declaration
//
// The directives are those the pipeline analyzer read from each file's
// parse (pipeline.Model.Directives).
type Suppress struct {
	Fset       *token.FileSet
	Directives map[string][]javasyntax.Directive
}

// Name implements Processor.
func (Suppress) Name() string { return "suppress" }

// scope is one well-formed directive: the rules it names and the lines it
// covers.
type scope struct {
	file          string
	first, last   int // lines covered; last 0 means the whole file
	rules         []string
	line, column  int // of the directive itself
	endLine, endC int
	used          bool
}

func (s *scope) covers(rule string, line int) bool {
	if s.last != 0 && (line < s.first || line > s.last) {
		return false
	}
	return slices.Contains(s.rules, rule)
}

// Process implements Processor.
func (p Suppress) Process(ds []report.Diagnostic) ([]report.Diagnostic, error) {
	byFile := map[string][]*scope{}
	var extra []report.Diagnostic
	tfs := map[string]*token.File{}
	p.Fset.Iterate(func(f *token.File) bool {
		if _, ok := p.Directives[f.Name()]; ok {
			tfs[f.Name()] = f
		}
		return true
	})
	for name, dirs := range p.Directives {
		tf := tfs[name]
		if tf == nil {
			continue
		}
		for _, d := range dirs {
			sc, problem := p.scope(tf, d)
			if problem != "" {
				extra = append(extra, p.finding(sc, problem))
			}
			if sc.rules != nil {
				byFile[name] = append(byFile[name], sc)
			}
		}
	}
	kept := ds[:0]
	for _, d := range ds {
		suppressed := false
		for _, sc := range byFile[d.File] {
			if sc.covers(d.Rule, d.Line) {
				sc.used, suppressed = true, true
			}
		}
		if !suppressed {
			kept = append(kept, d)
		}
	}
	for _, scs := range byFile {
		for _, sc := range scs {
			if !sc.used {
				extra = append(extra, p.finding(sc, "directive suppresses nothing; remove it"))
			}
		}
	}
	if len(extra) == 0 {
		return kept, nil
	}
	out := slices.Concat(kept, extra)
	slices.SortStableFunc(out, func(a, b report.Diagnostic) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	return out, nil
}

// scope reads one directive; a malformed one comes back with a problem and
// no rules.
func (p Suppress) scope(tf *token.File, d javasyntax.Directive) (*scope, string) {
	start, end := tf.Position(tf.Pos(min(d.Off, tf.Size()))), tf.Position(tf.Pos(min(d.End, tf.Size())))
	sc := &scope{file: tf.Name(), line: start.Line, column: start.Column, endLine: end.Line, endC: end.Column}
	if d.Comment == "" {
		sc.rules = d.Rules
		sc.first = tf.Line(tf.Pos(min(d.DeclOff, tf.Size())))
		sc.last = tf.Line(tf.Pos(min(d.DeclEnd, tf.Size())))
		return sc, ""
	}
	text := strings.TrimSpace(strings.TrimPrefix(d.Comment, "//"))
	kind, rest, ok := strings.Cut(text, " ")
	if kind != "uidcheck:ignore" && kind != "uidcheck:file-ignore" {
		// "uidcheck: <words>" is a note, such as the one --fix leaves above
		// a setUidHash pin, unless the words are a directive written with a
		// space.
		isNote := kind == "uidcheck:" && !strings.HasPrefix(rest, "ignore") && !strings.HasPrefix(rest, "file-ignore")
		if strings.HasPrefix(kind, "uidcheck:") && !isNote {
			return sc, fmt.Sprintf("unknown directive %q: want uidcheck:ignore or uidcheck:file-ignore", kind)
		}
		return sc, ""
	}
	names, reason, _ := strings.Cut(strings.TrimSpace(rest), " ")
	if !ok || names == "" || strings.TrimSpace(reason) == "" {
		return sc, kind + " needs rules and a reason: // " + kind + " missinguid <why this is safe>"
	}
	sc.rules = strings.Split(names, ",")
	if kind == "uidcheck:ignore" {
		sc.first, sc.last = sc.line, sc.line+1
	}
	return sc, ""
}

// finding reports a problem with a directive.
func (p Suppress) finding(sc *scope, msg string) report.Diagnostic {
	r := rules.Directive
	return report.Diagnostic{
		Rule: r.Name(), Severity: report.Severity(r.Severity),
		File: sc.file, Line: sc.line, Column: sc.column, EndLine: sc.endLine, EndColumn: sc.endC,
		Message: msg, URL: r.Analyzer.URL,
	}
}
