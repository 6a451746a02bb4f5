// Package graph draws a job's operator graph with each operator's uid,
// OperatorID and state, and, given a savepoint prediction, the restore
// outcome of every operator and savepoint entry.
//
// The graph is built from compat's view of the job (compat.FromModel), so
// the IDs, the Sink V2 parts and the chains drawn are the ones compat uses
// to predict a restore; this package adds no opinion of its own about them.
// Writers produce Graphviz DOT, Mermaid, SVG (laid out by Graphviz's dot
// when it is installed, by a small built-in layered layout otherwise) and a
// self-contained HTML page.
package graph

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/internal/compat"
	"github.com/uidcheck/uidcheck/internal/report"
)

// Status is what a node's colour, shape and status line say.
type Status string

// Statuses without a savepoint: the operator's state and uid.
const (
	StatusPinned       Status = "stateful-uid"    // stateful with a uid: its state survives graph changes
	StatusUnpinned     Status = "stateful-no-uid" // stateful without uid: its state moves with the graph
	StatusUnknownState Status = "state-unknown"   // statefulness could not be decided
	StatusStateless    Status = "stateless"
)

// Statuses with a savepoint (-s): the restore outcome.
const (
	StatusRestored    Status = "restored"     // gets its savepoint state
	StatusStartsEmpty Status = "starts-empty" // stateful, no savepoint entry: starts with empty state
	StatusDropped     Status = "dropped"      // savepoint state discarded by -n
	StatusFails       Status = "fails"        // the restore fails here
	StatusUnknown     Status = "unknown"      // the ID cannot be computed
	StatusSkipped     Status = "skipped"      // an empty savepoint entry Flink skips
	StatusNoState     Status = "no-state"     // a new stateless operator: nothing to restore
)

// Style is how a status is drawn. Colours are from the Okabe–Ito palette,
// which stays distinguishable with the common colour-vision deficiencies;
// Text and Shape carry the same information for readers without colour.
type Style struct {
	Fill  string // fill colour
	Text  string // the status line shown in the node and the legend
	Shape string // Graphviz shape
	Dash  string // Graphviz style additions: "dashed", "dotted", "bold" or ""
	// Double draws a second border (Graphviz peripheries=2) on what fails or
	// lacks a stable uid.
	Double bool
}

// Styles maps each status to its drawing.
var styles = map[Status]Style{
	StatusPinned:       {Fill: "#009E73", Text: "stateful, uid set", Shape: "box", Dash: ""},
	StatusUnpinned:     {Fill: "#D55E00", Text: "STATEFUL, NO STABLE UID", Shape: "box", Dash: "bold", Double: true},
	StatusUnknownState: {Fill: "#F0E442", Text: "state unknown", Shape: "tab", Dash: "dashed"},
	StatusStateless:    {Fill: "#FFFFFF", Text: "stateless", Shape: "box", Dash: ""},
	StatusRestored:     {Fill: "#009E73", Text: "RESTORED", Shape: "box", Dash: ""},
	StatusStartsEmpty:  {Fill: "#56B4E9", Text: "STARTS EMPTY", Shape: "box", Dash: "dashed"},
	StatusDropped:      {Fill: "#E69F00", Text: "DROPPED with -n", Shape: "note", Dash: "dotted"},
	StatusFails:        {Fill: "#D55E00", Text: "FAILS", Shape: "box", Dash: "bold", Double: true},
	StatusUnknown:      {Fill: "#F0E442", Text: "UNKNOWN", Shape: "tab", Dash: "dashed"},
	StatusSkipped:      {Fill: "#DDDDDD", Text: "skipped (no state)", Shape: "box", Dash: "dotted"},
	StatusNoState:      {Fill: "#FFFFFF", Text: "no state to restore", Shape: "box", Dash: ""},
}

// legendOrder lists the statuses the legend shows, per mode.
var (
	legendPlain     = []Status{StatusPinned, StatusUnpinned, StatusUnknownState, StatusStateless}
	legendSavepoint = []Status{
		StatusRestored, StatusStartsEmpty, StatusDropped, StatusFails,
		StatusUnknown, StatusSkipped, StatusNoState,
	}
)

