package output

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/uidcheck/uidcheck/internal/compat"
)

// CompatVersion is the value of CompatReport.Version for the shape defined here.
const CompatVersion = 1

// CompatReport is the JSON shape of `uidcheck compat --format json`, a
// documented, stable interface: add fields, never rename or remove them.
type CompatReport struct {
	Version               int      `json:"version"`
	Verdict               string   `json:"verdict"` // OK, "OK with state dropped (-n)", UNKNOWN or FAILS
	Savepoint             string   `json:"savepoint"`
	Job                   string   `json:"job"`
	Route                 string   `json:"route"`
	AllowNonRestoredState bool     `json:"allow_non_restored_state"`
	Failures              []string `json:"failures"` // the errors Flink will raise, quoted
	Unknowns              []string `json:"unknowns"` // what could not be decided, and why
	// Unchecked names the states whose compatibility was not checked, and
	// why (they leave the verdict as it is).
	Unchecked []string      `json:"unchecked"`
	Entries   []CompatEntry `json:"entries"`
	Operators []CompatNew   `json:"operators"`
}

// CompatEntry is the prediction for one savepoint entry.
type CompatEntry struct {
	OperatorID       string          `json:"operator_id"`
	UID              *string         `json:"uid"`  // stored from format 5 on
	Name             *string         `json:"name"` // likewise
	HasState         bool            `json:"has_state"`
	CoordinatorState bool            `json:"coordinator_state"`
	StateBytes       int64           `json:"state_bytes"`
	StateNames       []string        `json:"state_names"`
	MaxParallelism   int             `json:"max_parallelism"`
	Outcome          string          `json:"outcome"`    // restored, skipped, dropped, fails, unknown
	MatchedBy        string          `json:"matched_by"` // uid, uid-hash, auto-hash or ""
	Operator         *CompatOperator `json:"operator"`   // the new operator it maps to, or null
	Reason           string          `json:"reason"`
	// LikelyOwner is the new operator that likely owned this state under
	// another uid (an unmapped entry with state), or null.
	LikelyOwner *CompatOperator `json:"likely_owner,omitempty"`
	// States are the per-state findings of a restored entry whose state
	// meta info was decoded: the key serializer, each saved state, and the
	// new code's states nothing was saved for.
	States []CompatState `json:"states,omitempty"`
}

// CompatState is the prediction for one state of a restored entry.
type CompatState struct {
	Name string `json:"name"` // "" for the key serializer
	Kind string `json:"kind"` // VALUE, LIST, MAP, …, SPLIT_DISTRIBUTE, UNION, BROADCAST; KEY for the key serializer
	// Outcome is compatible, migrated, fails, dropped (saved, read by
	// nothing: lost silently), new (starts empty) or unchecked.
	Outcome string `json:"outcome"`
	Message string `json:"message"` // Flink's error for fails
}

// CompatOperator locates an operator of the new job.
type CompatOperator struct {
	File       string  `json:"file"`
	Line       int     `json:"line"`
	Column     int     `json:"column"`
	Call       string  `json:"call"`
	UID        *string `json:"uid"`
	OperatorID *string `json:"operator_id"` // null when it cannot be computed
}

// CompatNew is the prediction for one operator of the new job.
type CompatNew struct {
	CompatOperator
	UIDHash    *string  `json:"uid_hash"`
	Stateful   string   `json:"stateful"`
	Outcome    string   `json:"outcome"` // matched, starts-empty, unmatched, unknown-id
	Unpinned   bool     `json:"unpinned"`
	Candidates []string `json:"candidates"` // savepoint entries that may be its old state
	// LikelyState is the one savepoint entry that is likely its old state
	// under another uid; setUidHash with it restores the state.
	LikelyState *string `json:"likely_state,omitempty"`
}

