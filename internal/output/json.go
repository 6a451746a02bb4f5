package output

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/uidcheck/uidcheck/internal/report"
)

// WriteJSON prints r in the documented, stable JSON shape (README, "JSON
// output"). Empty lists print as [] rather than null so consumers need no
// special case.
func WriteJSON(w io.Writer, r *report.Result) error {
	out := *r
	out.Version = report.Version
	if out.Operators == nil {
		out.Operators = []report.Operator{}
	}
	if out.Diagnostics == nil {
		out.Diagnostics = []report.Diagnostic{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}
