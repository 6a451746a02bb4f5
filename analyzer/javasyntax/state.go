package javasyntax

import "bytes"

// stateAPIs are the method names whose call makes a user function stateful:
// keyed and operator state accessors and timer registration. Finding them by
// bytes in the class's own range is far cheaper than walking its tree, and a
// name followed by "(" is specific enough in practice. Each maps to itself,
// so that a match needs no allocation.
var stateAPIs = setOf(
	"getState",
	"getListState",
	"getUnionListState",
	"getMapState",
	"getReducingState",
	"getAggregatingState",
	"getBroadcastState",
	"getPartitionedState",
	"registerEventTimeTimer",
	"registerProcessingTimeTimer",
	// Flink 2.x DataStream V2 functions declare their state.
	"usesStates",
	// Custom operators (transform) keep state through the operator API.
	"initializeState",
	"getOperatorStateBackend",
	"getKeyedStateBackend",
	"getInternalTimerService",
)

func setOf(names ...string) map[string]string {
	m := make(map[string]string, len(names))
	for _, n := range names {
		m[n] = n
	}
	return m
}

// stateUses finds state API calls in src[off:end], leaving out the skipped
// ranges (nested classes, which are analysed on their own). It makes one
// pass, from each "(" back to the name before it.
func stateUses(src []byte, off, end int, skip []Pos) []StateUse {
	var out []StateUse
	body := src[off:end]
	for i := 0; ; {
		k := bytes.IndexByte(body[i:], '(')
		if k < 0 {
			return out
		}
		e := i + k
		i = e + 1
		for e > 0 && (body[e-1] == ' ' || body[e-1] == '\t' || body[e-1] == '\n' || body[e-1] == '\r') {
			e--
		}
		at := e
		for at > 0 && isIdentByte(body[at-1]) {
			at--
		}
		if api, ok := stateAPIs[string(body[at:e])]; ok && !skipped(off+at, skip) {
			out = append(out, StateUse{API: api, Off: off + at})
		}
	}
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
