// Package compat predicts what Flink does when a job resumes from a savepoint:
// which savepoint entries it maps to operators of the new job, which state it
// refuses to skip, which it drops under --allowNonRestoredState, and which
// max-parallelism rules make the restore fail.
//
// The rules follow Flink's own restore path (docs/flink-internals.md
// §3): Checkpoints.loadAndValidateCheckpoint maps every savepoint operator by its
// generated or user-defined (setUidHash) OperatorID, checks max parallelism of
// every mapped operator, and refuses unmapped non-empty state unless
// allowNonRestoredState is set; StateAssignmentOperation then refuses a
// parallelism above the saved max parallelism. HA / last-state recovery is
// stricter: it refuses any unmapped entry, empty or not, and ignores
// allowNonRestoredState (FLINK-30638, FLINK-39513).
//
// compat never guesses: when an operator of the new job has no uid and its
// auto-generated ID cannot be computed, entries it might match are UNKNOWN.
package compat

import (
	"fmt"
	"slices"

	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/flinkid"
	"github.com/uidcheck/uidcheck/internal/report"
	"github.com/uidcheck/uidcheck/savepointinfo"
)

// Route is how the job is resumed.
type Route string

// Routes.
const (
	// RouteSavepoint is `flink run -s`, the REST jar run with savepointPath,
	// or execution.state-recovery.path.
	RouteSavepoint Route = "savepoint"
	// RouteLastState is recovery from the HA checkpoint store (JobManager
	// failover, Kubernetes operator upgradeMode last-state).
	RouteLastState Route = "last-state"
)

// Verdict is the overall prediction.
type Verdict string

// Verdicts, from best to worst; Rank orders them.
const (
	VerdictOK      Verdict = "OK"
	VerdictDropped Verdict = "OK with state dropped (-n)"
	VerdictUnknown Verdict = "UNKNOWN"
	VerdictFails   Verdict = "FAILS"
)

// Rank orders verdicts: OK 0, dropped 1, unknown 2, fails 3.
func (v Verdict) Rank() int {
	switch v {
	case VerdictOK:
		return 0
	case VerdictDropped:
		return 1
	case VerdictUnknown:
		return 2
	case VerdictFails:
		return 3
	}
	return 3
}

// Saved is one operator entry of the savepoint.
type Saved struct {
	ID             flinkid.OperatorID
	UID, Name      string // stored from metadata version 5 (Flink 2.0) on; "" before
	Parallelism    int
	MaxParallelism int
	// HasState mirrors Flink's OperatorSubtaskState.hasState() over all
	// subtasks: some managed or raw, keyed or operator handle is present.
	HasState bool
	// CoordinatorState is set when the entry carries operator-coordinator
	// state (FLIP-27 source enumerators). Flink counts it as state when
	// deciding whether an unmapped entry may be skipped.
	CoordinatorState bool
	StateBytes       int64
	StateNames       []string
	// StateMeta is what the savepoint's state streams say about the entry's
	// states (names, kinds, serializers); nil when not decoded, and then no
	// state is checked.
	StateMeta *savepointinfo.OperatorStateMeta
	// Backend is the keyed backend that must restore the entry, when the
	// savepoint's handles tell it (see BackendOf).
	Backend StateBackend
}

// carriesState is Flink's test for an entry that cannot be skipped silently.
func (s *Saved) carriesState() bool { return s.HasState || s.CoordinatorState }

// Operator is one operator of the new job.
type Operator struct {
	Job    string
	File   string
	Line   int
	Column int
	Call   string
	// UID is the operator's uid; "" when it has none or it is unresolved.
	UID string
	// ID is the generated OperatorID: murmur3 of the uid, or the
	// auto-generated hash when the job's graph is fully modelled. Nil when
	// it cannot be known.
	ID *flinkid.OperatorID
	// AltID is the user-defined ID from setUidHash, nil without one.
	AltID *flinkid.OperatorID
	// Pinned reports that ID comes from a uid, so it survives graph changes.
	Pinned   bool
	Stateful report.Stateful
	// Parallelism and MaxParallelism are the values set on this operator in
	// code (setParallelism, setMaxParallelism); 0 when not set.
	Parallelism    int
	MaxParallelism int
	// SubOperator names a Sink V2 part: Writer, Committer, Global Committer.
	SubOperator string
	// Inputs are the operators that feed this one, as far as known.
	Inputs []*Operator
	// Source is the model operator this one comes from (several compat
	// operators share it for a Sink V2); nil for a manifest job.
	Source *pipeline.Operator
	// ChainedToInput reports that Flink chains this operator to its only
	// input (the graph command groups chains with it).
	ChainedToInput bool
}

