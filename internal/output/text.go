// Package output prints [report.Result] values in the formats uidcheck
// offers. Each printer writes to an io.Writer and reads only report types,
// so every format shows the same findings.
package output

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/uidcheck/uidcheck/internal/report"
)

// Styler colours parts of text output; the CLI's colour scheme implements
// it, and Plain leaves text as is.
type Styler interface {
	Severity(sev string) string
	Path(a ...any) string
	Rule(a ...any) string
	Faint(a ...any) string
}

// Plain is a Styler without colour.
type Plain struct{}

// Severity returns sev unchanged.
func (Plain) Severity(sev string) string { return sev }

// Path formats a without colour.
func (Plain) Path(a ...any) string { return fmt.Sprint(a...) }

// Rule formats a without colour.
func (Plain) Rule(a ...any) string { return fmt.Sprint(a...) }

// Faint formats a without colour.
func (Plain) Faint(a ...any) string { return fmt.Sprint(a...) }

// TextOptions configure the text printers.
type TextOptions struct {
	Style Styler
}

// WriteText prints diagnostics as `path:line:col: severity: message (rule)`,
// each followed by its source line (LineText, when attached) with a caret
// under the range, and its related locations.
func WriteText(w io.Writer, r *report.Result, opts TextOptions) error {
	st := opts.Style
	if st == nil {
		st = Plain{}
	}
	var b bytes.Buffer
	for _, d := range r.Diagnostics {
		fmt.Fprintf(&b, "%s: %s: %s %s\n",
			st.Path(fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Column)),
			st.Severity(string(d.Severity)), d.Message, st.Rule("("+d.Rule+")"))
		writeSnippet(&b, d)
		for _, rel := range d.Related {
			fmt.Fprintf(&b, "\t%s: %s\n", st.Path(fmt.Sprintf("%s:%d:%d", rel.File, rel.Line, rel.Column)), rel.Message)
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// writeSnippet prints the diagnostic's line and a caret line. Tabs before
// the column are kept so that the caret lines up in any tab width.
func writeSnippet(b *bytes.Buffer, d report.Diagnostic) {
	line := d.LineText
	if line == "" || d.Column < 1 || d.Column > len(line)+1 {
		return
	}
	fmt.Fprintf(b, "    %s\n", line)
	var caret strings.Builder
	for _, ch := range line[:d.Column-1] {
		if ch == '\t' {
			caret.WriteByte('\t')
		} else if ch < 0x80 || ch >= 0xC0 { // one column per rune
			caret.WriteByte(' ')
		}
	}
	width := 1
	if d.EndLine == d.Line && d.EndColumn > d.Column {
		width = d.EndColumn - d.Column
	}
	caret.WriteString("^" + strings.Repeat("~", width-1))
	fmt.Fprintf(b, "    %s\n", caret.String())
}

// WriteOperatorsText prints the operator inventory as a table: position,
// job, call, uid, OperatorID and statefulness with its reason.
func WriteOperatorsText(w io.Writer, r *report.Result, opts TextOptions) error {
	st := opts.Style
	if st == nil {
		st = Plain{}
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "POSITION\tJOB\tCALL\tUID\tOPERATOR ID\tSTATEFUL\tREASON")
	for _, op := range r.Operators {
		uid := "-"
		switch {
		case op.UID != nil:
			uid = fmt.Sprintf("%q", *op.UID)
		case op.UIDExpr != nil:
			uid = "? " + *op.UIDExpr
		}
		id := "-"
		if op.OperatorID != nil {
			id = *op.OperatorID
		}
		call := op.Call
		if op.SubOperator != "" {
			call += " (" + op.SubOperator + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			st.Path(fmt.Sprintf("%s:%d:%d", op.File, op.Line, op.Column)), op.Job, call, uid, id, op.Stateful, st.Faint(op.StatefulReason))
	}
	return tw.Flush()
}