// Node is one operator, or one savepoint entry that no operator takes.
type Node struct {
	ID     string // "j0n3": unique in the graph, safe in DOT and Mermaid
	Title  string // the creating call and name, or "savepoint entry"
	UID    string // "uid: x" or "no uid"
	OpID   string // "id: <hex>" or "id: unknown"
	State  string // stateful, stateless, state unknown; or the entry's state size
	Pos    string // file:line
	Status Status
	// Tip is the longer explanation (why it keeps state, why it fails) for
	// formats that show tooltips.
	Tip string
	// Chain is the index of the node's chain in JobGraph.Chains, -1 when
	// it is alone in its chain or not an operator.
	Chain int
	// Matters marks nodes a reviewer must look at: stateful or unknown
	// state, no uid on a stateful operator, failing, dropped or unknown.
	Matters bool

	op *compat.Operator
}

// Lines returns the node's label lines, status last.
func (n *Node) Lines() []string {
	out := []string{n.Title, n.UID, n.OpID}
	if n.State != "" {
		out = append(out, n.State)
	}
	if n.Pos != "" {
		out = append(out, n.Pos)
	}
	return append(out, "▶ "+styles[n.Status].Text)
}

// Edge is a stream between two nodes.
type Edge struct {
	From, To int    // indexes into JobGraph.Nodes
	Label    string // partitioning: forward, hash, …; side output; union
	Chained  bool   // Flink chains the two operators
	Hint     bool   // not a stream: a savepoint entry likely owned by To
}

// JobGraph is one job's drawing.
type JobGraph struct {
	Name  string
	Nodes []*Node
	Edges []Edge
	// Chains lists node indexes per chain of two or more operators.
	Chains [][]int
	// Detached counts the savepoint entries at the end of Nodes that no
	// operator takes.
	Detached int
	// Omitted counts operators left out by [JobGraph.Collapse].
	Omitted int
	// Verdict is compat's verdict with a savepoint, "" without.
	Verdict string
}

// Graph is what the writers draw: one or more jobs and a legend.
type Graph struct {
	Jobs []*JobGraph
	// Savepoint is the savepoint path when outcomes are drawn.
	Savepoint string
}

// Legend returns the statuses the legend explains.
func (g *Graph) Legend() []Status {
	if g.Savepoint != "" {
		return legendSavepoint
	}
	return legendPlain
}

// Build draws one job as compat sees it. res is compat's prediction for the
// job, nil without a savepoint.
func Build(job *compat.Job, res *compat.Result) *JobGraph {
	jg := &JobGraph{Name: job.Name}
	idx := map[*compat.Operator]int{}
	head := map[*pipeline.Operator]*compat.Operator{}
	tail := map[*pipeline.Operator]*compat.Operator{}
	for i, op := range job.Operators {
		n := &Node{
			ID: fmt.Sprintf("n%d", i), Title: title(op), UID: uidLine(op), OpID: idLine(op),
			State: stateLine(op.Stateful), Pos: posLine(op.File, op.Line), Chain: -1, op: op,
		}
		if op.Source != nil {
			n.Tip = op.Source.StatefulReason
		}
		n.Status = plainStatus(op)
		idx[op] = len(jg.Nodes)
		jg.Nodes = append(jg.Nodes, n)
		if op.Source != nil {
			if head[op.Source] == nil {
				head[op.Source] = op
			}
			tail[op.Source] = op
		}
	}
	jg.addEdges(job, idx, head, tail)
	if res != nil {
		jg.applyPrediction(res, idx)
	}
	for _, n := range jg.Nodes {
		n.Matters = n.Matters || matters(n)
	}
	return jg
}

// addEdges draws the model's streams between compat operators, and the
// links between the parts of a Sink V2.
func (jg *JobGraph) addEdges(job *compat.Job, idx map[*compat.Operator]int, head, tail map[*pipeline.Operator]*compat.Operator) {
	chainOf := make([]int, len(jg.Nodes))
	for i := range chainOf {
		chainOf[i] = -1
	}
	join := func(from, to int) {
		c := chainOf[from]
		if c < 0 {
			c = len(jg.Chains)
			jg.Chains = append(jg.Chains, []int{from})
			chainOf[from] = c
		}
		chainOf[to] = c
		jg.Chains[c] = append(jg.Chains[c], to)
	}
	var prev *compat.Operator
	for _, op := range job.Operators {
		to := idx[op]
		switch {
		case op.Source == nil:
		case head[op.Source] != op:
			// A later Sink V2 part: fed by the part before it.
			from := idx[prev]
			jg.Edges = append(jg.Edges, Edge{From: from, To: to, Label: "forward", Chained: op.ChainedToInput})
			if op.ChainedToInput {
				join(from, to)
			}
		default:
			for _, in := range op.Source.Inputs {
				src := tail[in.From]
				if in.From == nil || src == nil {
					continue
				}
				from := idx[src]
				jg.Edges = append(jg.Edges, Edge{From: from, To: to, Label: edgeLabel(in), Chained: op.ChainedToInput})
				if op.ChainedToInput {
					join(from, to)
				}
			}
		}
		prev = op
	}
	for c, members := range jg.Chains {
		for _, m := range members {
			jg.Nodes[m].Chain = c
		}
	}
}

