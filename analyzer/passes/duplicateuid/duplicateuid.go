package duplicateuid

import (
	_ "embed"
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/analyzerdoc"
	"github.com/uidcheck/uidcheck/analyzer/pipeline"
)

//go:embed doc.go
var doc string

// CategoryLoop marks a constant uid inside a loop.
const CategoryLoop = "loop"

// Analyzer reports uids used by more than one operator of a job.
var Analyzer = &analysis.Analyzer{
	Name:     "duplicateuid",
	Doc:      analyzerdoc.MustExtract(doc, "duplicateuid"),
	URL:      analyzerdoc.URL("duplicateuid"),
	Requires: []*analysis.Analyzer{pipeline.Analyzer},
	Run:      run,
}

// use is one uid an operator (or one of its Sink V2 parts) carries.
type use struct {
	uid  string
	op   *pipeline.Operator
	part string
}

func uses(op *pipeline.Operator) []use {
	if op.UID.State != pipeline.UIDResolved {
		return nil
	}
	if len(op.Parts) == 0 {
		return []use{{uid: op.UID.Value, op: op}}
	}
	out := make([]use, 0, len(op.Parts))
	for _, p := range op.Parts {
		if p.UID != "" {
			out = append(out, use{uid: p.UID, op: op, part: p.Name})
		}
	}
	return out
}

func describe(u use) string {
	if u.part != "" && u.part != "Writer" {
		return fmt.Sprintf("the %s of sink %q", u.part, u.op.Call)
	}
	return fmt.Sprintf("operator %q", u.op.Call)
}

// checker reports each collision once.
type checker struct {
	pass     *analysis.Pass
	reported map[[2]token.Pos]bool
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{pass: pass, reported: map[[2]token.Pos]bool{}}
	for _, job := range pipeline.Of(pass).Jobs {
		first := map[string][]use{}
		for _, op := range job.Operators {
			for _, u := range uses(op) {
				if op.InLoop && u.part == "" {
					c.loop(op, u)
				}
				c.collision(job, first[u.uid], u)
				first[u.uid] = append(first[u.uid], u)
			}
		}
	}
	return nil, nil
}

// loop reports a constant uid on an operator created in a loop.
func (c *checker) loop(op *pipeline.Operator, u use) {
	k := [2]token.Pos{op.UID.Pos, op.UID.Pos}
	if c.reported[k] {
		return
	}
	c.reported[k] = true
	c.pass.Report(analysis.Diagnostic{
		Pos: op.UID.Pos, End: op.UID.End, Category: CategoryLoop,
		Message: fmt.Sprintf("uid %q is set inside a loop: every iteration creates an operator with this uid, and the job graph fails with a hash collision", u.uid),
	})
}

// collision reports u against the first earlier use of its uid that can be
// in the same job graph.
func (c *checker) collision(job *pipeline.Job, earlier []use, u use) {
	op := u.op
	for _, prev := range earlier {
		if prev.op.Exclusive(op) || prev.op == op {
			continue
		}
		k := [2]token.Pos{prev.op.UID.Pos, op.UID.Pos}
		if c.reported[k] {
			return
		}
		c.reported[k] = true
		msg := fmt.Sprintf("uid %q of %s is also used by %s in job %s; Flink fails with a hash collision", u.uid, describe(u), describe(prev), job.Name)
		if prev.op.UID.Pos == op.UID.Pos {
			msg = fmt.Sprintf("uid %q of %s is used twice in job %s because this code runs more than once; Flink fails with a hash collision", u.uid, describe(u), job.Name)
		}
		c.pass.Report(analysis.Diagnostic{
			Pos: op.UID.Pos, End: op.UID.End, Message: msg,
			Related: []analysis.RelatedInformation{{Pos: prev.op.UID.Pos, End: prev.op.UID.End, Message: fmt.Sprintf("uid %q first set here", u.uid)}},
		})
		return
	}
}
