package savepointinfo

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// Versions of the proxies Flink 1.7 to 2.x write (docs/state-meta-format.md §2).
const (
	keyedProxyVersion     = 6
	snapshotProxyVersion  = 2 // TypeSerializerSnapshotSerializationProxy
	legacySnapshotVersion = 1 // a TypeSerializerConfigSnapshot, Flink ≤ 1.6
)

// backendStateTypes are BackendStateType's constants by ordinal.
var backendStateTypes = [...]string{"KEY_VALUE", "OPERATOR", "BROADCAST", "PRIORITY_QUEUE", "KEY_VALUE_V2"}

// snappyStreamID starts an xerial framed Snappy stream; compressed
// operator state follows its description after one (§1.3).
var snappyStreamID = []byte{0xFF, 0x06, 0x00, 0x00, 0x73, 0x4E, 0x61, 0x50, 0x70, 0x59}

// Minimum encoded sizes in a description, to check counts before allocating.
const (
	minMetaInfo   = 2 + 4 + 4 + 4 // empty name, type, no options, no serializers
	minOption     = 4             // two empty UTF strings
	minSerializer = 2 + 4 + 2 + 4 // empty key, wrapper version, empty class, version
)

// proxyReader decodes a keyed or operator backend serialization proxy.
// stop, once set, says why the rest of the stream cannot be read: the
// snapshots carry no lengths, so after an unknown one nothing is certain.
type proxyReader struct {
	c     *cursor
	stop  string
	depth int
	// end is where the description must end (the first state offset or
	// the stream's end); Java-serialized objects are looked for before it.
	end int64
	// compressed is the proxy's compression flag.
	compressed bool
	// resynced names the states whose description was skipped to the
	// next one (§5.2); the result stands only if the description then ends
	// exactly at its bound.
	resynced []string
	// states counts the states read; keep is how many of them precede
	// the first skip.
	states, keep int
}

// proxyResult is what one description holds.
type proxyResult struct {
	key    *Serializer
	states []StateMeta
}

func (p *proxyReader) halt(format string, args ...any) {
	if p.stop == "" {
		p.stop = fmt.Sprintf(format, args...)
	}
}

func (p *proxyReader) ok() bool { return p.c.err == nil && p.stop == "" }

// i16 reads a Java short.
func (p *proxyReader) i16() int16 {
	return int16(binary.BigEndian.Uint16(p.c.read(2))) //nolint:gosec // Java short: the bits are the value
}

// keyedProxy reads KeyedBackendSerializationProxy (§3.1).
func (p *proxyReader) keyedProxy() proxyResult {
	c := p.c
	var res proxyResult
	if v := c.i32(); c.err == nil && v != keyedProxyVersion {
		if v >= 1 && v < keyedProxyVersion {
			p.halt("keyed state description version %d (written by Flink 1.6 or older) is not read", v)
		} else {
			c.off -= 4
			c.fail(ErrFormat, "keyed state description version must be 1 to 6, found", v)
		}
		return res
	}
	p.compressed = c.bool()
	c.push("key serializer")
	res.key = p.topSnapshot()
	c.pop()
	if !p.ok() {
		p.stop = "key serializer: " + p.stop
		return res
	}
	res.states = p.metaInfos(int(p.i16()), "keyed", true)
	return res
}

// operatorProxy reads OperatorBackendSerializationProxy (§3.2).
func (p *proxyReader) operatorProxy() proxyResult {
	c := p.c
	var res proxyResult
	v := c.i32()
	switch {
	case c.err != nil:
		return res
	case v == 5:
	case v == 6:
		p.compressed = c.bool()
	case v >= 1 && v < 5:
		p.halt("operator state description version %d (written by Flink 1.6 or older) is not read", v)
		return res
	default:
		c.off -= 4
		c.fail(ErrFormat, "operator state description version must be 1 to 6, found", v)
		return res
	}
	res.states = p.metaInfos(int(p.i16()), "operator", false)
	if p.ok() {
		res.states = append(res.states, p.metaInfos(int(p.i16()), "broadcast", true)...)
	}
	return res
}

// metaInfos reads n StateMetaInfoSnapshots (§4.1); last says that
// nothing follows them in the description.
func (p *proxyReader) metaInfos(n int, what string, last bool) []StateMeta {
	c := p.c
	start := c.off - 2
	if n = c.checkCount(start, what+" state count", int64(n), minMetaInfo, 0); n < 0 {
		return nil
	}
	out := make([]StateMeta, 0, n)
	for i := 0; i < n && p.ok(); i++ {
		c.push("%s state %d of %d", what, i+1, n)
		st := p.metaInfo()
		c.pop()
		if c.err != nil {
			return nil
		}
		out = append(out, st)
		p.states++
		if p.stop == "" {
			continue
		}
		reason := fmt.Sprintf("state %q: %s", st.Name, p.stop)
		if (i+1 < n || last) && p.resync(what == "keyed", i+1 == n) {
			if len(p.resynced) == 0 {
				p.keep = p.states
			}
			p.stop = ""
			p.resynced = append(p.resynced, reason)
			continue
		}
		p.stop = reason + "; the states after it in this stream are not read"
	}
	return out
}

