package savepointinfo

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/uidcheck/uidcheck/savepointinfo/savepointfs"
)

// Handle tags of MetadataV2V3SerializerBase (docs/flink-internals.md §2.8–2.10).
const (
	tagNull                   = 0
	tagByteStream             = 1
	tagFileStream             = 2
	tagKeyGroups              = 3
	tagPartitionableOperator  = 4
	tagIncremental            = 5
	tagRelativeStream         = 6
	tagSavepointKeyGroups     = 7
	tagChangelog              = 8
	tagChangelogBytes         = 9
	tagChangelogFile          = 10
	tagIncrementalV2          = 11
	tagKeyGroupsV2            = 12
	tagChangelogFileV2        = 13
	tagChangelogV2            = 14
	tagSegmentFile            = 15
	tagEmptySegmentFile       = 16
	tagSegmentPartitionableOp = 17
)

// operator-state distribution modes, by ordinal of OperatorStateHandle.Mode.
var stateModes = [...]string{"SPLIT_DISTRIBUTE", "UNION", "BROADCAST"}

// streamHandle reads a StreamStateHandle. Sizes and file paths are added to
// the current operator.
func (d *decoder) streamHandle(depth int) {
	c := d.c
	tag := c.u8()
	if c.err != nil {
		return
	}
	switch tag {
	case tagNull, tagEmptySegmentFile:
		d.located(streamLoc{})
	case tagByteStream:
		c.utf() // handle name: a would-be path or the OperatorID, never a file
		n := c.length("inline state length", 1, 0)
		start := c.off
		c.skip(int64(n))
		d.addBytes(int64(n))
		d.located(streamLoc{inline: true, off: start, size: int64(n)})
	case tagFileStream:
		size := d.stateSize()
		d.addBytes(size)
		p := d.path(false)
		d.addFile(p)
		d.located(streamLoc{path: p, size: size})
	case tagKeyGroups:
		c.push("key-groups handle")
		d.keyGroups(depth)
		c.pop()
	case tagRelativeStream:
		rel := d.path(true)
		d.addBytes(d.stateSize())
		d.located(streamLoc{path: rel, relative: true, size: -1})
		if d.dir != "" {
			rel = savepointfs.Join(d.dir, rel)
		}
		d.addFile(rel)
	case tagSegmentFile:
		c.i64() // start position in the physical file
		d.addBytes(c.i64())
		if scope := c.i32(); c.err == nil && scope != 0 && scope != 1 {
			c.off -= 4
			c.fail(ErrFormat, "segment file scope must be 0 or 1, found", scope)
		}
		d.addFile(c.utf())
		c.utf() // logical file id
		d.located(streamLoc{unsupported: "a segment of a merged file (file merging, handle tag 15)"})
	default:
		c.off--
		c.fail(ErrFormat, "unknown stream state handle tag", tag)
	}
}

// stateSize reads the size of a file state handle: FileStateHandle refuses
// one below -1 (unknown), so Flink cannot load the file.
func (d *decoder) stateSize() int64 {
	c := d.c
	n := c.i64()
	if c.err == nil && n < -1 {
		c.off -= 8
		c.fail(ErrFormat, "negative state size", n)
	}
	return n
}

// incrementalCheckpointID reads the checkpoint an incremental handle
// belongs to; Flink's loader refuses a negative one.
func (d *decoder) incrementalCheckpointID() {
	c := d.c
	if id := c.i64(); c.err == nil && id < 0 {
		c.off -= 8
		c.fail(ErrFormat, "negative checkpoint id", id)
	}
}

// firstKeyGroup reads the start of a key-group range: KeyGroupRange
// refuses a negative one, so Flink cannot load the file.
func (d *decoder) firstKeyGroup() {
	c := d.c
	if kg := c.i32(); c.err == nil && kg < 0 {
		c.off -= 4
		c.fail(ErrFormat, "negative first key group", kg)
	}
}

// path reads a state file path as Flink's Path parses it: a scheme before
// the first ':' must be a URI scheme, and a relative path (Flink writes a
// file name under the savepoint directory) has no scheme at all, or
// Flink's loader fails with a URISyntaxException.
func (d *decoder) path(relative bool) string {
	c := d.c
	start := c.off
	p := c.utf()
	colon := strings.IndexByte(p, ':')
	if c.err != nil || colon < 0 || colon > strings.IndexByte(p+"/", '/') {
		return p
	}
	if relative || !validScheme(p[:colon]) {
		c.off = start
		c.fail(ErrFormat, "state file path with an invalid URI scheme:", quote(p))
	}
	return p
}