// Pos renders file:line for messages.
func (o *Operator) Pos() string {
	if o.Line == 0 {
		return o.File
	}
	return fmt.Sprintf("%s:%d", o.File, o.Line)
}

// Job is the new job as compat needs it.
type Job struct {
	Name string
	// File and Line locate the job's entry point, where findings about
	// operators that are gone are anchored.
	File      string
	Line      int
	Operators []*Operator
	// Parallelism and MaxParallelism are set on the environment in code
	// (env.setParallelism, env.setMaxParallelism); 0 when not set.
	Parallelism    int
	MaxParallelism int
	// Collisions are the uids two operators of the job graph share: from
	// the pipeline model (pipeline.Job.Collisions, which knows exclusive
	// branches) or, for a manifest, from SameUIDs.
	Collisions []Collision
}

// Collision is a uid that Second shares with the earlier First.
type Collision struct {
	UID           string
	First, Second *Operator
}

// SameUIDs pairs each operator with the first earlier one that has its uid.
// It is for jobs read from a uid manifest, which records no branches; jobs
// from source use the pipeline model's collisions.
func SameUIDs(ops []*Operator) []Collision {
	first := map[string]*Operator{}
	var out []Collision
	for _, op := range ops {
		if op.UID == "" || op.SubOperator != "" && op.SubOperator != "Writer" {
			continue
		}
		if prev, ok := first[op.UID]; ok {
			out = append(out, Collision{UID: op.UID, First: prev, Second: op})
			continue
		}
		first[op.UID] = op
	}
	return out
}

// Options carry what is decided outside the code.
type Options struct {
	Route Route
	// AllowNonRestoredState is -n / --allowNonRestoredState.
	AllowNonRestoredState bool
	// Parallelism is -p, or parallelism.default; 0 when unknown.
	Parallelism int
	// MaxParallelism is pipeline.max-parallelism given on the command line;
	// 0 when not set.
	MaxParallelism int
	// SavepointPath appears in quoted Flink messages.
	SavepointPath string
	// FlinkVersion is the Flink version the new job is built with (from
	// its build file); TTL changes depend on it.
	FlinkVersion FlinkVersion
	// StateBackend is the keyed backend the new job restores with
	// (--state-backend), used where the savepoint does not tell it.
	StateBackend StateBackend
}

// Outcome is what happens to one savepoint entry.
type Outcome string

// Outcomes of savepoint entries.
const (
	OutcomeRestored Outcome = "restored" // mapped; its state (if any) goes to the operator
	OutcomeSkipped  Outcome = "skipped"  // unmapped and empty: Flink skips it
	OutcomeDropped  Outcome = "dropped"  // unmapped with state, skipped because of -n
	OutcomeFails    Outcome = "fails"    // the restore fails on this entry
	OutcomeUnknown  Outcome = "unknown"  // may or may not map: see Entry.Reason
)

// MatchKind says which ID mapped an entry.
type MatchKind string

// How an entry was mapped.
const (
	MatchUID      MatchKind = "uid"
	MatchUIDHash  MatchKind = "uid-hash"
	MatchAutoHash MatchKind = "auto-hash"
)

// Entry is the prediction for one savepoint operator.
type Entry struct {
	Saved     Saved
	Match     *Operator // nil when unmapped
	MatchedBy MatchKind
	Outcome   Outcome
	// Reason explains the outcome; for OutcomeFails it quotes the error
	// Flink raises.
	Reason string
	// States are the per-state findings of a restored entry whose state
	// meta info was decoded: key serializer first, then each saved state,
	// then the new code's states nothing was saved for.
	States []StateFinding
	// LikelyOwner is, for an unmapped entry with state, the one new
	// operator that is likely its owner under a changed uid (see
	// likelyOwners); nil when there is none or several could be.
	LikelyOwner *Operator
}

// NewOutcome is what happens to one operator of the new job.
type NewOutcome string

