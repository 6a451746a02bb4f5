package output

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/uidcheck/uidcheck/internal/graph"
	"github.com/uidcheck/uidcheck/internal/report"
)

// CommentMarker starts every Markdown report, hidden when rendered, so that
// `uidcheck github-comment` finds the comment it posted before and edits it
// instead of adding a new one.
const CommentMarker = "<!-- uidcheck-report -->"

// MarkdownLimit is the size the Markdown report stays under: GitHub refuses
// comments over 65,536 characters; the margin leaves room for the marker and
// for characters GitHub counts differently from bytes.
const MarkdownLimit = 60000

// Links turns file:line into Markdown link targets: relative paths
// (path#L12) by default, absolute blob URLs of the commit when GitHub
// Actions' variables are known.
type Links struct {
	// Root is the directory report paths are relative to (the working
	// directory); paths are made relative to it for links.
	Root string
	// Server, Repo and SHA are GITHUB_SERVER_URL, GITHUB_REPOSITORY and
	// GITHUB_SHA; all three must be set for absolute links.
	Server, Repo, SHA string
}

// LinksFromEnv reads GitHub Actions' variables through getenv.
func LinksFromEnv(getenv func(string) string, root string) Links {
	return Links{Root: root, Server: getenv("GITHUB_SERVER_URL"), Repo: getenv("GITHUB_REPOSITORY"), SHA: getenv("GITHUB_SHA")}
}

// Target returns the link target for file at line (0: the file).
func (l Links) Target(file string, line int) string {
	rel := file
	if l.Root != "" && filepath.IsAbs(file) {
		if r, err := filepath.Rel(l.Root, file); err == nil && !strings.HasPrefix(r, "..") {
			rel = r
		}
	}
	rel = strings.TrimPrefix(filepath.ToSlash(filepath.Clean(rel)), "./")
	u := (&url.URL{Path: rel}).EscapedPath()
	if l.Server != "" && l.Repo != "" && l.SHA != "" {
		u = strings.TrimSuffix(l.Server, "/") + "/" + l.Repo + "/blob/" + l.SHA + "/" + u
	}
	if line > 0 {
		u += fmt.Sprintf("#L%d", line)
	}
	return u
}

// link renders [file:line](target).
func (l Links) link(file string, line int) string {
	if file == "" {
		return ""
	}
	text := filepath.ToSlash(file)
	if line > 0 {
		text += fmt.Sprintf(":%d", line)
	}
	return "[" + mdEscape(text) + "](" + l.Target(file, line) + ")"
}

// MarkdownOptions configure the Markdown report.
type MarkdownOptions struct {
	Links Links
	// Limit is the largest report in bytes; 0 means MarkdownLimit.
	Limit int
}

// WriteCompatMarkdown writes compat's prediction as a pull-request comment:
// the verdict, the graph as Mermaid, then the savepoint entries and the
// operators that need attention, each linked to its line.
func WriteCompatMarkdown(w io.Writer, r *CompatReport, g *graph.Graph, opts MarkdownOptions) error {
	var head, table bytes.Buffer
	icon := "✅"
	switch r.Verdict {
	case "FAILS":
		icon = "❌"
	case "UNKNOWN", "OK with state dropped (-n)":
		icon = "⚠️"
	}
	fmt.Fprintf(&head, "%s\n### %s uidcheck compat: **%s**\n\n", CommentMarker, icon, mdEscape(r.Verdict))
	fmt.Fprintf(&head, "Resuming `%s` from `%s` (route %s%s).\n\n", r.Job, r.Savepoint, r.Route, map[bool]string{true: ", -n", false: ""}[r.AllowNonRestoredState])
	for _, f := range r.Failures {
		fmt.Fprintf(&table, "- ❌ %s\n", mdEscape(f))
	}
	for _, u := range r.Unknowns {
		fmt.Fprintf(&table, "- ⚠️ %s\n", mdEscape(u))
	}
	if len(r.Failures)+len(r.Unknowns) > 0 {
		table.WriteString("\n")
	}
	table.WriteString("| outcome | savepoint entry | state | operator | reason |\n|---|---|---|---|---|\n")
	var rows []string
	for _, e := range r.Entries {
		id := "`" + e.OperatorID + "`"
		if e.UID != nil {
			id += " uid `" + *e.UID + "`"
		}
		state := "none"
		if e.StateBytes > 0 {
			state = fmt.Sprintf("%d bytes", e.StateBytes)
		} else if e.HasState || e.CoordinatorState {
			state = "yes"
		}
		op := "—"
		if e.Operator != nil {
			op = mdEscape(e.Operator.Call) + " " + opts.Links.link(e.Operator.File, e.Operator.Line)
		} else if e.LikelyOwner != nil {
			op = "likely " + mdEscape(e.LikelyOwner.Call) + " " + opts.Links.link(e.LikelyOwner.File, e.LikelyOwner.Line)
		}
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s | %s |\n", outcomeCell(e.Outcome), id, state, op, mdEscape(e.Reason)))
	}
	for _, n := range r.Operators {
		if n.Outcome != "starts-empty" && n.Outcome != "unknown-id" {
			continue
		}
		uid := "no uid"
		if n.UID != nil {
			uid = "uid `" + *n.UID + "`"
		}
		state := map[string]string{"true": "stateful", "false": "stateless"}[n.Stateful]
		if state == "" {
			state = "unknown"
		}
		rows = append(rows, fmt.Sprintf("| %s | — (%s) | %s | %s %s | new operator with no savepoint entry |\n",
			outcomeCell(n.Outcome), uid, state, mdEscape(n.Call), opts.Links.link(n.File, n.Line)))
	}
	return writeMarkdown(w, &head, &table, rows, g, opts)
}

