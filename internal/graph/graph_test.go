package graph

import (
	"strings"
	"testing"
)

func TestQuoting(t *testing.T) {
	t.Parallel()
	if got, want := dotQuote("a \"b\" \\ c\nd"), `"a \"b\" \\ c\nd"`; got != want {
		t.Errorf("dotQuote = %s, want %s", got, want)
	}
	if got, want := mermaidText(`x "y" <z> & #1 | a`+"`"), "x #quot;y#quot; #lt;z#gt; #amp; #35;1 #124; a#96;"; got != want {
		t.Errorf("mermaidText = %s, want %s", got, want)
	}
}

// TestCollapse keeps what matters and its neighbours, drops the rest, and
// counts what it dropped.
func TestCollapse(t *testing.T) {
	t.Parallel()
	// a → b → c → d → e, only c matters.
	jg := &JobGraph{Name: "j"}
	for i, s := range []Status{StatusStateless, StatusStateless, StatusUnpinned, StatusStateless, StatusStateless} {
		jg.Nodes = append(jg.Nodes, &Node{ID: string(rune('a' + i)), Status: s, Chain: -1, Matters: s == StatusUnpinned})
		if i > 0 {
			jg.Edges = append(jg.Edges, Edge{From: i - 1, To: i, Label: "forward", Chained: true})
		}
	}
	jg.Chains = [][]int{{0, 1, 2, 3, 4}}
	c := jg.Collapse(true)
	var ids []string
	for _, n := range c.Nodes {
		ids = append(ids, n.ID)
	}
	if strings.Join(ids, "") != "bcd" || c.Omitted != 2 || len(c.Edges) != 2 || len(c.Chains) != 1 {
		t.Errorf("collapse with neighbours: nodes %v, omitted %d, edges %d, chains %v", ids, c.Omitted, len(c.Edges), c.Chains)
	}
	c = jg.Collapse(false)
	if len(c.Nodes) != 1 || c.Omitted != 4 || len(c.Edges) != 0 || len(c.Chains) != 0 {
		t.Errorf("collapse alone: %d nodes, omitted %d, %d edges, chains %v", len(c.Nodes), c.Omitted, len(c.Edges), c.Chains)
	}
	var b strings.Builder
	if err := WriteMermaid(&b, &Graph{Jobs: []*JobGraph{c}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "4 operators left out") {
		t.Errorf("no omitted note:\n%s", b.String())
	}
}