func edgeLabel(in pipeline.Input) string {
	label := string(in.Partition)
	if in.Partition == pipeline.Hash {
		label = "hash (keyBy)"
	}
	if in.SideOutput {
		label = "side output"
	}
	if in.Union {
		label += ", union"
	}
	return label
}

// applyPrediction colours every operator by its restore outcome and adds
// the savepoint entries no operator takes.
func (jg *JobGraph) applyPrediction(res *compat.Result, idx map[*compat.Operator]int) {
	jg.Verdict = string(res.Verdict)
	for _, ne := range res.New {
		n := jg.Nodes[idx[ne.Op]]
		switch ne.Outcome {
		case compat.NewMatched:
			n.Status = StatusRestored
		case compat.NewStartEmpty:
			n.Status = StatusStartsEmpty
		case compat.NewUnknownID:
			n.Status = StatusUnknown
			if ne.Op.Stateful == report.StatefulNo {
				n.Status = StatusNoState
			}
		case compat.NewUnmatched:
			n.Status = StatusNoState
			if ne.Op.Stateful == report.StatefulUnknown {
				// A new operator gets no savepoint state: whatever state it
				// keeps starts empty.
				n.Status = StatusStartsEmpty
				n.Tip = appendTip(n.Tip, "no savepoint entry maps to it: if it keeps state, that state starts empty")
			}
		}
	}
	for _, d := range res.Duplicates {
		n := jg.Nodes[idx[d]]
		n.Status, n.Tip = StatusFails, appendTip(n.Tip, "uid "+d.UID+" is used twice: Flink refuses the job graph")
	}
	for i := range res.Entries {
		e := &res.Entries[i]
		if e.Match != nil {
			n := jg.Nodes[idx[e.Match]]
			n.Status = entryStatus(e.Outcome)
			n.Tip = appendTip(n.Tip, e.Reason)
			continue
		}
		n := &Node{
			ID: fmt.Sprintf("s%d", i), Title: "savepoint entry", UID: savedUID(&e.Saved),
			OpID: "id: " + e.Saved.ID.String(), State: savedState(&e.Saved), Status: entryStatus(e.Outcome),
			Tip: e.Reason, Chain: -1, Matters: e.Outcome != compat.OutcomeSkipped,
		}
		jg.Nodes = append(jg.Nodes, n)
		jg.Detached++
		if e.LikelyOwner != nil {
			jg.Edges = append(jg.Edges, Edge{From: len(jg.Nodes) - 1, To: idx[e.LikelyOwner], Label: "likely its state (uid changed)", Hint: true})
		}
	}
}

// matters decides what a collapsed graph keeps: operators that keep or may
// keep state, and every outcome a reviewer must act on.
func matters(n *Node) bool {
	switch n.Status {
	case StatusUnpinned, StatusUnknownState, StatusFails, StatusDropped, StatusUnknown, StatusStartsEmpty:
		return true
	case StatusPinned, StatusStateless, StatusRestored, StatusSkipped, StatusNoState:
	}
	return n.op != nil && n.op.Stateful != report.StatefulNo
}

func entryStatus(o compat.Outcome) Status {
	switch o {
	case compat.OutcomeRestored:
		return StatusRestored
	case compat.OutcomeSkipped:
		return StatusSkipped
	case compat.OutcomeDropped:
		return StatusDropped
	case compat.OutcomeFails:
		return StatusFails
	case compat.OutcomeUnknown:
	}
	return StatusUnknown
}