// Outcomes of new operators.
const (
	NewMatched    NewOutcome = "matched"      // receives a savepoint entry
	NewStartEmpty NewOutcome = "starts-empty" // stateful, matches nothing: starts with empty state
	NewUnmatched  NewOutcome = "unmatched"    // stateless or unknown, matches nothing
	NewUnknownID  NewOutcome = "unknown-id"   // no uid and the auto-generated ID cannot be computed
)

// NewEntry is the prediction for one operator of the new job.
type NewEntry struct {
	Op      *Operator
	Outcome NewOutcome
	// Candidates are unmapped savepoint entries with state that may be this
	// operator's old state under a previous uid.
	Candidates []flinkid.OperatorID
	// Unpinned marks a stateful operator whose ID is auto-generated: its
	// state survives only while the graph before it keeps its shape.
	Unpinned bool
	// LikelyState is the savepoint entry whose LikelyOwner this operator
	// is: setUidHash with that ID on it restores the state.
	LikelyState *flinkid.OperatorID
}

// Result is the whole prediction.
type Result struct {
	Verdict Verdict
	// Failures quote, in order, the errors Flink would raise before or
	// during the restore (duplicate uids first: they fail at submission).
	Failures []string
	// Duplicates are the operators whose uid an earlier operator of the job
	// already uses, one per failure at the start of Failures.
	Duplicates []*Operator
	// Unknowns say what could not be decided, and why.
	Unknowns []string
	// Unchecked names the states whose compatibility was not checked, and
	// why. They leave the verdict as it is, and are never reported as
	// compatible.
	Unchecked []string
	Entries   []Entry
	New       []NewEntry
}

// Predict compares one job with a savepoint.
func Predict(job *Job, saved []Saved, opts Options) *Result {
	res := &Result{}
	res.Failures, res.Duplicates = duplicateUIDs(job)

	byID := map[flinkid.OperatorID]*Operator{}
	byAlt := map[flinkid.OperatorID]*Operator{}
	var unknownIDs []*Operator
	for _, op := range job.Operators {
		if op.ID != nil {
			if _, dup := byID[*op.ID]; !dup {
				byID[*op.ID] = op
			}
		}
		if op.AltID != nil {
			byAlt[*op.AltID] = op
		}
		if op.ID == nil {
			unknownIDs = append(unknownIDs, op)
		}
	}

	matched := map[*Operator]bool{}
	for i := range saved {
		e := decide(job, &saved[i], byID, byAlt, unknownIDs, opts)
		if e.Match != nil {
			matched[e.Match] = true
		}
		if e.Outcome == OutcomeRestored {
			checkStates(res, &e, opts)
		}
		switch e.Outcome {
		case OutcomeFails:
			if len(e.States) == 0 || !stateFailed(e.States) {
				res.Failures = append(res.Failures, e.Reason)
			}
		case OutcomeUnknown:
			res.Unknowns = append(res.Unknowns, e.Reason)
		case OutcomeRestored, OutcomeSkipped, OutcomeDropped:
		}
		res.Entries = append(res.Entries, e)
	}
	res.New = newEntries(job, res.Entries, matched)
	likelyOwners(res, matched, job, opts)
	res.Verdict = verdictOf(res)
	return res
}

func verdictOf(res *Result) Verdict {
	switch {
	case len(res.Failures) > 0:
		return VerdictFails
	case len(res.Unknowns) > 0:
		return VerdictUnknown
	}
	for _, e := range res.Entries {
		if e.Outcome == OutcomeDropped {
			return VerdictDropped
		}
	}
	return VerdictOK
}

// decide predicts one savepoint entry.
func decide(job *Job, s *Saved, byID, byAlt map[flinkid.OperatorID]*Operator, unknownIDs []*Operator, opts Options) Entry {
	e := Entry{Saved: *s}
	// Flink maps both IDs of every OperatorIDPair; StateAssignmentOperation
	// prefers the user-defined one, so check it first.
	if op, ok := byAlt[s.ID]; ok {
		e.Match, e.MatchedBy = op, MatchUIDHash
	} else if op, ok := byID[s.ID]; ok {
		e.Match, e.MatchedBy = op, MatchAutoHash
		if op.Pinned {
			e.MatchedBy = MatchUID
		}
	}
	if e.Match != nil {
		checkParallelism(job, &e, opts)
		return e
	}
	unmapped(s, &e, unknownIDs, opts)
	return e
}