// WriteCheckMarkdown writes check's findings as a pull-request comment: a
// summary line, the graph of every job as Mermaid, then the findings linked
// to their lines.
func WriteCheckMarkdown(w io.Writer, r *report.Result, g *graph.Graph, opts MarkdownOptions) error {
	var head, table bytes.Buffer
	var errs, warns, notes int
	for _, d := range r.Diagnostics {
		switch d.Severity {
		case report.SeverityError:
			errs++
		case report.SeverityWarning:
			warns++
		case report.SeverityInfo:
			notes++
		}
	}
	icon := "✅"
	switch {
	case errs > 0:
		icon = "❌"
	case warns > 0:
		icon = "⚠️"
	}
	fmt.Fprintf(&head, "%s\n### %s uidcheck check: **%d errors, %d warnings, %d notes**\n\n", CommentMarker, icon, errs, warns, notes)
	var rows []string
	if len(r.Diagnostics) > 0 {
		table.WriteString("| severity | rule | where | finding |\n|---|---|---|---|\n")
	}
	for _, d := range r.Diagnostics {
		rule := "`" + d.Rule + "`"
		if d.URL != "" {
			rule = "[`" + d.Rule + "`](" + d.URL + ")"
		}
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s |\n", severityCell(d.Severity), rule, opts.Links.link(d.File, d.Line), mdEscape(d.Message)))
	}
	return writeMarkdown(w, &head, &table, rows, g, opts)
}

// writeMarkdown assembles head, diagram and table within the size limit:
// the full graph if Mermaid can draw it and it fits, else the graph
// collapsed to the operators that matter and their neighbours, else those
// operators alone, else no diagram; table rows are cut last, with a note.
func writeMarkdown(w io.Writer, head, table *bytes.Buffer, rows []string, g *graph.Graph, opts MarkdownOptions) error {
	limit := opts.Limit
	if limit <= 0 {
		limit = MarkdownLimit
	}
	// Reserve room for the table header and a few rows, so that findings
	// are never crowded out by the picture.
	rowBudget := table.Len() + 200
	for i, r := range rows {
		if i >= 20 {
			break
		}
		rowBudget += len(r)
	}
	diagram := ""
	if g != nil && len(g.Jobs) > 0 {
		diagram = fitDiagram(g, limit-head.Len()-rowBudget-200)
	}
	var out bytes.Buffer
	out.Write(head.Bytes())
	out.WriteString(diagram)
	out.Write(table.Bytes())
	for i, r := range rows {
		if out.Len()+len(r)+200 > limit {
			fmt.Fprintf(&out, "\n_%d more rows left out to stay under GitHub's comment size limit; run uidcheck locally for all of them._\n", len(rows)-i)
			break
		}
		out.WriteString(r)
	}
	out.WriteString("\n<sub>uidcheck</sub>\n")
	_, err := w.Write(out.Bytes())
	return err
}

// fitDiagram returns the fenced Mermaid block that fits in budget bytes and
// that Mermaid will draw, or a note saying why there is none.
func fitDiagram(g *graph.Graph, budget int) string {
	render := func(gg *graph.Graph, note string) (string, bool) {
		var b bytes.Buffer
		if err := graph.WriteMermaid(&b, gg); err != nil {
			return "", false
		}
		if !graph.MermaidFits(b.String(), gg.EdgeCount()) {
			return "", false
		}
		s := note + "```mermaid\n" + b.String() + "```\n\n"
		return s, len(s) <= budget
	}
	if s, ok := render(g, ""); ok {
		return s
	}
	for _, neighbours := range []bool{true, false} {
		c := &graph.Graph{Savepoint: g.Savepoint}
		omitted := 0
		for _, jg := range g.Jobs {
			cj := jg.Collapse(neighbours)
			omitted += cj.Omitted - jg.Omitted
			c.Jobs = append(c.Jobs, cj)
		}
		note := fmt.Sprintf("_The graph is collapsed to the operators that matter (stateful, without uid, failing or dropped%s): %d operators left out._\n\n",
			map[bool]string{true: ", and their direct neighbours", false: ""}[neighbours], omitted)
		if s, ok := render(c, note); ok {
			return s
		}
	}
	return "_The graph is too large for a comment; run `uidcheck graph --format html` to see it._\n\n"
}

func outcomeCell(o string) string {
	switch o {
	case "restored", "matched":
		return "✅ restored"
	case "skipped":
		return "⚪ skipped (empty)"
	case "dropped":
		return "⚠️ dropped (-n)"
	case "fails":
		return "❌ fails"
	case "starts-empty":
		return "🔵 starts empty"
	}
	return "❓ unknown"
}

func severityCell(s report.Severity) string {
	switch s {
	case report.SeverityError:
		return "❌ error"
	case report.SeverityWarning:
		return "⚠️ warning"
	case report.SeverityInfo:
	}
	return "ℹ️ info"
}

// mdEscape makes s safe in a Markdown table cell: pipes and newlines would
// break the row, and angle brackets could start HTML.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", "", "<", "&lt;", ">", "&gt;").Replace(s)
}