// validScheme follows RFC 3986: a letter, then letters, digits, + - and '.'.
func validScheme(s string) bool {
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// keyGroups reads the body of a key-groups handle: range, offsets and the
// stream holding them.
func (d *decoder) keyGroups(depth int) {
	c := d.c
	if depth >= c.limits.MaxDepth {
		c.fail(ErrLimit, "state handles nested deeper than", c.limits.MaxDepth)
		return
	}
	d.firstKeyGroup()
	n := c.length("key-group count", minOffset, c.limits.MaxHandles)
	if d.collect == nil {
		c.skip(int64(n) * minOffset)
	} else {
		d.collect.expect(streamKeyGroups, d.firstOffset(n), nil)
	}
	d.streamHandle(depth + 1)
}

// keyedHandle reads a KeyedStateHandle and returns whether it is non-null.
func (d *decoder) keyedHandle(depth int) bool {
	c := d.c
	if depth >= c.limits.MaxDepth {
		c.fail(ErrLimit, "keyed state handles nested deeper than", c.limits.MaxDepth)
		return false
	}
	tag := c.u8()
	if c.err != nil {
		return false
	}
	if tag != tagNull && depth == 0 {
		d.op.keyed[keyedName(tag)] = true
	}
	switch tag {
	case tagNull:
		return false
	case tagKeyGroups, tagSavepointKeyGroups, tagKeyGroupsV2:
		c.push("%s handle", keyedName(tag))
		d.keyGroups(depth)
		if tag == tagKeyGroupsV2 {
			c.utf() // state handle id
		}
		c.pop()
	case tagIncremental, tagIncrementalV2:
		c.push("incremental handle")
		d.incrementalCheckpointID()
		c.utf() // backend id
		d.firstKeyGroup()
		c.i32() // key-group count
		if tag == tagIncrementalV2 {
			c.i64() // checkpointed size
		}
		if d.collect != nil {
			d.collect.expect(streamRocksMeta, -1, nil)
		}
		d.streamHandle(depth + 1) // meta state
		d.namedHandles("shared state", depth)
		d.namedHandles("private state", depth)
		if tag == tagIncrementalV2 {
			c.utf() // state handle id
		}
		c.pop()
	case tagChangelog, tagChangelogV2:
		d.changelogHandle(tag, depth)
	case tagChangelogBytes:
		c.push("changelog byte increment handle")
		c.i32()
		c.i32()
		c.i64() // from sequence number
		c.i64() // to sequence number
		n := c.length("change count", minByteEntry, c.limits.MaxHandles)
		for i := 0; i < n && c.err == nil; i++ {
			c.i32() // key group
			size := c.length("change length", 1, 0)
			c.skip(int64(size))
			d.addBytes(int64(size))
		}
		c.utf() // state handle id
		c.pop()
	case tagChangelogFile, tagChangelogFileV2:
		c.push("changelog file increment handle")
		c.i32()
		c.i32()
		n := c.length("change count", minOffsetEntry, c.limits.MaxHandles)
		for i := 0; i < n && c.err == nil; i++ {
			c.i64() // offset
			d.streamHandle(depth + 1)
		}
		c.i64() // size
		c.i64() // checkpointed size
		c.utf() // state handle id
		if tag == tagChangelogFileV2 {
			c.utf() // storage identifier
		}
		c.pop()
	default:
		c.off--
		c.fail(ErrFormat, "unknown keyed state handle tag", tag)
		return false
	}
	return true
}

// changelogHandle reads a ChangelogStateBackendHandle: the materialized
// keyed handles and the increments logged since.
func (d *decoder) changelogHandle(tag byte, depth int) {
	c := d.c
	c.push("changelog handle")
	d.firstKeyGroup()
	c.i32() // key-group count
	c.i64() // checkpointed size
	for _, what := range []string{"materialized", "non-materialized"} {
		n := c.length(what+" handle count", 1, c.limits.MaxHandles)
		if d.collect != nil && what == "non-materialized" && n > 0 {
			d.collect.unread = append(d.collect.unread, fmt.Sprintf(
				"%d changelog increment(s) after the last materialization are not read: states registered since then are missing", n))
		}
		for i := 0; i < n && c.err == nil; i++ {
			d.keyedHandle(depth + 1)
		}
	}
	c.i64() // materialization id
	if tag == tagChangelogV2 {
		c.i64() // checkpoint id
		c.utf() // state handle id
	}
	c.pop()
}

// keyedName names a keyed handle type for reports.
func keyedName(tag byte) string {
	switch tag {
	case tagSavepointKeyGroups:
		return "savepoint-key-groups"
	case tagKeyGroupsV2:
		return "key-groups-v2"
	case tagIncremental, tagIncrementalV2:
		return "incremental"
	case tagChangelog, tagChangelogV2:
		return "changelog"
	case tagChangelogBytes, tagChangelogFile, tagChangelogFileV2:
		return "changelog-increment"
	}
	return "key-groups"
}

// namedHandles reads an incremental handle's shared or private list.
func (d *decoder) namedHandles(what string, depth int) {
	c := d.c
	n := c.length(what+" count", minNamedHandle, c.limits.MaxHandles)
	for i := 0; i < n && c.err == nil; i++ {
		c.utf() // local path (a StateHandleID before Flink 1.18)
		d.streamHandle(depth + 1)
	}
}

// operatorHandle reads an OperatorStateHandle and returns whether it is non-null.
func (d *decoder) operatorHandle() bool {
	c := d.c
	tag := c.u8()
	if c.err != nil {
		return false
	}
	switch tag {
	case tagNull:
		return false
	case tagPartitionableOperator, tagSegmentPartitionableOp:
	default:
		c.off--
		c.fail(ErrFormat, "unknown operator state handle tag", tag)
		return false
	}
	c.push("operator state handle")
	defer c.pop()
	n := c.length("state name count", minStateName, c.limits.MaxHandles)
	first := int64(-1) // smallest state offset, read only when collecting
	for i := 0; i < n && c.err == nil; i++ {
		name := c.utf()
		mode := c.u8()
		if c.err == nil && int(mode) >= len(stateModes) {
			c.off--
			c.fail(ErrFormat, "unknown distribution mode of state "+quote(name)+":", mode)
			return false
		}
		offsets := c.length("offset count", minOffset, c.limits.MaxHandles)
		if d.collect == nil {
			c.skip(int64(offsets) * minOffset)
		} else if off := d.firstOffset(offsets); off >= 0 && (first < 0 || off < first) {
			first = off
		}
		if c.err == nil {
			d.op.names[StateName{Name: name, Mode: stateModes[mode]}] = true
		}
	}
	if d.collect != nil {
		d.collect.expect(streamOperator, first, d.op.names)
	}
	if tag == tagSegmentPartitionableOp {
		c.utf()  // task-owned directory
		c.utf()  // shared directory
		c.bool() // is empty
	}
	d.streamHandle(0)
	return true
}

// trailer reads the Java-serialized CheckpointProperties that versions 4+
// append, checks that it is one complete serialized object ending at the
// end of the file, and classifies it by the class and enum names it contains.
func (d *decoder) trailer() *Properties {
	c := d.c
	c.push("checkpoint properties")
	defer c.pop()
	start := c.off
	head := make([]byte, 0, 1024)
	buf := bytes.NewBuffer(head)
	n, err := io.CopyN(buf, c.r, int64(c.limits.MaxTrailerBytes))
	c.off += n
	if err != nil && !errors.Is(err, io.EOF) {
		c.fail(ErrFormat, "read error:", err)
		return nil
	}
	if _, err := c.r.ReadByte(); err == nil {
		c.fail(ErrLimit, fmt.Sprintf("checkpoint properties longer than the limit of %d bytes", c.limits.MaxTrailerBytes), nil)
		return nil
	} else if !errors.Is(err, io.EOF) {
		c.fail(ErrFormat, "read error:", err)
		return nil
	}
	b := buf.Bytes()
	if err := validateJavaObject(b, start); err != nil {
		c.err = err
		return nil
	}
	p := &Properties{Type: "unknown", Bytes: n}
	switch {
	case bytes.Contains(b, []byte("SavepointType")):
		p.Type = "savepoint"
		if bytes.Contains(b, []byte("NATIVE")) {
			p.Format = "native"
		} else if bytes.Contains(b, []byte("CANONICAL")) {
			p.Format = "canonical"
		}
		if bytes.Contains(b, []byte("SUSPEND")) {
			p.PostAction = "suspend"
		} else if bytes.Contains(b, []byte("TERMINATE")) {
			p.PostAction = "terminate"
		}
	case bytes.Contains(b, []byte("CheckpointType")):
		p.Type = "checkpoint"
	}
	return p
}

// expectEOF checks that versions 2 and 3 end right after the last operator.
func (d *decoder) expectEOF() {
	c := d.c
	if _, err := c.r.ReadByte(); err == nil {
		c.fail(ErrFormat, "unexplained bytes after the last operator", nil)
	} else if !errors.Is(err, io.EOF) {
		c.fail(ErrFormat, "read error:", err)
	}
}

func (d *decoder) addBytes(n int64) {
	if n > 0 {
		d.op.bytes += n
	}
}

func (d *decoder) addFile(p string) {
	if p != "" && d.c.err == nil {
		d.op.files[p] = true
		d.op.fileHandles++
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func quote(s string) string { return "\"" + strings.ReplaceAll(s, "\"", "\\\"") + "\"" }