func (p *proxyReader) metaInfo() StateMeta {
	c := p.c
	st := StateMeta{Name: c.utf()}
	typ := c.i32()
	if c.err == nil && (typ < 0 || int(typ) >= len(backendStateTypes)) {
		c.off -= 4
		c.fail(ErrFormat, "unknown backend state type", typ)
		return st
	}
	if c.err != nil {
		return st
	}
	st.Backend = backendStateTypes[typ]
	nOpts := c.length("option count", minOption, 0)
	for range max(nOpts, 0) {
		k, v := c.utf(), c.utf()
		if k == "KEYED_STATE_TYPE" || k == "OPERATOR_STATE_DISTRIBUTION_MODE" {
			st.Kind = v
		}
	}
	nSer := c.length("serializer count", minSerializer, 0)
	for i := 0; i < nSer && p.ok(); i++ {
		key := c.utf()
		c.push("%s", key)
		s := p.topSnapshot()
		c.pop()
		switch key {
		case "VALUE_SERIALIZER":
			st.Value = s
		case "NAMESPACE_SERIALIZER":
			st.Namespace = s
		case "KEY_SERIALIZER", "USER_KEY_SERIALIZER":
			st.Key = s
		default:
			if c.err == nil {
				c.fail(ErrFormat, "unknown serializer key", quote(key))
			}
		}
		if p.stop != "" {
			p.stop = key + ": " + p.stop
		}
	}
	st.TTL = hasTTL(st.Value)
	return st
}

// hasTTL reports whether a state serializer is wrapped by Flink's TTL
// serializer: the value itself, a list's element or a map's value (§6.5).
func hasTTL(s *Serializer) bool {
	switch {
	case s == nil:
		return false
	case s.Family == "ttl":
		return true
	case s.Family == "list" && len(s.Nested) == 1:
		return s.Nested[0] != nil && s.Nested[0].Family == "ttl"
	case s.Family == "map" && len(s.Nested) == 2:
		return s.Nested[1] != nil && s.Nested[1].Family == "ttl"
	}
	return false
}

// checkBound checks that a completely read description ends where the
// handle says the data begins (§1.1): a reader that took the wrong number
// of bytes for some snapshot would not.
func (p *proxyReader) checkBound(s *stateStream, res proxyResult) {
	c := p.c
	end := c.off
	switch {
	case s.kind == streamOperator && p.compressed && s.bound >= 0:
		if s.bound != end+int64(len(snappyStreamID)) {
			c.fail(ErrFormat, fmt.Sprintf("the description ends at %#x, but the compressed states start at %#x, not %d bytes later", end, s.bound, len(snappyStreamID)), nil)
			return
		}
		if id := c.bytes(len(snappyStreamID)); c.err == nil && !bytes.Equal(id, snappyStreamID) {
			c.off = end
			c.fail(ErrFormat, "compressed operator state does not start with a Snappy stream identifier", nil)
		}
	case s.bound >= 0 && s.kind != streamRocksMeta:
		if end != s.bound {
			c.fail(ErrFormat, fmt.Sprintf("the description ends at %#x, but the handle's first state offset is %#x", end, s.bound), nil)
		}
	case s.kind == streamOperator && p.compressed:
		if end > c.size {
			c.fail(ErrFormat, "the description runs past the stream", nil)
		}
	default:
		if end != c.size {
			c.fail(ErrFormat, fmt.Sprintf("the description ends at %#x, but the stream, which holds nothing else, has %d bytes", end, c.size), nil)
		}
	}
	if s.kind == streamOperator && c.err == nil {
		p.checkNames(s, res)
	}
}

// checkNames checks that the operator states described are those the
// handle names, with the same distribution modes (§3.2).
func (p *proxyReader) checkNames(s *stateStream, res proxyResult) {
	got := map[StateName]bool{}
	for _, st := range res.states {
		got[StateName{Name: st.Name, Mode: st.Kind}] = true
	}
	for sn := range s.names {
		if !got[sn] {
			p.c.fail(ErrFormat, fmt.Sprintf("the handle names state %q (%s), the description does not", sn.Name, sn.Mode), nil)
			return
		}
	}
	if len(got) != len(s.names) {
		p.c.fail(ErrFormat, fmt.Sprintf("the description has %d states, the handle names %d", len(got), len(s.names)), nil)
	}
}
