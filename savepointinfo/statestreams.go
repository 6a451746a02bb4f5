package savepointinfo

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// stateRef locates one subtask's managed handles in _metadata: the offsets
// at which StateMeta reads them again (-1 for none).
type stateRef struct {
	subtask         int32
	operator, keyed int64
}

// streamKind says what a state stream starts with and what bounds its
// description (docs/state-meta-format.md §1.1).
type streamKind int

const (
	// streamKeyGroups is a key-groups stream: the keyed proxy, then the key
	// groups from the smallest non-zero offset on.
	streamKeyGroups streamKind = iota
	// streamRocksMeta is a RocksDB meta stream: the keyed proxy and nothing else.
	streamRocksMeta
	// streamOperator is an operator-state stream: the operator proxy, then
	// the states from the smallest offset on.
	streamOperator
)

// streamLoc is where a stream handle's bytes are.
type streamLoc struct {
	inline      bool
	off, size   int64 // inline: position in _metadata and length; files: size or -1
	path        string
	relative    bool
	unsupported string // why the stream is not read
}

// stateStream is one stream holding a state description.
type stateStream struct {
	kind  streamKind
	bound int64 // first data offset after the description, -1 when none
	names map[StateName]bool
	loc   streamLoc
}

// collector gathers the state streams while a handle is read again.
type collector struct {
	pending *stateStream // the next stream handle read belongs to it
	streams []*stateStream
	unread  []string
}

func (c *collector) expect(kind streamKind, bound int64, names map[StateName]bool) {
	c.pending = &stateStream{kind: kind, bound: bound, names: names}
}

// located hands a stream handle's location to the pending state stream.
func (d *decoder) located(loc streamLoc) {
	if d.collect == nil || d.collect.pending == nil {
		return
	}
	s := d.collect.pending
	d.collect.pending = nil
	if loc == (streamLoc{}) || d.c.err != nil {
		return // a null handle: nothing was written
	}
	s.loc = loc
	d.collect.streams = append(d.collect.streams, s)
}

// firstOffset reads n offsets and returns the smallest non-zero one, or -1.
func (d *decoder) firstOffset(n int) int64 {
	first := int64(-1)
	for i := 0; i < n && d.c.err == nil; i++ {
		if off := d.c.i64(); off > 0 && (first < 0 || off < first) {
			first = off
		}
	}
	return first
}

// descBuffer is the read-ahead for state streams: descriptions are a few
// KiB, and the bytes after them (the state itself) must not be read.
const descBuffer = 4 << 10

// sectionCursor reads r from start to end; offsets in errors count from base.
func sectionCursor(r io.ReaderAt, start, end, base int64, limits Limits) *cursor {
	c := &cursor{r: bufio.NewReaderSize(io.NewSectionReader(r, start, end-start), descBuffer), limits: limits}
	c.off, c.size = base, base+end-start
	return c
}

// StateMeta reads what the savepoint says about the states of op: each
// state's name, kind and serializers, from the description at the head of
// every managed keyed and operator state stream of its subtasks, merged by
// state. Inline state is read from _metadata, state files are opened
// through o and read only as far as the description. A nil o reads the
// files next to the _metadata that Open or OpenFS read.
//
// Malformed bytes are an error naming the stream and offset. A stream that
// cannot be read completely (a snapshot class this package does not know,
// a format older than Flink 1.7, a merged file) is named in Unread.
func (m *Metadata) StateMeta(op *Operator, o Opener) (*OperatorStateMeta, error) {
	if o == nil {
		if m.opener == nil {
			return nil, errNoOpener
		}
		o = m.opener
	}
	out := &OperatorStateMeta{States: []StateMeta{}}
	if len(op.stateRefs) == 0 {
		return out, nil
	}
	mf, err := o.Open(MetadataFileName)
	if err != nil {
		return nil, fmt.Errorf("state descriptions: %w", err)
	}
	defer mf.Close()
	r := &stateReader{
		m: m, o: o, meta: mf, out: out, seen: map[stateKey]bool{}, unread: map[string]bool{},
		missing: map[string]string{}, missingN: map[string]int{},
	}
	for _, ref := range op.stateRefs {
		if ref.keyed >= 0 {
			if err := r.handle(ref, ref.keyed, true); err != nil {
				return nil, err
			}
		}
		if ref.operator >= 0 {
			if err := r.handle(ref, ref.operator, false); err != nil {
				return nil, err
			}
		}
	}
	for key, first := range r.missing {
		r.unread[fmt.Sprintf("%s: %d, the first: %s", key, r.missingN[key], first)] = true
	}
	out.Unread = sortedKeys(r.unread)
	if len(out.Unread) == 0 {
		out.Unread = nil
	}
	out.BytesRead = r.read
	return out, nil
}

type stateKey struct{ backend, name string }

