package missinguid

import (
	_ "embed"
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/analyzerdoc"
	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/analyzer/settings"
	"github.com/uidcheck/uidcheck/analyzer/uidfix"
)

//go:embed doc.go
var doc string

// Categories of missinguid diagnostics; the rule table maps each to a severity.
const (
	CategoryStateful  = "stateful"
	CategoryUnknown   = "unknown-state"
	CategoryStateless = "stateless"
)

// Analyzer reports operators that need a uid and have none.
var Analyzer = &analysis.Analyzer{
	Name:     "missinguid",
	Doc:      analyzerdoc.MustExtract(doc, "missinguid"),
	URL:      analyzerdoc.URL("missinguid"),
	Requires: []*analysis.Analyzer{pipeline.Analyzer, settings.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	model := pipeline.Of(pass)
	allOperators := settings.Of(pass).AllOperators
	seen := make(map[token.Pos]bool) // an operator of a shared helper is reported once
	names := newNamer()
	sites := callSites(model)
	for _, op := range model.Operators {
		if op.HasUID() || op.Stateful == pipeline.StatefulNo && !allOperators || seen[op.Pos] || flinkapi.IsCollectSink(op.Call) {
			continue
		}
		seen[op.Pos] = true
		var category, msg string
		switch op.Stateful {
		case pipeline.StatefulYes:
			category = CategoryStateful
			msg = fmt.Sprintf("stateful operator %q has no uid; its state cannot be restored after the job graph changes (%s)", op.Call, op.StatefulReason)
		case pipeline.StatefulUnknown:
			category = CategoryUnknown
			msg = fmt.Sprintf("operator %q has no uid and may be stateful: %s", op.Call, op.StatefulReason)
		case pipeline.StatefulNo:
			category = CategoryStateless
			msg = fmt.Sprintf("operator %q has no uid; a uid on every operator keeps future state changes restorable", op.Call)
		}
		repeated := max(sites[op.Pos], 1)
		switch {
		case op.InLoop:
			msg += "; it is created in a loop, so its uid must differ per iteration"
		case repeated > 1:
			msg += fmt.Sprintf("; it is reached through %d call sites, so a constant uid would be shared by several operators: give the method that creates it a uid prefix parameter and build the uid from it", repeated)
		}
		d := analysis.Diagnostic{Pos: op.Pos, End: op.End, Category: category, Message: msg}
		if category == CategoryStateful && !op.InLoop && repeated == 1 && op.CallEnd.IsValid() {
			uid := names.next(op)
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   fmt.Sprintf("Add .uid(%q)", uid),
				TextEdits: []analysis.TextEdit{{Pos: op.CallEnd, End: op.CallEnd, NewText: []byte(uidfix.Setter(uid))}},
			}}
		}
		for _, call := range op.Via {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: call, Message: "created through this call in job " + op.Job.Name})
		}
		pass.Report(d)
	}
	return nil, nil
}

// callSites counts, for each creating call, the distinct call paths through
// which jobs reach it: a helper called twice by one job, or a builder that
// two jobs use, has two. Such an operator must not get a constant uid: in
// one job it collides, and across jobs a shared name hides which job's
// state it is.
func callSites(m *pipeline.Model) map[token.Pos]int {
	// An operator created in an entry method itself (no Via) has one path;
	// only helpers' operators are counted.
	type path struct {
		pos token.Pos
		via string
	}
	seen := map[path]bool{}
	n := make(map[token.Pos]int)
	for _, o := range m.Operators {
		if len(o.Via) == 0 {
			continue
		}
		p := path{o.Pos, fmt.Sprint(o.Via)}
		if !seen[p] {
			seen[p] = true
			n[o.Pos]++
		}
	}
	return n
}
