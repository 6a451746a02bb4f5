package missinguid

import (
	_ "embed"
	"flag"
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/analyzerdoc"
	"github.com/uidcheck/uidcheck/analyzer/pipeline"
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

var allOperators bool

// Analyzer reports operators that need a uid and have none.
var Analyzer = &analysis.Analyzer{
	Name:     "missinguid",
	Doc:      analyzerdoc.MustExtract(doc, "missinguid"),
	URL:      analyzerdoc.URL("missinguid"),
	Requires: []*analysis.Analyzer{pipeline.Analyzer},
	Run:      run,
	Flags:    flags(),
}

func flags() flag.FlagSet {
	fs := flag.NewFlagSet("missinguid", flag.ContinueOnError)
	fs.BoolVar(&allOperators, "all-operators", false, "also report stateless operators without a uid")
	return *fs
}

func run(pass *analysis.Pass) (any, error) {
	model := pipeline.Of(pass)
	seen := make(map[token.Pos]bool) // an operator of a shared helper is reported once
	names := newNamer()
	created := timesCreated(model)
	for _, op := range model.Operators {
		if op.HasUID() || op.Stateful == pipeline.StatefulNo && !allOperators || seen[op.Pos] || pipeline.IsCollectSink(op.Call) {
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
		repeated := created[op.Pos]
		switch {
		case op.InLoop:
			msg += "; it is created in a loop, so its uid must differ per iteration"
		case repeated > 1:
			msg += fmt.Sprintf("; job %s creates it %d times through the helper that holds it, so a constant uid would collide: give the helper a uid prefix parameter and build the uid from it", op.Job.Name, repeated)
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

// timesCreated counts, for each creating call, the operators it creates in
// the job that creates the most of them: a helper called twice creates two.
func timesCreated(m *pipeline.Model) map[token.Pos]int {
	type key struct {
		job *pipeline.Job
		pos token.Pos
	}
	perJob := map[key]int{}
	most := map[token.Pos]int{}
	for _, o := range m.Operators {
		k := key{o.Job, o.Pos}
		perJob[k]++
		most[o.Pos] = max(most[o.Pos], perJob[k])
	}
	return most
}
