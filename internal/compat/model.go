package compat

import (
	"fmt"
	"go/token"

	"github.com/uidcheck/uidcheck/analyzer/manifest"
	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/flinkid"
	"github.com/uidcheck/uidcheck/internal/report"
	"github.com/uidcheck/uidcheck/savepointinfo"
)

// FromModel converts one analysed job into compat's view: every operator
// (Sink V2 sinks expanded into their parts) with the IDs Flink will give it.
// Operators with a uid get murmur3 of it. Operators without one get their
// auto-generated ID only when the job's whole graph was understood and every
// edge that influences those IDs is modelled; otherwise their ID is nil and
// Predict answers UNKNOWN where it matters. defaultParallelism is -p (0 when
// not given): it decides which edges Flink chains.
func FromModel(fset *token.FileSet, job *pipeline.Job, defaultParallelism int) *Job {
	entry := fset.Position(job.Pos)
	out := &Job{
		Name: job.Name, File: entry.Filename, Line: entry.Line,
		Parallelism: job.Parallelism, MaxParallelism: job.MaxParallelism,
	}
	g := newGraph(job, defaultParallelism)
	heads := map[*pipeline.Operator]*Operator{}
	for _, op := range job.Operators {
		ops := g.operators(fset, op)
		heads[op] = ops[0]
		out.Operators = append(out.Operators, ops...)
	}
	seen := map[[2]*pipeline.Operator]bool{}
	for _, c := range job.Collisions() {
		// Two sinks with one uid also share their parts' derived uids:
		// Flink fails on the first.
		pair := [2]*pipeline.Operator{c.First.Op, c.Second.Op}
		if !seen[pair] {
			seen[pair] = true
			out.Collisions = append(out.Collisions, Collision{UID: c.Second.UID, First: heads[c.First.Op], Second: heads[c.Second.Op]})
		}
	}
	if hashes, ok := g.hashes(); ok {
		for n, o := range g.byNode {
			if o.ID == nil {
				id := hashes[n]
				o.ID = &id
			}
		}
	}
	return out
}

// graph mirrors the job's StreamGraph for flinkid.GraphHashes.
type graph struct {
	job         *pipeline.Job
	parallelism int
	nodes       []*flinkid.Node
	byNode      map[*flinkid.Node]*Operator
	// head and tail are the first and last node of each model operator: a
	// Sink V2 sink is Writer → Committer → Global Committer.
	head, tail map[*pipeline.Operator]*flinkid.Node
	// modelled is false when something that moves auto-generated IDs is
	// not known precisely.
	modelled bool
	order    int
}

func newGraph(job *pipeline.Job, parallelism int) *graph {
	return &graph{
		job: job, parallelism: parallelism, modelled: job.Complete,
		byNode: map[*flinkid.Node]*Operator{},
		head:   map[*pipeline.Operator]*flinkid.Node{}, tail: map[*pipeline.Operator]*flinkid.Node{},
	}
}

// operators returns the compat operators for one model operator and adds
// its nodes and in-edges to the graph.
func (g *graph) operators(fset *token.FileSet, op *pipeline.Operator) []*Operator {
	p := fset.Position(op.Pos)
	base := Operator{
		Job: g.job.Name, File: p.Filename, Line: p.Line, Column: p.Column, Call: op.Call,
		Stateful: StatefulOf(op.Stateful), Parallelism: op.Parallelism, MaxParallelism: op.MaxParallelism,
		Source: op,
	}
	if op.UIDHash != "" {
		if id, err := flinkid.Parse(op.UIDHash); err == nil {
			base.AltID = &id
		}
	}
	parts := op.Parts
	if len(parts) == 0 {
		if op.Call == "sinkTo" {
			// A Sink V2 whose parts are unknown adds an unknown number of
			// nodes, which shifts every later auto-generated ID.
			g.modelled = false
		}
		parts = []pipeline.Part{{}}
	}
	var out []*Operator
	var prev *flinkid.Node
	for i, part := range parts {
		o := base
		o.SubOperator = part.Name
		uid := part.UID
		if part.Name == "" || part.Name == "Writer" {
			uid = ""
			if op.UID.State == pipeline.UIDResolved {
				uid = op.UID.Value
			}
		} else {
			o.AltID = nil // setUidHash on a sinkTo goes through CustomSinkOperatorUidHashes, not modelled
		}
		if op.UID.State == pipeline.UIDUnresolved {
			// The uid exists but its value is unknown: so is the ID.
			g.modelled = false
		}
		if uid != "" {
			o.UID, o.Pinned = uid, true
			id := flinkid.FromUID(uid)
			o.ID = &id
		}
		g.order++
		n := &flinkid.Node{Order: g.order, UID: uid}
		if i == 0 {
			g.head[op] = n
			o.ChainedToInput = g.addInputs(op, n)
			o.Inputs = g.inputsOf(op)
		} else {
			o.ChainedToInput = part.Name == "Committer" && !g.job.ChainingDisabled
			g.link(prev, n, o.ChainedToInput)
			if part.Name == "Global Committer" && uid == "" {
				// Runs at parallelism 1: whether it chains depends on the
				// sink's runtime parallelism.
				g.modelled = false
			}
		}
		prev = n
		g.nodes = append(g.nodes, n)
		ptr := &o
		g.byNode[n] = ptr
		out = append(out, ptr)
	}
	g.tail[op] = prev
	return out
}