// stateReader merges the descriptions of one operator's streams.
type stateReader struct {
	m      *Metadata
	o      Opener
	meta   File
	out    *OperatorStateMeta
	seen   map[stateKey]bool
	unread map[string]bool
	// missing holds the first open error per kind of stream, missingN
	// how many streams could not be opened.
	missing  map[string]string
	missingN map[string]int
	read     int64
}

// handle reads one subtask's managed keyed or operator handle again and
// then the description of every stream it names.
func (r *stateReader) handle(ref stateRef, pos int64, keyed bool) error {
	limits := Limits{}.withDefaults()
	c := sectionCursor(countingReaderAt{r.meta, &r.read}, pos, r.meta.Size(), pos, limits)
	c.push("subtask %d", ref.subtask)
	d := &decoder{c: c, version: r.m.Version, collect: &collector{}, op: &opAccumulator{
		kinds: map[string]bool{}, keyed: map[string]bool{}, files: map[string]bool{}, names: map[StateName]bool{},
	}}
	what := "operator state"
	if keyed {
		what = "keyed state"
		d.keyedTop("managed keyed state", "managed-keyed")
	} else {
		d.optionalOperatorHandle("managed operator state", "managed-operator")
	}
	if c.err != nil {
		return fmt.Errorf("%s: %w", MetadataFileName, c.err)
	}
	for _, u := range d.collect.unread {
		r.unread[what+": "+u] = true
	}
	for _, s := range d.collect.streams {
		if err := r.stream(ref, what, s); err != nil {
			return err
		}
	}
	return nil
}

// noFile records a state file that could not be opened: a _metadata copied
// without its state files is still worth inspecting, and the descriptions
// in the missing files are named.
func (r *stateReader) noFile(what, path string, err error) {
	key := what + " files that could not be opened"
	if r.missing[key] == "" {
		r.missing[key] = err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			// The same words wherever the savepoint lives.
			r.missing[key] = path + ": no such file"
		}
	}
	r.missingN[key]++
}

// stream decodes the description at the head of one stream.
func (r *stateReader) stream(ref stateRef, what string, s *stateStream) error {
	if s.loc.unsupported != "" {
		r.unread[fmt.Sprintf("%s in %s is not read", what, s.loc.unsupported)] = true
		return nil
	}
	f, name, start, size := r.meta, MetadataFileName, s.loc.off, s.loc.size
	where := fmt.Sprintf("%s inline at %#x", MetadataFileName, start)
	if !s.loc.inline {
		var err error
		if f, err = r.o.Open(s.loc.path); err != nil {
			r.noFile(what, s.loc.path, err)
			return nil
		}
		defer f.Close()
		name, start, size, where = s.loc.path, 0, f.Size(), s.loc.path
	}
	c := sectionCursor(countingReaderAt{f, &r.read}, start, start+size, 0, Limits{}.withDefaults())
	c.push("subtask %d %s (%s)", ref.subtask, what, where)
	p := &proxyReader{c: c, end: size}
	if s.kind != streamRocksMeta && s.bound >= 0 {
		// Ten bytes less for compressed operator state: checkBound checks.
		// A bound past the stream is caught there too.
		p.end = min(s.bound, size)
	}
	var res proxyResult
	if s.kind == streamOperator {
		res = p.operatorProxy()
	} else {
		res = p.keyedProxy()
	}
	if c.err == nil && p.stop == "" {
		p.checkBound(s, res)
	}
	if len(p.resynced) > 0 {
		res = r.resynced(p, res, what)
	}
	if c.err != nil {
		return fmt.Errorf("%s: %w", name, c.err)
	}
	switch {
	case p.stop != "":
		r.unread[what+": "+p.stop] = true
	case len(p.resynced) > 0:
	case s.kind == streamOperator:
		r.out.operatorStreams++
	default:
		r.out.keyedStreams++
	}
	r.merge(res)
	return nil
}

// resynced judges a description read by skipping states whose snapshot
// could not be read (§5.2): the skip was right only if the description
// then ended exactly at its bound. Otherwise the states after the first
// skip are dropped, as if reading had stopped there.
func (r *stateReader) resynced(p *proxyReader, res proxyResult, what string) proxyResult {
	if p.c.err == nil && p.stop == "" {
		for _, reason := range p.resynced {
			r.unread[what+": "+reason+"; the rest of it was skipped to the next state's description (found by its fixed bytes) or the end, and the description ends exactly where the handle says"] = true
		}
		return res
	}
	r.unread[what+": "+p.resynced[0]+"; the states after it in this stream are not read"] = true
	p.c.err, p.stop = nil, ""
	res.states = res.states[:p.keep]
	return res
}

// merge adds a stream's states to the operator's: subtasks usually
// describe the same states, but one registered lazily appears only where
// it was used.
func (r *stateReader) merge(res proxyResult) {
	if res.key != nil && r.out.KeySerializer == nil {
		r.out.KeySerializer = res.key
	}
	for _, st := range res.states {
		k := stateKey{st.Backend, st.Name}
		if r.seen[k] {
			continue
		}
		r.seen[k] = true
		r.out.States = append(r.out.States, st)
	}
}
