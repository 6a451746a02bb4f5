package savepointinfo

import (
	"fmt"
	"io"
	"sort"
)

// headerMagic starts every _metadata file (Checkpoints.HEADER_MAGIC_NUMBER).
const headerMagic = 0x4960672d

// masterStateMagic starts every master state (MetadataV2V3SerializerBase).
const masterStateMagic = int32(-0x3694e96a) // 0xc96b1696 as a Java int

// Minimum encoded sizes, used to reject counts that cannot fit in the bytes
// remaining before anything is allocated (docs/flink-internals.md §2.6, §2.7).
const (
	minMasterState = 8 // magic + length
	minSubtask     = 4 // a finished-subtask index
	minOffset      = 8 // one long
	minNamedHandle = 3 // empty UTF + null handle tag
	minStateName   = 7 // empty UTF + mode byte + offset count
	minChannel     = 1 // a V2 channel type byte; V1 handles are larger
	minByteEntry   = 8 // key group + length
	minOffsetEntry = 9 // offset + null handle tag
	javaStreamHead = "\xac\xed\x00\x05"
)

// minOperator is the smallest operator entry of a format version.
func minOperator(version int) int64 {
	switch {
	case version == 2:
		return 32 // id, parallelism, max parallelism, chain length, subtask count
	case version >= 5:
		return 33 // two empty UTF strings first
	}
	return 29 // id, parallelism, max parallelism, null coordinator tag, subtask count
}

// Option configures Decode.
type Option func(*config)

type config struct {
	limits Limits
	size   int64
	dir    string
}

// WithLimits replaces the default Limits.
func WithLimits(l Limits) Option { return func(c *config) { c.limits = l } }

// WithSize declares the input's total size so that counts can be checked
// against the bytes remaining. Open sets it from the file.
func WithSize(n int64) Option { return func(c *config) { c.size = n } }

// WithDir names the savepoint directory; relative state-file paths are
// resolved against it. Open sets it.
func WithDir(dir string) Option { return func(c *config) { c.dir = dir } }

// Decode reads a _metadata stream.
func Decode(r io.Reader, opts ...Option) (*Metadata, error) {
	cfg := config{size: -1}
	for _, o := range opts {
		o(&cfg)
	}
	d := &decoder{c: newCursor(r, cfg.size, cfg.limits.withDefaults()), dir: cfg.dir}
	m := d.metadata()
	if d.c.err != nil {
		return nil, d.c.err
	}
	m.Size = d.c.off
	return m, nil
}

type decoder struct {
	c       *cursor
	version int
	dir     string
	op      *opAccumulator
	// collect is set only when a handle is read again to find the streams
	// holding state descriptions (statemeta.go); nil on the main pass.
	collect *collector
}

// opAccumulator gathers per-operator facts while its subtasks are read.
type opAccumulator struct {
	kinds, keyed, files map[string]bool
	names               map[StateName]bool
	refs                []stateRef
	bytes               int64
	fileHandles         int
	hasState            bool
}

// header reads the magic number and the format version.
func (d *decoder) header() int {
	c := d.c
	c.push("header")
	if magic := c.i32(); c.err == nil && magic != headerMagic {
		c.off -= 4
		c.fail(ErrFormat, fmt.Sprintf("not a Flink _metadata file: magic number %#08x, want %#08x", uint32(magic), headerMagic), nil) //nolint:gosec // display only
	}
	version := int(c.i32())
	if c.err == nil && (version < 2 || version > 7) {
		c.off -= 4
		c.fail(ErrUnsupportedVersion, fmt.Sprintf("format version %d is not supported (this reader knows 2 to 7; version 1 is Flink 1.1/1.2)", version), nil)
	}
	c.pop()
	return version
}

func (d *decoder) metadata() *Metadata {
	c := d.c
	version := d.header()
	d.version = version
	m := &Metadata{Version: version}
	m.CheckpointID = c.i64()
	if c.err == nil && m.CheckpointID < 0 {
		c.off -= 8
		c.fail(ErrFormat, "invalid checkpoint ID", m.CheckpointID)
	}
	m.MasterStates = d.masterStates()
	nOps := c.length("operator count", minOperator(version), c.limits.MaxOperators)
	for i := 0; i < nOps && c.err == nil; i++ {
		c.push("operator %d of %d", i+1, nOps)
		m.Operators = append(m.Operators, d.operator())
		c.pop()
	}
	if c.err != nil {
		return m
	}
	if version >= 4 {
		m.Properties = d.trailer()
	} else {
		d.expectEOF()
	}
	return m
}

