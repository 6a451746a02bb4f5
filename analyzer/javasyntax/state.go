package javasyntax

import (
	"bytes"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
)

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
		if api, ok := flinkapi.StateAPIs[string(body[at:e])]; ok && !skipped(off+at, skip) {
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
