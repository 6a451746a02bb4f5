// Package report holds the resolved, printable results of `uidcheck check` and
// `uidcheck operators`: file positions instead of token.Pos, severities from
// the rule table. Printers (text, JSON, SARIF, checkstyle, GitHub) read these
// types only, so every format shows the same findings.
//
// The JSON encoding of [Result] is a documented, stable interface (README,
// "JSON output"); add fields, never rename or remove them.
package report

import (
	"encoding/json"
	"fmt"
)

// Version is the value of Result.Version for the shape defined here.
const Version = 1

// Severity ranks a finding; --fail-on decides which severities fail the run.
type Severity string

// Severities, from most to least severe.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// Rank orders severities: error 3, warning 2, info 1, anything else 0.
func (s Severity) Rank() int {
	switch s {
	case SeverityError:
		return 3
	case SeverityWarning:
		return 2
	case SeverityInfo:
		return 1
	}
	return 0
}

// ParseSeverity accepts error, warning or info.
func ParseSeverity(s string) (Severity, error) {
	if v := Severity(s); v.Rank() > 0 {
		return v, nil
	}
	return "", fmt.Errorf("unknown severity %q: want error, warning or info", s)
}

// Result is everything one analysis run produced.
type Result struct {
	Version     int          `json:"version"`
	Operators   []Operator   `json:"operators"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// Diagnostic is one finding at a resolved position. Lines and columns are
// 1-based; columns count bytes, as go/token does. File is the path as the
// user gave it (relative where the argument was relative).
type Diagnostic struct {
	Rule      string    `json:"rule"`
	Category  string    `json:"category,omitempty"`
	Severity  Severity  `json:"severity"`
	File      string    `json:"file"`
	Line      int       `json:"line"`
	Column    int       `json:"column"`
	EndLine   int       `json:"end_line"`
	EndColumn int       `json:"end_column"`
	Message   string    `json:"message"`
	URL       string    `json:"url,omitempty"`
	Related   []Related `json:"related,omitempty"`
	Fixes     []Fix     `json:"suggested_fixes,omitempty"`
	// FixNote says why a finding that would have a fix has none here (the
	// operator cannot take a uid in place, or a savepoint forbids it). It is
	// set only when fixes are planned: with --fix, --diff, JSON and SARIF.
	FixNote string `json:"fix_note,omitempty"`
	// Fingerprint identifies the finding across unrelated edits (no line
	// numbers); baselines and SARIF partialFingerprints use it.
	Fingerprint string `json:"fingerprint,omitempty"`
	// LineText is the source line at Line, for snippets and fingerprints
	// (see [AttachLineText]); it is not part of the JSON shape.
	LineText string `json:"-"`
}

// Related is a second location that explains a diagnostic.
type Related struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// Fix is a suggested change, applied by --fix.
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// Edit replaces the bytes [Offset, End) of File with NewText.
type Edit struct {
	File    string `json:"file"`
	Offset  int    `json:"offset"`
	End     int    `json:"end"`
	NewText string `json:"new_text"`
}

// Stateful is the three-valued statefulness of an operator. It encodes in JSON
// as true, false or "unknown".
type Stateful int

// Statefulness values.
const (
	StatefulUnknown Stateful = iota
	StatefulNo
	StatefulYes
)

// MarshalJSON encodes true, false or "unknown".
func (s Stateful) MarshalJSON() ([]byte, error) {
	switch s {
	case StatefulYes:
		return []byte("true"), nil
	case StatefulNo:
		return []byte("false"), nil
	case StatefulUnknown:
	}
	return []byte(`"unknown"`), nil
}

// UnmarshalJSON accepts true, false or "unknown".
func (s *Stateful) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch v {
	case true:
		*s = StatefulYes
	case false:
		*s = StatefulNo
	case "unknown":
		*s = StatefulUnknown
	default:
		return fmt.Errorf("stateful: want true, false or \"unknown\", have %s", b)
	}
	return nil
}

// String returns "true", "false" or "unknown".
func (s Stateful) String() string {
	b, _ := s.MarshalJSON()
	if s == StatefulUnknown {
		return "unknown"
	}
	return string(b)
}

// Operator is one operator of a job as found in the source. Line and Column
// point at the name of the method that creates it (`process` in `.process(`).
type Operator struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Call   string `json:"call"`
	// Job names the entry point the operator belongs to, e.g. "com.x.Job#main".
	// An operator built in a shared helper is listed once per job.
	Job string `json:"job"`
	// UID is the resolved uid, or nil when there is none or it cannot be
	// resolved (then UIDExpr holds the expression text).
	UID         *string `json:"uid"`
	UIDResolved bool    `json:"uid_resolved"`
	UIDExpr     *string `json:"uid_expr"`
	UIDHash     *string `json:"uid_hash"`
	// OperatorID is hex murmur3 of the uid, or nil without a resolved uid.
	OperatorID     *string  `json:"operator_id"`
	Stateful       Stateful `json:"stateful"`
	StatefulReason string   `json:"stateful_reason"`
	// Optional detail, omitted when unknown.
	Name           *string `json:"name,omitempty"`
	Parallelism    int     `json:"parallelism,omitempty"`
	MaxParallelism int     `json:"max_parallelism,omitempty"`
	// SubOperator names a Sink V2 part ("Writer", "Committer", "Global Committer")
	// when this entry is one of the operators a sinkTo expands to.
	SubOperator string `json:"sub_operator,omitempty"`
}
