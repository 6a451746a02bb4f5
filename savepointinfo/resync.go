package savepointinfo

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
)

// The bytes that follow a state's name at the start of a meta info
// (docs/state-meta-format.md §5.2): backend type, one option or none, and
// the option's or the first serializer's key.
var (
	keyedMetaInfoHeads = [][]byte{
		metaInfoHead("KEYED_STATE_TYPE", 0, 1),
		metaInfoHead("KEYED_STATE_TYPE", 4, 1),
		metaInfoHead("VALUE_SERIALIZER", 3, 0, 1), // a timer queue: no options, one serializer
	}
	operatorMetaInfoHeads = [][]byte{
		metaInfoHead("OPERATOR_STATE_DISTRIBUTION_MODE", 1, 1),
		metaInfoHead("OPERATOR_STATE_DISTRIBUTION_MODE", 2, 1),
	}
)

// metaInfoHead encodes the ints, then the UTF key.
func metaInfoHead(key string, ints ...int32) []byte {
	var b []byte
	for _, v := range ints {
		b = binary.BigEndian.AppendUint32(b, uint32(v)) //nolint:gosec // small constants
	}
	b = binary.BigEndian.AppendUint16(b, uint16(len(key))) //nolint:gosec // likewise
	return append(b, key...)
}

// resync skips the rest of a state whose snapshot could not be read: to
// the next state's meta info, found by its fixed bytes and a name whose
// length prefix fits, or, for the last state, to the end of the
// description. It reports whether it moved. The caller's bound check then
// decides whether the skip was right.
func (p *proxyReader) resync(keyed, last bool) bool {
	c := p.c
	n := p.end - c.off
	if c.err != nil || n < 0 || n > maxJavaObject {
		return false
	}
	start := c.off
	rest := c.bytes(int(n))
	if c.err != nil {
		return false
	}
	at := len(rest)
	if !last {
		heads := operatorMetaInfoHeads
		if keyed {
			heads = keyedMetaInfoHeads
		}
		at = nextMetaInfo(rest, heads)
	}
	// Hand back the bytes from the resume point on (all of them when no
	// meta info was found).
	c.r = bufio.NewReaderSize(io.MultiReader(bytes.NewReader(rest[max(at, 0):]), c.r), descBuffer)
	c.off = start + int64(max(at, 0))
	return at >= 0
}

// resyncBudget bounds the name lengths tried while looking for the next
// meta info, so that hostile bytes full of near-matches cannot make the
// search quadratic.
const resyncBudget = 1 << 22

// nextMetaInfo returns where the first meta info in b starts, or -1.
func nextMetaInfo(b []byte, heads [][]byte) int {
	best, budget := -1, resyncBudget
	for _, h := range heads {
		for from := 0; from < len(b) && budget > 0; {
			k := bytes.Index(b[from:], h)
			if k < 0 {
				break
			}
			k += from
			if name := nameBefore(b, k, &budget); name >= 0 && (best < 0 || name < best) {
				best = name
				break
			}
			from = k + 1
		}
	}
	return best
}

// nameBefore returns where a UTF string ending at k starts: the shortest
// length L whose 2-byte prefix reads L and whose bytes are valid modified
// UTF-8; -1 when there is none or the budget runs out.
func nameBefore(b []byte, k int, budget *int) int {
	for l := 0; l <= k-2 && l <= 0xFFFF && *budget > 0; l++ {
		*budget--
		at := k - 2 - l
		if int(binary.BigEndian.Uint16(b[at:])) == l && invalidModifiedUTF8(b[at+2:k]) < 0 {
			return at
		}
	}
	return -1
}
