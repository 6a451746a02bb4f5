package uidformat

import (
	_ "embed"
	"flag"
	"fmt"
	"go/token"
	"regexp"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/analyzerdoc"
	"github.com/uidcheck/uidcheck/analyzer/pipeline"
)

//go:embed doc.go
var doc string

// Analyzer reports uids that do not match the -pattern flag.
var Analyzer = &analysis.Analyzer{
	Name:     "uidformat",
	Doc:      analyzerdoc.MustExtract(doc, "uidformat"),
	URL:      analyzerdoc.URL("uidformat"),
	Requires: []*analysis.Analyzer{pipeline.Analyzer},
	Flags:    flags(),
	Run:      run,
}

// pattern is the regular expression uids must match; "" disables the rule.
var pattern patternFlag

func flags() flag.FlagSet {
	fs := flag.NewFlagSet("uidformat", flag.ContinueOnError)
	fs.Var(&pattern, "pattern", "regular expression every uid must match")
	return *fs
}

type patternFlag struct{ re *regexp.Regexp }

func (p *patternFlag) String() string {
	if p.re == nil {
		return ""
	}
	return p.re.String()
}

func (p *patternFlag) Set(s string) error {
	if s == "" {
		p.re = nil
		return nil
	}
	re, err := regexp.Compile(s)
	if err != nil {
		return err
	}
	p.re = re
	return nil
}

func run(pass *analysis.Pass) (any, error) {
	re := pattern.re
	if re == nil {
		return nil, nil
	}
	seen := make(map[token.Pos]bool)
	for _, op := range pipeline.Of(pass).Operators {
		if op.UID.State != pipeline.UIDResolved || seen[op.UID.Pos] || re.MatchString(op.UID.Value) {
			continue
		}
		seen[op.UID.Pos] = true
		pass.Report(analysis.Diagnostic{
			Pos: op.UID.Pos, End: op.UID.End,
			Message: fmt.Sprintf("uid %q of %q does not match the pattern %s", op.UID.Value, op.Call, re),
		})
	}
	return nil, nil
}
