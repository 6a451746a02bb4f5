package javasyntax

import (
	"bytes"
	"sort"
)

// stateAPIs are the method names whose call makes a user function stateful:
// keyed and operator state accessors and timer registration. Finding them by
// bytes in the class's own range is far cheaper than walking its tree, and a
// name followed by "(" is specific enough in practice.
var stateAPIs = [][]byte{
	[]byte("getState"),
	[]byte("getListState"),
	[]byte("getUnionListState"),
	[]byte("getMapState"),
	[]byte("getReducingState"),
	[]byte("getAggregatingState"),
	[]byte("getBroadcastState"),
	[]byte("getPartitionedState"),
	[]byte("registerEventTimeTimer"),
	[]byte("registerProcessingTimeTimer"),
	// Flink 2.x DataStream V2 functions declare their state.
	[]byte("usesStates"),
	// Custom operators (transform) keep state through the operator API.
	[]byte("initializeState"),
	[]byte("getOperatorStateBackend"),
	[]byte("getKeyedStateBackend"),
	[]byte("getInternalTimerService"),
}

// stateUses finds state API calls in src[off:end], leaving out the skipped
// ranges (nested classes, which are analysed on their own).
func stateUses(src []byte, off, end int, skip []Pos) []StateUse {
	var out []StateUse
	body := src[off:end]
	for _, api := range stateAPIs {
		for i := 0; ; {
			k := bytes.Index(body[i:], api)
			if k < 0 {
				break
			}
			at := i + k
			i = at + len(api)
			if at > 0 && isIdentByte(body[at-1]) {
				continue
			}
			j := i
			for j < len(body) && (body[j] == ' ' || body[j] == '\t' || body[j] == '\n' || body[j] == '\r') {
				j++
			}
			if j >= len(body) || body[j] != '(' || skipped(off+at, skip) {
				continue
			}
			out = append(out, StateUse{API: string(api), Off: off + at})
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Off < out[b].Off })
	return out
}

func skipped(off int, skip []Pos) bool {
	for _, s := range skip {
		if off >= s.Off && off < s.End {
			return true
		}
	}
	return false
}

func isIdentByte(b byte) bool {
	return b == '_' || b == '$' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}
