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

func describe(u pipeline.UIDUse) string {
	if u.Part != "" && u.Part != "Writer" {
		return fmt.Sprintf("the %s of sink %q", u.Part, u.Op.Call)
	}
	return fmt.Sprintf("operator %q", u.Op.Call)
}

// checker reports each collision once.
type checker struct {
	pass     *analysis.Pass
	reported map[[2]token.Pos]bool
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{pass: pass, reported: map[[2]token.Pos]bool{}}
	for _, job := range pipeline.Of(pass).Jobs {
		for _, col := range job.Collisions() {
			if col.InLoop() {
				c.loop(col.Second.Op, col.Second)
				continue
			}
			c.collision(job, col)
		}
	}
	return nil, nil
}

// loop reports a constant uid on an operator created in a loop.
func (c *checker) loop(op *pipeline.Operator, u pipeline.UIDUse) {
	k := [2]token.Pos{op.UID.Pos, op.UID.Pos}
	if c.reported[k] {
		return
	}
	c.reported[k] = true
	c.pass.Report(analysis.Diagnostic{
		Pos: op.UID.Pos, End: op.UID.End, Category: CategoryLoop,
		Message: fmt.Sprintf("uid %q is set inside a loop: every iteration creates an operator with this uid, and the job graph fails with a hash collision", u.UID),
	})
}

// collision reports one collision, once per pair of uid calls: a helper
// that two jobs call collides in both.
func (c *checker) collision(job *pipeline.Job, col pipeline.Collision) {
	prev, u := col.First, col.Second
	k := [2]token.Pos{prev.Op.UID.Pos, u.Op.UID.Pos}
	if c.reported[k] {
		return
	}
	c.reported[k] = true
	msg := fmt.Sprintf("uid %q of %s is also used by %s in job %s; Flink fails with a hash collision", u.UID, describe(u), describe(prev), job.Name)
	if prev.Op.UID.Pos == u.Op.UID.Pos {
		msg = fmt.Sprintf("uid %q of %s is used twice in job %s because this code runs more than once; Flink fails with a hash collision", u.UID, describe(u), job.Name)
	}
	c.pass.Report(analysis.Diagnostic{
		Pos: u.Op.UID.Pos, End: u.Op.UID.End, Message: msg,
		Related: []analysis.RelatedInformation{{Pos: prev.Op.UID.Pos, End: prev.Op.UID.End, Message: fmt.Sprintf("uid %q first set here", u.UID)}},
	})
}