// checkParallelism applies the max-parallelism check of
// Checkpoints.loadAndValidateCheckpoint (every mapped operator) and the
// parallelism precondition of StateAssignmentOperation (operators with state).
func checkParallelism(job *Job, e *Entry, opts Options) {
	op, s := e.Match, &e.Saved
	e.Outcome = OutcomeRestored
	e.Reason = fmt.Sprintf("mapped by %s to %s at %s", e.MatchedBy, op.Call, op.Pos())

	newMax := firstSet(op.MaxParallelism, job.MaxParallelism, opts.MaxParallelism)
	if newMax > 0 && newMax != s.MaxParallelism {
		e.Outcome = OutcomeFails
		e.Reason = fmt.Sprintf("Failed to rollback to checkpoint/savepoint Checkpoint Metadata. Max parallelism mismatch "+
			"between checkpoint/savepoint state and new program. Cannot map operator %s with max parallelism %d to new "+
			"program with max parallelism %d. This indicates that the program has been changed in a non-compatible way "+
			"after the checkpoint/savepoint. (%s at %s sets max parallelism %d explicitly)",
			s.ID, s.MaxParallelism, newMax, op.Call, op.Pos(), newMax)
		return
	}
	newPar := firstSet(op.Parallelism, job.Parallelism, opts.Parallelism)
	if s.carriesState() && newPar > s.MaxParallelism {
		e.Outcome = OutcomeFails
		e.Reason = fmt.Sprintf("The state for task %s can not be restored. The maximum parallelism (%d) of the restored "+
			"state is lower than the configured parallelism (%d). Please reduce the parallelism of the task to be lower "+
			"or equal to the maximum parallelism. (%s at %s)", s.ID, s.MaxParallelism, newPar, op.Call, op.Pos())
	}
}

// unmapped decides an entry no known ID maps.
func unmapped(s *Saved, e *Entry, unknownIDs []*Operator, opts Options) {
	mustMap := s.carriesState() || opts.Route == RouteLastState
	if mustMap && len(unknownIDs) > 0 {
		e.Outcome = OutcomeUnknown
		e.Reason = fmt.Sprintf("savepoint entry %s%s may belong to one of %d operators without uid whose "+
			"auto-generated ID cannot be computed (first: %s at %s)",
			s.ID, describe(s), len(unknownIDs), unknownIDs[0].Call, unknownIDs[0].Pos())
		return
	}
	switch {
	case opts.Route == RouteLastState:
		e.Outcome = OutcomeFails
		e.Reason = fmt.Sprintf("There is no operator for the state %s%s (HA/last-state recovery refuses every "+
			"unmapped entry, empty or not, and ignores allowNonRestoredState)", s.ID, describe(s))
	case !s.carriesState():
		e.Outcome = OutcomeSkipped
		e.Reason = "no operator of the new job has this ID; the entry holds no state, so Flink skips it"
	case opts.AllowNonRestoredState:
		e.Outcome = OutcomeDropped
		e.Reason = fmt.Sprintf("no operator of the new job has this ID; with --allowNonRestoredState its state%s is discarded",
			stateSummary(s))
	default:
		e.Outcome = OutcomeFails
		e.Reason = fmt.Sprintf("Failed to rollback to checkpoint/savepoint %s. Cannot map checkpoint/savepoint state for "+
			"operator %s to the new program, because the operator is not available in the new program. If you want to "+
			"allow to skip this, you can set the --allowNonRestoredState option on the CLI.%s",
			orDefault(opts.SavepointPath, "<savepoint>"), s.ID, describe(s))
	}
}

// newEntries classifies the new job's operators.
func newEntries(job *Job, entries []Entry, matched map[*Operator]bool) []NewEntry {
	var candidates []flinkid.OperatorID
	for _, e := range entries {
		if e.Match == nil && e.Saved.carriesState() {
			candidates = append(candidates, e.Saved.ID)
		}
	}
	out := make([]NewEntry, 0, len(job.Operators))
	for _, op := range job.Operators {
		ne := NewEntry{Op: op, Unpinned: !op.Pinned && op.AltID == nil && op.Stateful != report.StatefulNo}
		switch {
		case matched[op]:
			ne.Outcome = NewMatched
		case op.ID == nil && op.AltID == nil:
			ne.Outcome = NewUnknownID
		case op.Stateful == report.StatefulYes:
			ne.Outcome = NewStartEmpty
			ne.Candidates = slices.Clone(candidates)
		default:
			ne.Outcome = NewUnmatched
		}
		out = append(out, ne)
	}
	return out
}