func (d *decoder) masterStates() []MasterState {
	c := d.c
	n := c.length("master state count", minMasterState, c.limits.MaxHandles)
	var out []MasterState
	for i := 0; i < n && c.err == nil; i++ {
		c.push("master state %d of %d", i+1, n)
		if magic := c.i32(); c.err == nil && magic != masterStateMagic {
			c.off -= 4
			c.fail(ErrFormat, "incorrect master state magic number", fmt.Sprintf("%#08x", uint32(magic))) //nolint:gosec // display only
		}
		size := c.length("master state length", 1, c.limits.MaxMasterStateBytes)
		start := c.off
		ms := MasterState{Version: int(c.i32()), Name: c.utf()}
		payload := c.length("master state payload length", 1, c.limits.MaxMasterStateBytes)
		c.skip(int64(payload))
		ms.Bytes = payload
		if c.err == nil && c.off-start != int64(size) {
			c.fail(ErrFormat, fmt.Sprintf("master state declares %d bytes but its fields take %d", size, c.off-start), nil)
		}
		out = append(out, ms)
		c.pop()
	}
	return out
}

func (d *decoder) operator() *Operator {
	c := d.c
	op := &Operator{CoordinatorBytes: -1}
	if d.version >= 5 {
		op.Name = c.utf()
		op.UID = c.utf()
	}
	op.ID = c.id()
	op.Parallelism = int(c.i32())
	op.MaxParallelism = int(c.i32())
	if c.err == nil && op.Parallelism > op.MaxParallelism {
		// OperatorState's constructor refuses this (Flink 1.3 to 2.3), so
		// Flink cannot load the file.
		c.off -= 8
		c.fail(ErrFormat, fmt.Sprintf("parallelism %d is larger than max parallelism %d", op.Parallelism, op.MaxParallelism), nil)
		return op
	}
	if d.version == 2 {
		c.i32() // chain length, always 1 and unused
	} else {
		op.CoordinatorBytes = d.coordinator()
	}
	d.op = &opAccumulator{kinds: map[string]bool{}, keyed: map[string]bool{}, files: map[string]bool{}, names: map[StateName]bool{}}
	start := c.off
	n := int64(c.i32())
	if c.err != nil {
		return op
	}
	if d.version >= 3 && n == -1 {
		// FullyFinishedOperatorState: no subtasks and, by construction, no
		// coordinator state (MetadataV3Serializer).
		op.FullyFinished = true
		if op.CoordinatorBytes >= 0 {
			c.off = start
			c.fail(ErrFormat, "fully finished operator with coordinator state", nil)
		}
		return op
	}
	count := c.checkCount(start, "subtask count", n, minSubtask, c.limits.MaxSubtasks)
	for j := 0; j < count && c.err == nil; j++ {
		idx := c.i32()
		if c.err != nil {
			break
		}
		// OperatorState.putState refuses an index outside the parallelism;
		// a finished subtask is written as -(index+1).
		if sub := max(idx, -idx-1); int(sub) >= op.Parallelism {
			c.off -= 4
			c.fail(ErrFormat, fmt.Sprintf("subtask index %d is outside parallelism %d", sub, op.Parallelism), nil)
			break
		}
		if idx < 0 {
			if d.version == 2 {
				c.off -= 4
				c.fail(ErrFormat, "negative subtask index", idx)
				break
			}
			op.FinishedSubtasks++ // FinishedOperatorSubtaskState: -(index+1), no body
			continue
		}
		c.push("subtask %d", idx)
		d.subtask(idx)
		op.Subtasks++
		c.pop()
	}
	acc := d.op
	op.HasState = acc.hasState
	op.StateBytes = acc.bytes
	op.Kinds = sortedKeys(acc.kinds)
	op.KeyedHandles = sortedKeys(acc.keyed)
	op.Files = sortedKeys(acc.files)
	op.fileHandles = acc.fileHandles
	op.stateRefs = acc.refs
	for sn := range acc.names {
		op.StateNames = append(op.StateNames, sn)
	}
	sort.Slice(op.StateNames, func(i, j int) bool {
		a, b := op.StateNames[i], op.StateNames[j]
		return a.Name < b.Name || a.Name == b.Name && a.Mode < b.Mode
	})
	return op
}