// inputsOf returns the compat operators that feed op, as far as modelled.
func (g *graph) inputsOf(op *pipeline.Operator) []*Operator {
	var out []*Operator
	for _, in := range op.Inputs {
		if from := g.tail[in.From]; from != nil {
			out = append(out, g.byNode[from])
		}
	}
	return out
}

// addInputs links op's inputs to n and reports whether n chains to its
// input.
func (g *graph) addInputs(op *pipeline.Operator, n *flinkid.Node) bool {
	chained := false
	for _, in := range op.Inputs {
		from := g.tail[in.From]
		if in.From == nil || from == nil {
			g.modelled = false
			continue
		}
		c := Chainable(g.job, in, op, g.parallelism)
		chained = chained || c
		g.link(from, n, c)
	}
	return chained
}

func (g *graph) link(from, to *flinkid.Node, chainable bool) {
	from.Outputs = append(from.Outputs, flinkid.Edge{To: to, Chainable: chainable})
	to.Inputs = append(to.Inputs, from)
}

// Chainable follows StreamingJobGraphGenerator.isChainable for the edge
// from in.From to op of job: chaining on, a forward edge that is the
// operator's only input, equal parallelism and slot sharing group, no chain
// breaks. defaultParallelism is -p (0 when not given). Exported so that the
// graph command draws the chains that decide auto-generated IDs, not a
// second opinion on them.
func Chainable(job *pipeline.Job, in pipeline.Input, op *pipeline.Operator, defaultParallelism int) bool {
	from := in.From
	switch {
	case from == nil:
		return false
	case job.ChainingDisabled, in.Partition != pipeline.Forward, in.Union, len(op.Inputs) != 1:
		return false
	case op.StartNewChain, op.DisableChaining, from.DisableChaining:
		return false
	case from.SlotSharingGroup != op.SlotSharingGroup:
		return false
	}
	return effectiveParallelism(job, from, defaultParallelism) == effectiveParallelism(job, op, defaultParallelism)
}

func effectiveParallelism(job *pipeline.Job, op *pipeline.Operator, defaultParallelism int) int {
	for _, p := range []int{op.Parallelism, job.Parallelism, defaultParallelism} {
		if p > 0 {
			return p
		}
	}
	return 0 // the cluster default, the same for every operator
}

func (g *graph) hashes() (map[*flinkid.Node]flinkid.OperatorID, bool) {
	if !g.modelled {
		return nil, false
	}
	h, err := flinkid.GraphHashes(g.nodes)
	if err != nil {
		// A duplicate uid: Predict reports it; IDs stay unknown.
		return nil, false
	}
	return h, true
}

// StatefulOf converts the model's statefulness to the reported one.
func StatefulOf(s pipeline.Stateful) report.Stateful {
	switch s {
	case pipeline.StatefulYes:
		return report.StatefulYes
	case pipeline.StatefulNo:
		return report.StatefulNo
	case pipeline.StatefulUnknown:
	}
	return report.StatefulUnknown
}

// FromMetadata converts a decoded savepoint's operator entries.
func FromMetadata(m *savepointinfo.Metadata) []Saved {
	out := make([]Saved, 0, len(m.Operators))
	for _, op := range m.Operators {
		s := Saved{
			ID: op.ID, UID: op.UID, Name: op.Name, Parallelism: op.Parallelism, MaxParallelism: op.MaxParallelism,
			HasState: op.HasState, CoordinatorState: op.HasCoordinatorState(), StateBytes: op.StateBytes,
			Backend: BackendOf(op.KeyedHandles),
		}
		for _, sn := range op.StateNames {
			s.StateNames = append(s.StateNames, sn.Name)
		}
		out = append(out, s)
	}
	return out
}

// FromManifest builds a job from a uid manifest instead of sources: every
// operator with a uid, pinned to its recorded OperatorID. The manifest keeps
// no graph, so when it counts operators without uid, one placeholder with an
// unknown ID stands for them and Predict answers UNKNOWN where they could
// own state.
func FromManifest(m *manifest.Manifest, name, file string) *Job {
	job := &Job{Name: name, File: file}
	for _, e := range m.Jobs[name] {
		op := &Operator{Job: name, File: e.File, Line: e.Line, Call: e.Call, UID: e.UID, Pinned: true}
		if id, err := flinkid.Parse(e.OperatorID); err == nil {
			op.ID = &id
		}
		switch e.Stateful {
		case "stateful":
			op.Stateful = report.StatefulYes
		case "stateless":
			op.Stateful = report.StatefulNo
		}
		job.Operators = append(job.Operators, op)
	}
	job.Collisions = SameUIDs(job.Operators)
	if n := m.Unpinned[name]; n > 0 {
		job.Operators = append(job.Operators, &Operator{
			Job: name, File: file, Call: fmt.Sprintf("one of the %d operators without uid", n),
		})
	}
	return job
}
