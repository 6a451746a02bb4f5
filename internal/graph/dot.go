package graph

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteDOT writes g as one Graphviz digraph: a cluster per job, a dashed
// cluster per operator chain, the savepoint entries no operator takes in a
// cluster of their own, and the legend.
func WriteDOT(w io.Writer, g *Graph) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("digraph uidcheck {\n")
	p("  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=12, newrank=true, labelloc=t, label=%s];\n", dotQuote(graphTitle(g)))
	p("  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=filled, penwidth=1.2, margin=\"0.12,0.06\"];\n")
	p("  edge [fontname=\"Helvetica\", fontsize=9];\n")
	if g.nodeCount() > largeGraph {
		// Bound dot's crossing minimisation and network-simplex passes:
		// on 1,000 operators they take most of its time and buy little.
		p("  graph [mclimit=0.05, nslimit=0.5, nslimit1=0.5, remincross=false];\n")
	}
	for j, jg := range g.Jobs {
		writeDOTJob(p, j, jg)
	}
	writeDOTLegend(p, g)
	p("}\n")
	return bw.Flush()
}

func writeDOTJob(p func(string, ...any), j int, jg *JobGraph) {
	id := func(n int) string { return fmt.Sprintf("j%d%s", j, jg.Nodes[n].ID) }
	p("  subgraph cluster_j%d {\n    label=%s; style=solid; color=\"#555555\";\n", j, dotQuote(jobTitle(jg)))
	inChain := make([]bool, len(jg.Nodes))
	for c, members := range jg.Chains {
		p("    subgraph cluster_j%d_chain%d {\n      label=\"chain\"; style=dashed; color=\"#0072B2\"; fontsize=9;\n", j, c)
		for _, m := range members {
			inChain[m] = true
			p("      %s [%s];\n", id(m), dotNodeAttrs(jg.Nodes[m]))
		}
		p("    }\n")
	}
	ops := jg.operatorCount()
	for i := range ops {
		if !inChain[i] {
			p("    %s [%s];\n", id(i), dotNodeAttrs(jg.Nodes[i]))
		}
	}
	if jg.Omitted > 0 {
		p("    j%domitted [label=%s, shape=plaintext, style=\"\"];\n", j, dotQuote(omittedNote(jg.Omitted)))
	}
	p("  }\n")
	if jg.Detached > 0 {
		p("  subgraph cluster_j%d_detached {\n    label=\"savepoint entries with no operator\"; style=dotted; color=\"#555555\";\n", j)
		for i := ops; i < len(jg.Nodes); i++ {
			p("    %s [%s];\n", id(i), dotNodeAttrs(jg.Nodes[i]))
			if i > ops {
				// Stack the entries in a column rather than one wide row.
				p("    %s -> %s [style=invis];\n", id(i-1), id(i))
			}
		}
		p("  }\n")
	}
	for _, e := range jg.Edges {
		attrs := "label=" + dotQuote(e.Label)
		if e.Hint {
			attrs += ", style=dashed, constraint=false, color=\"#CC79A7\", fontcolor=\"#555555\""
		}
		if e.Chained {
			attrs += ", penwidth=2"
		}
		p("  %s -> %s [%s];\n", id(e.From), id(e.To), attrs)
	}
}

func dotNodeAttrs(n *Node) string {
	st := styles[n.Status]
	style := "filled"
	if st.Shape == "box" {
		style += ",rounded"
	}
	if st.Dash != "" {
		style += "," + st.Dash
	}
	attrs := fmt.Sprintf("label=%s, shape=%s, style=%s, fillcolor=%s",
		dotQuote(strings.Join(n.Lines(), "\n")), st.Shape, dotQuote(style), dotQuote(st.Fill))
	if st.Double {
		attrs += ", peripheries=2"
	}
	if n.Tip != "" {
		attrs += ", tooltip=" + dotQuote(n.Tip)
	}
	return attrs
}

// largeGraph is the node count above which the DOT output limits Graphviz's
// layout effort.
const largeGraph = 300

func (g *Graph) nodeCount() int {
	n := 0
	for _, jg := range g.Jobs {
		n += len(jg.Nodes)
	}
	return n
}

// writeDOTLegend draws the legend as one table node: a row per status
// with its colour, its status text and its meaning.
func writeDOTLegend(p func(string, ...any), g *Graph) {
	var b strings.Builder
	b.WriteString(`<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4">`)
	b.WriteString(`<TR><TD COLSPAN="2"><B>legend</B></TD></TR>`)
	for _, s := range g.Legend() {
		st := styles[s]
		fmt.Fprintf(&b, `<TR><TD BGCOLOR="%s">▶ %s</TD><TD ALIGN="LEFT">%s</TD></TR>`, st.Fill, esc(st.Text), esc(legendHelp[s]))
	}
	fmt.Fprintf(&b, `<TR><TD COLSPAN="2" ALIGN="LEFT">%s</TD></TR></TABLE>`, strings.ReplaceAll(esc(legendEdges), "\n", "<BR ALIGN=\"LEFT\"/>"))
	p("  legend [shape=plaintext, style=\"\", margin=0, label=<%s>];\n", b.String())
}

// legendEdges explains edges and chains in every format.
const legendEdges = "edges: labelled by partitioning\n(forward, hash (keyBy), rebalance, rescale,\nshuffle, broadcast, global, custom, side output);\nthick edge, dashed box: chained operators"

// legendHelp is the longer meaning of each status.
var legendHelp = map[Status]string{
	StatusPinned:       "keeps state and has a uid: its state survives changes to the graph",
	StatusUnpinned:     "keeps state without a uid: its ID moves when the graph changes",
	StatusUnknownState: "whether it keeps state could not be decided from the sources",
	StatusStateless:    "keeps no state",
	StatusRestored:     "a savepoint entry maps to it: its state is restored",
	StatusStartsEmpty:  "keeps state but no savepoint entry maps to it: it starts empty",
	StatusDropped:      "savepoint state no operator takes, discarded with --allowNonRestoredState (-n)",
	StatusFails:        "the restore fails here (unmapped state without -n, a max-parallelism change, a duplicate uid)",
	StatusUnknown:      "no uid and its auto-generated ID cannot be computed: the outcome is unknown",
	StatusSkipped:      "an empty savepoint entry no operator takes: Flink skips it",
	StatusNoState:      "a stateless operator that matches no entry: nothing to restore",
}

func graphTitle(g *Graph) string {
	if g.Savepoint != "" {
		return "uidcheck graph, restore from " + g.Savepoint
	}
	return "uidcheck graph"
}

func jobTitle(jg *JobGraph) string {
	t := "job " + safeName(jg.Name)
	if jg.Verdict != "" {
		t += ": " + jg.Verdict
	}
	return t
}

func omittedNote(n int) string {
	if n == 1 {
		return "1 operator left out (stateless, uid set, restored)"
	}
	return fmt.Sprintf("%d operators left out (stateless, uid set, restored)", n)
}

// dotQuote quotes s as a DOT string: backslash and double quote escaped,
// newlines as \n (centred lines).
func dotQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
