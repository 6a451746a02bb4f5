package rules_test

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/analyzerdoc"
	"github.com/uidcheck/uidcheck/analyzer/rules"
)

// TestRules checks what analysis.Validate does not: the side table, the doc
// title's form, unique URLs and no facts.
func TestRules(t *testing.T) {
	t.Parallel()
	all := rules.All()
	var as []*analysis.Analyzer
	urls := map[string]bool{}
	for _, r := range append(all, rules.Syntax, rules.Directive) {
		as = append(as, r.Analyzer)
		name := r.Name()
		switch r.Severity {
		case rules.SeverityError, rules.SeverityWarning, rules.SeverityInfo:
		default:
			t.Errorf("%s: severity %q", name, r.Severity)
		}
		for c, s := range r.Categories {
			if s != rules.SeverityError && s != rules.SeverityWarning && s != rules.SeverityInfo {
				t.Errorf("%s: category %s severity %q", name, c, s)
			}
		}
		if r.Since != "unreleased" && !strings.HasPrefix(r.Since, "v") {
			t.Errorf("%s: since %q", name, r.Since)
		}
		if len(r.Analyzer.FactTypes) > 0 {
			t.Errorf("%s: declares facts", name)
		}
		if r.Analyzer.URL == "" || urls[r.Analyzer.URL] {
			t.Errorf("%s: URL %q missing or not unique", name, r.Analyzer.URL)
		}
		urls[r.Analyzer.URL] = true
	}
	if err := analysis.Validate(as); err != nil {
		t.Fatal(err)
	}
	for _, r := range all {
		title := analyzerdoc.Title(r.Analyzer.Doc)
		if title == "" || len(title) > 60 || strings.HasSuffix(title, ".") || unicode.IsUpper(rune(title[0])) {
			t.Errorf("%s: title %q: want lowercase, no final period, at most 60 characters", r.Name(), title)
		}
		if !strings.Contains(r.Analyzer.Doc, "\n") {
			t.Errorf("%s: doc has only a title", r.Name())
		}
	}
}

func TestAllReturnsFreshSlice(t *testing.T) {
	t.Parallel()
	a := rules.All()
	a[0] = rules.Rule{}
	if rules.All()[0].Analyzer == nil {
		t.Fatal("All shares its slice")
	}
}