// NewCompatReport converts a prediction.
func NewCompatReport(res *compat.Result, job *compat.Job, savepoint string, opts compat.Options) *CompatReport {
	r := &CompatReport{
		Version: CompatVersion, Verdict: string(res.Verdict), Savepoint: savepoint, Job: job.Name,
		Route: string(opts.Route), AllowNonRestoredState: opts.AllowNonRestoredState,
		Failures: nonNil(res.Failures), Unknowns: nonNil(res.Unknowns), Unchecked: nonNil(res.Unchecked),
		Entries: []CompatEntry{}, Operators: []CompatNew{},
	}
	for _, e := range res.Entries {
		ce := CompatEntry{
			OperatorID: e.Saved.ID.String(), HasState: e.Saved.HasState, CoordinatorState: e.Saved.CoordinatorState,
			StateBytes: e.Saved.StateBytes, StateNames: nonNil(e.Saved.StateNames), MaxParallelism: e.Saved.MaxParallelism,
			Outcome: string(e.Outcome), MatchedBy: string(e.MatchedBy), Reason: e.Reason,
		}
		if e.Saved.UID != "" {
			ce.UID = &e.Saved.UID
		}
		if e.Saved.Name != "" {
			ce.Name = &e.Saved.Name
		}
		if e.Match != nil {
			op := compatOperator(e.Match)
			ce.Operator = &op
		}
		if e.LikelyOwner != nil {
			op := compatOperator(e.LikelyOwner)
			ce.LikelyOwner = &op
		}
		for _, f := range e.States {
			ce.States = append(ce.States, CompatState{Name: f.Name, Kind: f.Kind, Outcome: string(f.Outcome), Message: f.Message})
		}
		r.Entries = append(r.Entries, ce)
	}
	for _, ne := range res.New {
		cn := CompatNew{
			CompatOperator: compatOperator(ne.Op), Stateful: ne.Op.Stateful.String(),
			Outcome: string(ne.Outcome), Unpinned: ne.Unpinned, Candidates: []string{},
		}
		if ne.Op.AltID != nil {
			h := ne.Op.AltID.String()
			cn.UIDHash = &h
		}
		for _, c := range ne.Candidates {
			cn.Candidates = append(cn.Candidates, c.String())
		}
		if ne.LikelyState != nil {
			id := ne.LikelyState.String()
			cn.LikelyState = &id
		}
		r.Operators = append(r.Operators, cn)
	}
	return r
}

func compatOperator(op *compat.Operator) CompatOperator {
	out := CompatOperator{File: op.File, Line: op.Line, Column: op.Column, Call: op.Call}
	if op.SubOperator != "" {
		out.Call += " (" + op.SubOperator + ")"
	}
	if op.UID != "" {
		out.UID = &op.UID
	}
	if op.ID != nil {
		id := op.ID.String()
		out.OperatorID = &id
	}
	return out
}

// WriteCompatJSON prints the report as indented JSON.
func WriteCompatJSON(w io.Writer, r *CompatReport) error { return writeIndented(w, r) }

// VerdictStyler colours verdicts on top of the diagnostic styles.
type VerdictStyler interface {
	Styler
	OK(a ...any) string
	Warn(a ...any) string
	Fail(a ...any) string
	Bold(a ...any) string
}

