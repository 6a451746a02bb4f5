package flinkid

import (
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/twmb/murmur3"
)

// Node is one StreamNode of a job's StreamGraph, as far as Flink's hasher
// looks at it. Virtual nodes (keyBy and other partitioners, union, side
// outputs) are not Nodes: they only shape the edges between physical ones.
type Node struct {
	// Order is the creation order of the node's transformation (Flink's
	// StreamNode id). Sources are visited in ascending Order.
	Order int
	// UID is the user-specified uid, or "" when the operator has none.
	UID string
	// Inputs are the upstream nodes in in-edge order; an input may appear
	// more than once (e.g. a self-union).
	Inputs []*Node
	// Outputs are the downstream edges in out-edge order.
	Outputs []Edge
}

// Edge is an out-edge of a Node.
type Edge struct {
	To *Node
	// Chainable reports whether Flink would chain the two operators (same
	// slot sharing group, forward partitioning, equal parallelism, compatible
	// chaining strategies, chaining enabled). Each chainable out-edge changes
	// the auto-generated hash of its source node.
	Chainable bool
}

// HashCollisionError is the error Flink raises at submission when two
// operators end up with the same hash, almost always through a duplicate uid.
type HashCollisionError struct{ UID string }

func (e *HashCollisionError) Error() string {
	// Flink's message, from StreamGraphHasherV2.generateNodeHash.
	return fmt.Sprintf("Hash collision on user-specified ID %q. Most likely cause is a non-unique ID. "+
		"Please check that all IDs specified via `uid(String)` are unique.", e.UID)
}

// GraphHashes computes the OperatorID of every node reachable from the sources
// the way StreamGraphHasherV2 does (docs/flink-internals.md §1.3): a breadth-first walk from
// the sources in creation order; a node with a uid hashes the uid, a node
// without one hashes its position in the walk (once, plus once per chainable
// out-edge) and mixes in its inputs' hashes. A node is postponed until all its
// inputs have hashes. Nodes unreachable from a source get no entry.
func GraphHashes(nodes []*Node) (map[*Node]OperatorID, error) {
	var sources []*Node
	for _, n := range nodes {
		if len(n.Inputs) == 0 {
			sources = append(sources, n)
		}
	}
	slices.SortFunc(sources, func(a, b *Node) int { return a.Order - b.Order })

	hashes := make(map[*Node]OperatorID, len(nodes))
	visited := make(map[*Node]bool, len(nodes))
	queue := append([]*Node(nil), sources...)
	for _, s := range sources {
		visited[s] = true
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		ok, err := hashNode(n, hashes)
		if err != nil {
			return nil, err
		}
		if !ok {
			// Revisit when another input reaches it, as Flink does.
			delete(visited, n)
			continue
		}
		for _, e := range n.Outputs {
			if !visited[e.To] {
				visited[e.To] = true
				queue = append(queue, e.To)
			}
		}
	}
	return hashes, nil
}

// hashNode stores n's hash and reports whether it could be computed yet.
func hashNode(n *Node, hashes map[*Node]OperatorID) (bool, error) {
	if n.UID != "" {
		id := FromUID(n.UID)
		for _, other := range hashes {
			if other == id {
				return false, &HashCollisionError{UID: n.UID}
			}
		}
		hashes[n] = id
		return true, nil
	}
	for _, in := range n.Inputs {
		if _, ok := hashes[in]; !ok {
			return false, nil
		}
	}
	hashes[n] = autoHash(n, len(hashes), hashes)
	return true, nil
}

// autoHash is generateDeterministicHash: murmur3 over the little-endian
// position, repeated for each chainable out-edge, then each input hash mixed
// in byte-wise as h*37 ^ in.
func autoHash(n *Node, position int, hashes map[*Node]OperatorID) OperatorID {
	chainable := 0
	for _, e := range n.Outputs {
		if e.Chainable {
			chainable++
		}
	}
	buf := make([]byte, 0, 4*(1+chainable))
	for range 1 + chainable {
		buf = binary.LittleEndian.AppendUint32(buf, uint32(position)) //nolint:gosec // position is a node count, far below 2^31
	}
	h1, h2 := murmur3.SeedSum128(0, 0, buf)
	var id OperatorID
	binary.LittleEndian.PutUint64(id[0:8], h1)
	binary.LittleEndian.PutUint64(id[8:16], h2)
	for _, in := range n.Inputs {
		other := hashes[in]
		for j := range id {
			id[j] = id[j]*37 ^ other[j]
		}
	}
	return id
}
