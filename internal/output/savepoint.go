package output

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/uidcheck/uidcheck/savepointinfo"
)

// SavepointVersion is the value of SavepointReport.Version for the shape
// defined here.
const SavepointVersion = 1

// SavepointReport is the JSON shape of `uidcheck savepoint inspect --format
// json`. It is a documented, stable interface: add fields, never rename or
// remove them.
type SavepointReport struct {
	Version       int                 `json:"version"`
	Path          string              `json:"path"`
	FormatVersion int                 `json:"format_version"`
	Writers       string              `json:"writers"`
	CheckpointID  int64               `json:"checkpoint_id"`
	Type          string              `json:"type"`        // savepoint, checkpoint or unknown (always unknown before format 4)
	Format        string              `json:"format"`      // canonical, native or ""
	PostAction    string              `json:"post_action"` // suspend, terminate or ""
	MasterStates  []SavepointMaster   `json:"master_states"`
	Operators     []SavepointOperator `json:"operators"`
}

// SavepointMaster is a master-hook state.
type SavepointMaster struct {
	Name    string `json:"name"`
	Version int    `json:"version"`
	Bytes   int    `json:"bytes"`
}

// SavepointOperator is one operator entry of a savepoint.
type SavepointOperator struct {
	OperatorID       string           `json:"operator_id"`
	UID              *string          `json:"uid"`  // stored from format 5 (Flink 2.0) on
	Name             *string          `json:"name"` // likewise
	Parallelism      int              `json:"parallelism"`
	MaxParallelism   int              `json:"max_parallelism"`
	HasState         bool             `json:"has_state"`
	CoordinatorBytes *int64           `json:"coordinator_state_bytes"`
	FullyFinished    bool             `json:"fully_finished"`
	Subtasks         int              `json:"subtasks"`
	FinishedSubtasks int              `json:"finished_subtasks"`
	StateBytes       int64            `json:"state_bytes"`
	Kinds            []string         `json:"kinds"`
	KeyedHandles     []string         `json:"keyed_handles"`
	OperatorState    []OperatorState  `json:"operator_state"`
	Files            []string         `json:"files"`
	Source           []SourceOperator `json:"source,omitempty"` // with --src: the operators this entry maps to
	Unmatched        bool             `json:"unmatched,omitempty"`
	// States is what the state streams say about each state; with --states.
	States *savepointinfo.OperatorStateMeta `json:"states,omitempty"`
}

// OperatorState is an operator-state name and its distribution mode.
type OperatorState struct {
	Name string `json:"name"`
	Mode string `json:"mode"`
}

// SourceOperator is an operator of the source tree that a savepoint entry
// maps to.
type SourceOperator struct {
	File  string `json:"file"`
	Line  int    `json:"line"`
	Call  string `json:"call"`
	Job   string `json:"job"`
	UID   string `json:"uid,omitempty"`
	Match string `json:"match"` // uid, uid-hash or auto-hash
}

