package graph

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Mermaid's own defaults, which GitHub keeps: a diagram above maxTextSize
// characters or maxEdges edges is not drawn at all. MermaidFits tells a
// caller when to collapse.
const (
	MermaidMaxText  = 50000
	MermaidMaxEdges = 500
)

// mermaidShapes wraps a label in the node shape of each status, so that
// the outcome reads without colour: subroutine (double border) for what
// fails, hexagon for unknown, stadium for starts empty, parallelogram for
// dropped state.
var mermaidShapes = map[Status][2]string{
	StatusPinned:       {`("`, `")`},
	StatusRestored:     {`("`, `")`},
	StatusUnpinned:     {`[["`, `"]]`},
	StatusFails:        {`[["`, `"]]`},
	StatusUnknownState: {`{{"`, `"}}`},
	StatusUnknown:      {`{{"`, `"}}`},
	StatusStartsEmpty:  {`(["`, `"])`},
	StatusDropped:      {`[/"`, `"/]`},
	StatusStateless:    {`["`, `"]`},
	StatusNoState:      {`["`, `"]`},
	StatusSkipped:      {`["`, `"]`},
}

// WriteMermaid writes g as a Mermaid flowchart: a subgraph per job and per
// chain, the savepoint entries no operator takes in a subgraph of their
// own, a class per status, and the legend.
func WriteMermaid(w io.Writer, g *Graph) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("flowchart TB\n")
	used := make(map[Status][]string, len(styles))
	for j, jg := range g.Jobs {
		writeMermaidJob(p, j, jg, used)
	}
	p("  subgraph legend[\"legend\"]\n    direction LR\n")
	for i, s := range g.Legend() {
		id := fmt.Sprintf("legend%d", i)
		sh := mermaidShapes[s]
		p("    %s%s%s%s\n", id, sh[0], mermaidText("▶ "+styles[s].Text), sh[1])
		used[s] = append(used[s], id)
	}
	p("    legendedges[\"%s\"]\n  end\n", mermaidText(legendEdges))
	for _, s := range append(g.Legend(), legendPlain...) {
		ids := used[s]
		if len(ids) == 0 {
			continue
		}
		st := styles[s]
		def := "fill:" + st.Fill + ",stroke:#222,color:#000"
		switch st.Dash {
		case "bold":
			def += ",stroke-width:3px"
		case "dashed":
			def += ",stroke-dasharray:6 3"
		case "dotted":
			def += ",stroke-dasharray:2 2"
		}
		p("  classDef %s %s\n", mermaidClass(s), def)
		p("  class %s %s\n", strings.Join(ids, ","), mermaidClass(s))
		delete(used, s)
	}
	p("  style legendedges fill:#fff,stroke:#fff\n")
	return bw.Flush()
}

func writeMermaidJob(p func(string, ...any), j int, jg *JobGraph, used map[Status][]string) {
	id := func(n int) string { return fmt.Sprintf("j%d%s", j, jg.Nodes[n].ID) }
	node := func(indent string, n int) {
		nd := jg.Nodes[n]
		sh := mermaidShapes[nd.Status]
		lines := nd.Lines()
		for i, l := range lines {
			lines[i] = mermaidText(l)
		}
		p("%s%s%s%s%s\n", indent, id(n), sh[0], strings.Join(lines, "<br/>"), sh[1])
		used[nd.Status] = append(used[nd.Status], id(n))
	}
	p("  subgraph j%d[\"%s\"]\n    direction TB\n", j, mermaidText(jobTitle(jg)))
	inChain := make([]bool, len(jg.Nodes))
	for c, members := range jg.Chains {
		p("    subgraph j%dchain%d[\"chain\"]\n", j, c)
		for _, m := range members {
			inChain[m] = true
			node("      ", m)
		}
		p("    end\n")
	}
	ops := jg.operatorCount()
	for i := range ops {
		if !inChain[i] {
			node("    ", i)
		}
	}
	if jg.Omitted > 0 {
		p("    j%domitted[\"%s\"]\n", j, mermaidText(omittedNote(jg.Omitted)))
	}
	p("  end\n")
	if jg.Detached > 0 {
		p("  subgraph j%ddetached[\"savepoint entries with no operator\"]\n", j)
		for i := ops; i < len(jg.Nodes); i++ {
			node("    ", i)
		}
		p("  end\n")
	}
	for _, e := range jg.Edges {
		arrow := "-->"
		switch {
		case e.Hint:
			arrow = "-.->"
		case e.Chained:
			arrow = "==>"
		}
		p("  %s %s|\"%s\"| %s\n", id(e.From), arrow, mermaidText(e.Label), id(e.To))
	}
}

// MermaidFits reports whether Mermaid (as GitHub runs it) draws text.
func MermaidFits(text string, edges int) bool {
	return len(text) <= MermaidMaxText && edges <= MermaidMaxEdges
}

// EdgeCount counts the edges WriteMermaid draws for g.
func (g *Graph) EdgeCount() int {
	n := 0
	for _, jg := range g.Jobs {
		n += len(jg.Edges)
	}
	return n
}

func mermaidClass(s Status) string { return "st_" + strings.ReplaceAll(string(s), "-", "_") }

// mermaidText escapes s for a quoted Mermaid label: Mermaid reads #name;
// and #123; as entities and the label as HTML, so #, quotes, angle
// brackets and ampersands become entities and newlines <br/>.
func mermaidText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '#':
			b.WriteString("#35;")
		case '"':
			b.WriteString("#quot;")
		case '<':
			b.WriteString("#lt;")
		case '>':
			b.WriteString("#gt;")
		case '&':
			b.WriteString("#amp;")
		case '\n':
			b.WriteString("<br/>")
		case '`', '|':
			fmt.Fprintf(&b, "#%d;", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