// likelyOwners pairs unmapped savepoint entries that hold state with new
// stateful operators that receive nothing, when the pairing is one to one:
// the typical result of renaming a uid. An operator can own an entry when it
// sits at the same place (every operator feeding it is restored), is a
// FLIP-27 source exactly when the entry has coordinator state, and its
// parallelism fits the entry's max parallelism. A pairing is named only
// when each side has exactly one candidate.
func likelyOwners(res *Result, matched map[*Operator]bool, job *Job, opts Options) {
	fits := func(s *Saved, op *Operator) bool {
		for _, in := range op.Inputs {
			if !matched[in] {
				return false
			}
		}
		newMax := firstSet(op.MaxParallelism, job.MaxParallelism, opts.MaxParallelism)
		newPar := firstSet(op.Parallelism, job.Parallelism, opts.Parallelism)
		return s.CoordinatorState == (op.Call == "fromSource") &&
			(newMax == 0 || newMax == s.MaxParallelism) && newPar <= s.MaxParallelism
	}
	var entries []*Entry
	for i := range res.Entries {
		if e := &res.Entries[i]; e.Match == nil && e.Saved.carriesState() && (e.Outcome == OutcomeFails || e.Outcome == OutcomeDropped) {
			entries = append(entries, e)
		}
	}
	var owners []*NewEntry
	for i := range res.New {
		if ne := &res.New[i]; ne.Outcome == NewStartEmpty && ne.Op.SubOperator == "" {
			owners = append(owners, ne)
		}
	}
	count := map[*NewEntry]int{}
	pick := map[*Entry]*NewEntry{}
	for _, e := range entries {
		n := 0
		for _, ne := range owners {
			if fits(&e.Saved, ne.Op) {
				count[ne]++
				pick[e] = ne
				n++
			}
		}
		if n != 1 {
			delete(pick, e)
		}
	}
	for _, e := range entries {
		ne, ok := pick[e]
		if !ok || count[ne] != 1 {
			continue
		}
		e.LikelyOwner = ne.Op
		id := e.Saved.ID
		ne.LikelyState = &id
		e.Reason += fmt.Sprintf(" It is likely the state of %s at %s%s, whose ID changed: .setUidHash(%q) on it restores this state.",
			ne.Op.Call, ne.Op.Pos(), uidNote(ne.Op.UID), id.String())
	}
}

func uidNote(uid string) string {
	if uid == "" {
		return ""
	}
	return fmt.Sprintf(" (uid %q)", uid)
}

// duplicateUIDs quotes the failure of each uid collision: Flink refuses the
// job graph with a hash collision before any state is read.
func duplicateUIDs(job *Job) ([]string, []*Operator) {
	var out []string
	var dups []*Operator
	for _, c := range job.Collisions {
		where := fmt.Sprintf("at %s and %s", c.First.Pos(), c.Second.Pos())
		if c.First == c.Second {
			where = fmt.Sprintf("at %s, set in a loop", c.First.Pos())
		}
		out = append(out, fmt.Sprintf("%s (uid %q %s)", (&flinkid.HashCollisionError{UID: c.UID}).Error(), c.UID, where))
		dups = append(dups, c.Second)
	}
	return out, dups
}

func describe(s *Saved) string {
	switch {
	case s.UID != "" && s.Name != "":
		return fmt.Sprintf(" (uid %q, %s)", s.UID, s.Name)
	case s.UID != "":
		return fmt.Sprintf(" (uid %q)", s.UID)
	case s.Name != "":
		return fmt.Sprintf(" (%s)", s.Name)
	}
	return ""
}

func stateSummary(s *Saved) string {
	out := ""
	if s.StateBytes > 0 {
		out = fmt.Sprintf(" (%d bytes", s.StateBytes)
		if len(s.StateNames) > 0 {
			out += fmt.Sprintf(", %v", s.StateNames)
		}
		out += ")"
	} else if len(s.StateNames) > 0 {
		out = fmt.Sprintf(" (%v)", s.StateNames)
	}
	if s.CoordinatorState {
		out += " and its coordinator state"
	}
	return out
}

func firstSet(vals ...int) int {
	for _, v := range vals {
		if v > 0 {
			return v
		}
	}
	return 0
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