// WriteCompatText prints the verdict first, then the evidence: Flink's
// errors, what could not be decided, and a table of savepoint entries and
// one of the new job's operators.
func WriteCompatText(w io.Writer, r *CompatReport, st VerdictStyler) error {
	var b strings.Builder
	verdict := r.Verdict
	switch r.Verdict {
	case string(compat.VerdictOK):
		verdict = st.OK(verdict)
	case string(compat.VerdictFails):
		verdict = st.Fail(verdict)
	default:
		verdict = st.Warn(verdict)
	}
	mode := r.Route + " route"
	if r.AllowNonRestoredState {
		mode += ", --allowNonRestoredState"
	}
	fmt.Fprintf(&b, "%s  resuming %s from %s (%s)\n", verdict, r.Job, r.Savepoint, mode)
	for _, f := range r.Failures {
		fmt.Fprintf(&b, "  %s %s\n", st.Fail("Flink will fail:"), f)
	}
	for _, u := range r.Unknowns {
		fmt.Fprintf(&b, "  %s %s\n", st.Warn("cannot decide:"), u)
	}
	for _, e := range r.Entries {
		if e.Outcome == string(compat.OutcomeDropped) {
			fmt.Fprintf(&b, "  %s %s: %s\n", st.Warn("dropped:"), e.OperatorID, e.Reason)
		}
		writeStateNotes(&b, e, st)
	}
	for _, u := range r.Unchecked {
		fmt.Fprintf(&b, "  %s %s\n", st.Warn("state not checked:"), u)
	}
	for _, o := range r.Operators {
		switch {
		case o.Outcome == string(compat.NewStartEmpty) && o.LikelyState != nil:
			fmt.Fprintf(&b, "  %s stateful operator %s at %s:%d matches no savepoint entry; entry %s is likely its state under a "+
				"previous uid: add .setUidHash(%q) to keep it (`uidcheck check --fix --savepoint` writes it)\n",
				st.Warn("likely renamed:"), o.Call, o.File, o.Line, *o.LikelyState, *o.LikelyState)
		case o.Outcome == string(compat.NewStartEmpty):
			fmt.Fprintf(&b, "  %s %s %s at %s:%d matches no savepoint entry and starts with empty state%s\n",
				st.Warn("note:"), "stateful operator", o.Call, o.File, o.Line, candidates(o.Candidates))
		case o.Unpinned && o.Outcome == string(compat.NewMatched):
			fmt.Fprintf(&b, "  %s %s at %s:%d has no uid: its state survives only while the graph before it keeps its shape\n",
				st.Warn("note:"), o.Call, o.File, o.Line)
		}
	}
	if _, err := io.WriteString(w, b.String()+"\n"); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SAVEPOINT ENTRY\tUID\tSTATE\tMAX PAR\tOUTCOME\tOPERATOR")
	for _, e := range r.Entries {
		state := "empty"
		if e.HasState || e.CoordinatorState {
			state = ByteSize(e.StateBytes)
			if e.CoordinatorState {
				state += " + coordinator"
			}
		}
		op := "-"
		if e.Operator != nil {
			op = fmt.Sprintf("%s:%d %s (%s)", e.Operator.File, e.Operator.Line, e.Operator.Call, e.MatchedBy)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", e.OperatorID, deref(e.UID), state, e.MaxParallelism, outcome(e.Outcome, st), op)
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "NEW OPERATOR\tUID\tOPERATOR ID\tSTATEFUL\tOUTCOME")
	for _, o := range r.Operators {
		fmt.Fprintf(tw, "%s:%d %s\t%s\t%s\t%s\t%s\n", o.File, o.Line, o.Call, deref(o.UID), deref(o.OperatorID), o.Stateful, o.Outcome)
	}
	return tw.Flush()
}

func outcome(o string, st VerdictStyler) string {
	switch o {
	case string(compat.OutcomeFails):
		return st.Fail(o)
	case string(compat.OutcomeDropped), string(compat.OutcomeUnknown):
		return st.Warn(o)
	}
	return o
}

func candidates(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return fmt.Sprintf(" (renamed uid? unmapped savepoint entries with state: %s)", strings.Join(ids, ", "))
}

// writeStateNotes prints the state findings that are neither failures
// (listed with Flink's errors) nor unchecked (listed after): state lost
// silently, state that starts empty, and migrations.
func writeStateNotes(b *strings.Builder, e CompatEntry, st VerdictStyler) {
	op := ""
	if e.Operator != nil {
		op = fmt.Sprintf(" of %s at %s:%d", e.Operator.Call, e.Operator.File, e.Operator.Line)
	}
	for _, s := range e.States {
		switch s.Outcome {
		case string(compat.StateDropped):
			fmt.Fprintf(b, "  %s state %q (%s)%s: %s\n", st.Warn("state lost:"), s.Name, s.Kind, op, s.Message)
		case string(compat.StateNew):
			fmt.Fprintf(b, "  %s state %q (%s)%s: %s\n", "note:", s.Name, s.Kind, op, s.Message)
		case string(compat.StateMigrated):
			fmt.Fprintf(b, "  %s state %q (%s)%s: %s\n", "migrated:", s.Name, s.Kind, op, s.Message)
		}
	}
}