// coordinator reads the coordinator state handle: Flink writes only null or
// an inline byte stream named with the OperatorID (MetadataV3Serializer).
func (d *decoder) coordinator() int64 {
	c := d.c
	c.push("coordinator state")
	defer c.pop()
	switch tag := c.u8(); {
	case c.err != nil:
		return -1
	case tag == tagNull:
		return -1
	case tag == tagByteStream:
		c.utf()
		n := c.length("inline state length", 1, 0)
		c.skip(int64(n))
		return int64(n)
	default:
		c.off--
		c.fail(ErrFormat, "coordinator state must be a null or byte-stream handle, found tag", tag)
		return -1
	}
}

func (d *decoder) subtask(idx int32) {
	c := d.c
	if d.version == 2 {
		c.i64() // duration, unused
		if legacy := c.i32(); c.err == nil && legacy != 0 {
			c.off -= 4
			c.fail(ErrFormat, "legacy state (Flink ≤ 1.1 Checkpointed interface) is not supported, count", legacy)
			return
		}
	}
	// Only the positions of the managed handles are kept: StateMeta reads
	// them again when asked, so this pass stays as fast as before.
	ref := stateRef{subtask: idx, operator: -1, keyed: -1}
	if pos := c.off; d.optionalOperatorHandle("managed operator state", "managed-operator") {
		ref.operator = pos
	}
	d.optionalOperatorHandle("raw operator state", "raw-operator")
	if pos := c.off; d.keyedTop("managed keyed state", "managed-keyed") {
		ref.keyed = pos
	}
	d.keyedTop("raw keyed state", "raw-keyed")
	if c.err == nil && (ref.operator >= 0 || ref.keyed >= 0) {
		d.op.refs = append(d.op.refs, ref)
	}
	if d.version >= 3 {
		d.channels("input channel state")
		d.channels("result subpartition state")
	}
	if d.version >= 7 {
		switch has := c.u8(); {
		case c.err != nil:
		case has == 1:
			c.i64() // refCheckpointId of a regional checkpoint
		case has != 0:
			c.off--
			c.fail(ErrFormat, "invalid checkpoint-reference flag", has)
		}
	}
}

// optionalOperatorHandle reads the int flag Flink writes before an operator
// state collection (0 = empty, 1 = singleton) and the handle, and returns
// whether a handle was present.
func (d *decoder) optionalOperatorHandle(what, kind string) bool {
	c := d.c
	c.push("%s", what)
	defer c.pop()
	switch flag := c.i32(); {
	case c.err != nil:
	case flag == 0:
	case flag == 1:
		if d.operatorHandle() {
			d.op.hasState = true
			d.op.kinds[kind] = true
			return true
		}
	default:
		c.off -= 4
		c.fail(ErrFormat, "operator state collection size must be 0 or 1, found", flag)
	}
	return false
}

func (d *decoder) keyedTop(what, kind string) bool {
	d.c.push("%s", what)
	defer d.c.pop()
	if d.keyedHandle(0) {
		d.op.hasState = true
		d.op.kinds[kind] = true
		return true
	}
	return false
}

func (d *decoder) channels(what string) {
	c := d.c
	c.push("%s", what)
	defer c.pop()
	n := c.length("channel handle count", minChannel, c.limits.MaxHandles)
	for i := 0; i < n && c.err == nil; i++ {
		d.channel()
		d.op.hasState = true
		d.op.kinds["channel"] = true
	}
}

// channel reads one channel-state handle: the V1 layout up to metadata
// version 5, a type byte and then V1 or a merged layout from version 6 on.
func (d *decoder) channel() {
	c := d.c
	if d.version >= 6 {
		switch typ := c.u8(); {
		case c.err != nil:
			return
		case typ == 1 || typ == 2:
		case typ == 3 || typ == 4:
			c.i32() // subtask index
			c.i64() // state size
			d.streamHandle(0)
			n := c.length("merged channel offsets length", 1, 0)
			c.skip(int64(n))
			return
		default:
			c.off--
			c.fail(ErrFormat, "unknown channel state handle type", typ)
			return
		}
	}
	c.i32() // subtask index
	c.i32() // gate or partition index
	c.i32() // channel or subpartition index
	n := c.length("channel offset count", minOffset, c.limits.MaxHandles)
	c.skip(int64(n) * minOffset)
	c.i64() // state size
	d.streamHandle(0)
}
