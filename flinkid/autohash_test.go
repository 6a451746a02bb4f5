package flinkid

import (
	"errors"
	"testing"
)

// link adds a forward edge; keyed edges (keyBy) are never chainable.
func link(from, to *Node, chainable bool) {
	from.Outputs = append(from.Outputs, Edge{To: to, Chainable: chainable})
	to.Inputs = append(to.Inputs, from)
}

// The graph of Flink's StatefulJobSnapshotMigrationITCase: two pipelines
// source(uid) → keyBy → flatMap(uid) → keyBy → transform(uid) → sink(no uid).
// The sinks' IDs occur in every savepoint of that test from Flink 1.8 to 2.0
// (docs/flink-internals.md §1.3, fixtures new-stateful-udf-migration-itcase-*).
func TestGraphHashesMigrationJob(t *testing.T) {
	t.Parallel()
	var nodes []*Node
	mk := func(order int, uid string) *Node {
		n := &Node{Order: order, UID: uid}
		nodes = append(nodes, n)
		return n
	}
	src1 := mk(1, "CheckpointingSource1")
	fm1 := mk(2, "CheckpointingKeyedStateFlatMap1")
	tm1 := mk(3, "CheckpointingTimelyStatefulOperator1")
	sink1 := mk(4, "")
	src2 := mk(5, "CheckpointingSource2")
	fm2 := mk(6, "CheckpointingKeyedStateFlatMap2")
	tm2 := mk(7, "CheckpointingTimelyStatefulOperator2")
	sink2 := mk(8, "")
	link(src1, fm1, false)
	link(fm1, tm1, false)
	link(tm1, sink1, true)
	link(src2, fm2, false)
	link(fm2, tm2, false)
	link(tm2, sink2, true)

	hashes, err := GraphHashes(nodes)
	if err != nil {
		t.Fatal(err)
	}
	want := map[*Node]string{
		src1:  "69f32d314b97c6f7f9ed7873983167f2",
		fm1:   "d5c8b168c6cbfe8c507a10f88b325243",
		sink1: "330bf7ad4176e7c36829a4bf9459db07",
		sink2: "06d8049845c382d79d17d43c9ef349f7",
	}
	for n, w := range want {
		if got := hashes[n].String(); got != w {
			t.Errorf("node %d (uid %q): hash %s, want %s", n.Order, n.UID, got, w)
		}
	}
	if len(hashes) != len(nodes) {
		t.Errorf("hashed %d nodes, want %d", len(hashes), len(nodes))
	}
}

// A chainable out-edge changes the hash of an operator without uid; a
// non-chainable one does not.
func TestGraphHashesChainingMatters(t *testing.T) {
	t.Parallel()
	build := func(chainable bool) OperatorID {
		src := &Node{Order: 1}
		m := &Node{Order: 2}
		link(src, m, chainable)
		h, err := GraphHashes([]*Node{src, m})
		if err != nil {
			t.Fatal(err)
		}
		return h[src]
	}
	if build(true) == build(false) {
		t.Error("source hash is the same with and without a chainable output")
	}
}

func TestGraphHashesDuplicateUID(t *testing.T) {
	t.Parallel()
	a := &Node{Order: 1, UID: "same"}
	b := &Node{Order: 2, UID: "same"}
	link(a, b, true)
	_, err := GraphHashes([]*Node{a, b})
	var hc *HashCollisionError
	if !errors.As(err, &hc) || hc.UID != "same" {
		t.Fatalf("err = %v, want HashCollisionError for uid \"same\"", err)
	}
}

// A node whose second input is reached later is postponed, not hashed early.
func TestGraphHashesWaitsForAllInputs(t *testing.T) {
	t.Parallel()
	s1 := &Node{Order: 1}
	s2 := &Node{Order: 2}
	mid := &Node{Order: 3}
	join := &Node{Order: 4}
	link(s1, join, false)
	link(s2, mid, true)
	link(mid, join, false)
	h, err := GraphHashes([]*Node{s1, s2, mid, join})
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 4 {
		t.Fatalf("hashed %d nodes, want 4", len(h))
	}
	// Positions: s1=0, s2=1, then join is tried (inputs incomplete), mid=2, join=3.
	pos3 := autoHash(&Node{}, 3, nil)
	want := pos3
	for _, in := range []OperatorID{h[s1], h[mid]} {
		for j := range want {
			want[j] = want[j]*37 ^ in[j]
		}
	}
	if h[join] != want {
		t.Errorf("join hash %s, want position-3 hash mixed with both inputs %s", h[join], want)
	}
}