// NewSavepointReport converts decoded metadata; sources maps OperatorIDs to
// source operators and is nil without --src.
func NewSavepointReport(m *savepointinfo.Metadata, sources map[string][]SourceOperator) *SavepointReport {
	r := &SavepointReport{
		Version: SavepointVersion, Path: m.Path, FormatVersion: m.Version, Writers: m.Writers(),
		CheckpointID: m.CheckpointID, Type: "unknown",
		MasterStates: []SavepointMaster{}, Operators: []SavepointOperator{},
	}
	if p := m.Properties; p != nil {
		r.Type, r.Format, r.PostAction = p.Type, p.Format, p.PostAction
	}
	for _, ms := range m.MasterStates {
		r.MasterStates = append(r.MasterStates, SavepointMaster{Name: ms.Name, Version: ms.Version, Bytes: ms.Bytes})
	}
	for _, op := range m.Operators {
		so := SavepointOperator{
			OperatorID: op.ID.String(), Parallelism: op.Parallelism, MaxParallelism: op.MaxParallelism,
			HasState: op.HasState, FullyFinished: op.FullyFinished, Subtasks: op.Subtasks,
			FinishedSubtasks: op.FinishedSubtasks, StateBytes: op.StateBytes,
			Kinds: nonNil(op.Kinds), KeyedHandles: nonNil(op.KeyedHandles), Files: nonNil(op.Files),
			OperatorState: []OperatorState{},
		}
		if op.UID != "" {
			so.UID = &op.UID
		}
		if op.Name != "" {
			so.Name = &op.Name
		}
		if op.HasCoordinatorState() {
			b := op.CoordinatorBytes
			so.CoordinatorBytes = &b
		}
		for _, sn := range op.StateNames {
			so.OperatorState = append(so.OperatorState, OperatorState(sn))
		}
		if sources != nil {
			so.Source = sources[so.OperatorID]
			so.Unmatched = len(so.Source) == 0
		}
		r.Operators = append(r.Operators, so)
	}
	return r
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// WriteSavepointJSON prints the report as indented JSON.
func WriteSavepointJSON(w io.Writer, r *SavepointReport) error { return writeIndented(w, r) }

// writeIndented encodes v as two-space indented JSON without HTML escaping.
func writeIndented(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// WriteSavepointText prints a header and one table row per operator entry.
func WriteSavepointText(w io.Writer, r *SavepointReport, st Styler) error {
	if st == nil {
		st = Plain{}
	}
	kind := r.Type
	if r.Format != "" {
		kind += ", " + r.Format
	}
	if r.PostAction != "" {
		kind += ", stop-with-savepoint (" + r.PostAction + ")"
	}
	if r.Type == "unknown" && r.FormatVersion < 4 {
		kind = "savepoint or checkpoint (format versions before 4 do not record which)"
	}
	fmt.Fprintf(w, "%s\n", st.Path(r.Path))
	fmt.Fprintf(w, "format version %d (%s), checkpoint %d, %s\n", r.FormatVersion, r.Writers, r.CheckpointID, kind)
	for _, ms := range r.MasterStates {
		fmt.Fprintf(w, "master state %q (%d bytes)\n", ms.Name, ms.Bytes)
	}
	withSource := false
	for _, op := range r.Operators {
		withSource = withSource || op.Source != nil || op.Unmatched
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	header := "OPERATOR ID\tUID\tNAME\tPARALLELISM\tMAX PARALLELISM\tSTATE\tKINDS\tOPERATOR STATE"
	if withSource {
		header += "\tSOURCE"
	}
	fmt.Fprintln(tw, header)
	for _, op := range r.Operators {
		row := []string{
			op.OperatorID, deref(op.UID), deref(op.Name), strconv.Itoa(op.Parallelism),
			strconv.Itoa(op.MaxParallelism), stateCell(op), dash(strings.Join(op.Kinds, ",")), opStateCell(op),
		}
		if withSource {
			row = append(row, sourceCell(op, st))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, op := range r.Operators {
		writeStates(w, op)
	}
	return nil
}

// backendNames label Flink's BackendStateType for people.
var backendNames = map[string]string{
	"KEY_VALUE": "keyed", "KEY_VALUE_V2": "keyed (v2)", "OPERATOR": "operator", "BROADCAST": "broadcast", "PRIORITY_QUEUE": "timers",
}

// writeStates prints an operator's state descriptions (--states).
func writeStates(w io.Writer, op SavepointOperator) {
	sm := op.States
	if sm == nil || len(sm.States) == 0 && len(sm.Unread) == 0 {
		return
	}
	fmt.Fprintf(w, "\nstates of %s", op.OperatorID)
	if op.UID != nil {
		fmt.Fprintf(w, " (uid %q)", *op.UID)
	}
	fmt.Fprintln(w, ":")
	if sm.KeySerializer != nil {
		fmt.Fprintf(w, "  key type %s\n", sm.KeySerializer)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  STATE\tBACKEND\tKIND\tVALUE TYPE\tTTL")
	for _, st := range sm.States {
		value := st.Value.String()
		if st.Key != nil {
			value = st.Key.String() + " -> " + value
		}
		ttl := "-"
		if st.TTL {
			ttl = "yes"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", st.Name, backendNames[st.Backend], dash(st.Kind), value, ttl)
	}
	_ = tw.Flush()
	for _, u := range sm.Unread {
		fmt.Fprintf(w, "  not read: %s\n", u)
	}
}

func stateCell(op SavepointOperator) string {
	switch {
	case op.FullyFinished:
		return "finished"
	case !op.HasState && op.CoordinatorBytes == nil:
		return "empty"
	}
	s := ByteSize(op.StateBytes)
	if op.CoordinatorBytes != nil {
		s += " + coordinator " + ByteSize(*op.CoordinatorBytes)
	}
	return s
}

func opStateCell(op SavepointOperator) string {
	var names []string
	for _, s := range op.OperatorState {
		names = append(names, s.Name+"("+strings.ToLower(s.Mode)+")")
	}
	return dash(strings.Join(names, ","))
}

func sourceCell(op SavepointOperator, st Styler) string {
	if op.Unmatched {
		return st.Severity("warning") + ": matches no operator in the source"
	}
	var parts []string
	for _, s := range op.Source {
		parts = append(parts, fmt.Sprintf("%s %s (%s)", st.Path(fmt.Sprintf("%s:%d", s.File, s.Line)), s.Call, s.Match))
	}
	return strings.Join(parts, "; ")
}

// ByteSize formats a byte count for people: 812 B, 4.2 KiB, 1.5 MiB.
func ByteSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

func deref(s *string) string {
	if s == nil {
		return "-"
	}
	return dash(*s)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