func plainStatus(op *compat.Operator) Status {
	switch op.Stateful {
	case report.StatefulYes:
		if op.Pinned || op.AltID != nil {
			return StatusPinned
		}
		return StatusUnpinned
	case report.StatefulNo:
		return StatusStateless
	case report.StatefulUnknown:
	}
	return StatusUnknownState
}

func title(op *compat.Operator) string {
	t := op.Call
	if op.Source != nil && op.Source.Name != "" {
		t += " \"" + op.Source.Name + "\""
	}
	if op.SubOperator != "" {
		t += " (" + op.SubOperator + ")"
	}
	return t
}

func uidLine(op *compat.Operator) string {
	switch {
	case op.UID != "":
		return "uid: " + op.UID
	case op.Source != nil && op.Source.UID.State == pipeline.UIDUnresolved:
		return "uid: " + op.Source.UID.Expr + " (not resolved)"
	case op.AltID != nil:
		return "no uid (setUidHash)"
	}
	return "no uid"
}

func idLine(op *compat.Operator) string {
	switch {
	case op.AltID != nil:
		return "id: " + op.AltID.String()
	case op.ID == nil:
		return "id: unknown"
	case op.Pinned:
		return "id: " + op.ID.String()
	}
	return "id: " + op.ID.String() + " (auto)"
}

func stateLine(s report.Stateful) string {
	switch s {
	case report.StatefulYes:
		return "stateful"
	case report.StatefulNo:
		return "stateless"
	case report.StatefulUnknown:
	}
	return "state unknown"
}

func posLine(file string, line int) string {
	if file == "" {
		return ""
	}
	f := filepath.ToSlash(file)
	if line == 0 {
		return f
	}
	return fmt.Sprintf("%s:%d", f, line)
}

func savedUID(s *compat.Saved) string {
	switch {
	case s.UID != "":
		return "uid: " + s.UID
	case s.Name != "":
		return "name: " + s.Name
	}
	return "uid not stored"
}

func savedState(s *compat.Saved) string {
	switch {
	case s.StateBytes > 0:
		return fmt.Sprintf("%d bytes of state", s.StateBytes)
	case s.HasState || s.CoordinatorState:
		return "has state"
	}
	return "no state"
}

func appendTip(tip, more string) string {
	if tip == "" {
		return more
	}
	return tip + "; " + more
}

// Collapse keeps the nodes that matter and their direct neighbours, and
// counts the operators left out. Large graphs are collapsed to stay under
// the size of a pull-request comment; with neighbours false only the nodes
// that matter are kept.
func (jg *JobGraph) Collapse(neighbours bool) *JobGraph {
	keep := make([]bool, len(jg.Nodes))
	for i, n := range jg.Nodes {
		keep[i] = n.Matters
	}
	if neighbours {
		for _, e := range jg.Edges {
			if jg.Nodes[e.From].Matters {
				keep[e.To] = true
			}
			if jg.Nodes[e.To].Matters {
				keep[e.From] = true
			}
		}
	}
	out := &JobGraph{Name: jg.Name, Verdict: jg.Verdict, Omitted: jg.Omitted}
	newIdx := make([]int, len(jg.Nodes))
	for i, n := range jg.Nodes {
		newIdx[i] = -1
		if !keep[i] {
			out.Omitted++
			continue
		}
		c := *n
		c.Chain = -1
		newIdx[i] = len(out.Nodes)
		out.Nodes = append(out.Nodes, &c)
		if i >= len(jg.Nodes)-jg.Detached {
			out.Detached++
		}
	}
	for _, e := range jg.Edges {
		if newIdx[e.From] >= 0 && newIdx[e.To] >= 0 {
			e.From, e.To = newIdx[e.From], newIdx[e.To]
			out.Edges = append(out.Edges, e)
		}
	}
	for _, members := range jg.Chains {
		var kept []int
		for _, m := range members {
			if newIdx[m] >= 0 {
				kept = append(kept, newIdx[m])
			}
		}
		if len(kept) > 1 {
			for _, m := range kept {
				out.Nodes[m].Chain = len(out.Chains)
			}
			out.Chains = append(out.Chains, kept)
		}
	}
	return out
}

// operatorCount is the number of operator nodes (not savepoint entries).
func (jg *JobGraph) operatorCount() int { return len(jg.Nodes) - jg.Detached }

// safeName makes a job name usable in a comment or title line.
func safeName(s string) string { return strings.ReplaceAll(s, "\n", " ") }
