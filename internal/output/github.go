package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/uidcheck/uidcheck/internal/report"
)

// WriteGitHub prints GitHub Actions workflow commands, which annotate the
// pull request's diff, and a one-line summary.
func WriteGitHub(w io.Writer, r *report.Result) error {
	var b strings.Builder
	var errors, warnings, notes int
	for _, d := range r.Diagnostics {
		cmd := "error"
		switch d.Severity {
		case report.SeverityWarning:
			cmd, warnings = "warning", warnings+1
		case report.SeverityInfo:
			cmd, notes = "notice", notes+1
		case report.SeverityError:
			errors++
		}
		fmt.Fprintf(&b, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n", cmd,
			ghProperty(d.File), d.Line, d.Column, max(d.EndLine, d.Line), max(d.EndColumn, d.Column),
			ghProperty("uidcheck "+d.Rule), ghData(d.Message))
	}
	fmt.Fprintf(&b, "uidcheck: %d errors, %d warnings, %d notes\n", errors, warnings, notes)
	_, err := io.WriteString(w, b.String())
	return err
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
