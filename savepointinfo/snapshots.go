package savepointinfo

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf16"
)

// Constants of the snapshot formats (docs/state-meta-format.md §5).
const (
	adapterVersion     = 0x7A53C4F0 // a legacy TypeSerializerConfigSnapshot
	compositeVersion   = 3          // CompositeTypeSerializerSnapshot.getCurrentVersion
	compositeMagic     = 911108
	nestedMagic        = 1333245
	optionalMapHeader  = 0x4F2C69A3D70 // LinkedOptionalMapSerializer
	maxSnapshotDepth   = 64
	simpleVersion      = 3 // SimpleTypeSerializerSnapshot, payload empty
	simpleVersionNamed = 2 // Flink 1.7: the payload is the serializer class
)

// snapshotReader reads one snapshot class's payload into ser, given the
// version written. It halts the proxy reader when the version is not one
// whose layout is known.
type snapshotReader func(p *proxyReader, ser *Serializer, version int32)

type snapshotClass struct {
	family string
	typ    string // for simple snapshots: the Java type they serialize
	read   snapshotReader
}

// topSnapshot reads a TSNAP: the wrapper version, then a VSNAP (§5.1).
func (p *proxyReader) topSnapshot() *Serializer {
	c := p.c
	v := c.i32()
	switch {
	case c.err != nil:
		return nil
	case v == legacySnapshotVersion:
		p.halt("a serializer configuration snapshot (written by Flink 1.6 or older) is not read")
		return &Serializer{Family: "unknown", Unparsed: p.stop}
	case v != snapshotProxyVersion:
		c.off -= 4
		c.fail(ErrFormat, "serializer snapshot wrapper version must be 1 or 2, found", v)
		return nil
	}
	return p.snapshot()
}

// snapshot reads a VSNAP: class name, version, payload.
func (p *proxyReader) snapshot() *Serializer {
	c := p.c
	if p.depth >= maxSnapshotDepth {
		c.fail(ErrLimit, "serializer snapshots nested deeper than", maxSnapshotDepth)
		return nil
	}
	p.depth++
	defer func() { p.depth-- }()
	ser := &Serializer{Snapshot: c.utf()}
	version := c.i32()
	if c.err != nil {
		return ser
	}
	if version == adapterVersion {
		ser.Family = "unknown"
		p.unparsed(ser, "a legacy TypeSerializerConfigSnapshot (written by Flink 1.16 or older; Flink 1.17+ cannot restore it)")
		return ser
	}
	k, ok := lookupSnapshotClass(ser.Snapshot)
	if !ok {
		ser.Family = "unknown"
		p.unparsed(ser, "snapshot class "+ser.Snapshot+" is not known to uidcheck")
		return ser
	}
	ser.Family, ser.Type = k.family, k.typ
	c.push("%s", shortClass(ser.Snapshot))
	k.read(p, ser, version)
	c.pop()
	return ser
}

// unparsed marks ser as not decoded and ends the stream: the payload has no
// length to skip it by.
func (p *proxyReader) unparsed(ser *Serializer, why string) {
	ser.Unparsed = why
	p.halt("%s", why)
}

func (p *proxyReader) badVersion(ser *Serializer, version int32) {
	p.unparsed(ser, fmt.Sprintf("version %d of %s is not known to uidcheck", version, shortClass(ser.Snapshot)))
}

func shortClass(name string) string { return name[strings.LastIndexByte(name, '.')+1:] }

// readSimple reads a SimpleTypeSerializerSnapshot (§5.3).
func readSimple(p *proxyReader, ser *Serializer, version int32) {
	switch version {
	case simpleVersion:
	case simpleVersionNamed:
		p.c.utf()
	default:
		p.badVersion(ser, version)
	}
}

// outerReader reads a composite snapshot's outer data for an outer version
// and reports whether that version's layout is known.
type outerReader func(p *proxyReader, ser *Serializer, outer int32) bool

// composite returns the reader of a CompositeTypeSerializerSnapshot whose
// outer data outer reads (§5.4).
func composite(outer outerReader) snapshotReader {
	return func(p *proxyReader, ser *Serializer, version int32) {
		c := p.c
		if version != compositeVersion {
			p.unparsed(ser, fmt.Sprintf("version %d of %s (written before Flink 1.8) is not read", version, shortClass(ser.Snapshot)))
			return
		}
		if m := c.i32(); c.err == nil && m != compositeMagic {
			c.off -= 4
			c.fail(ErrFormat, "composite serializer snapshot magic number", m)
			return
		}
		ov := c.i32()
		if c.err != nil {
			return
		}
		if !outer(p, ser, ov) {
			p.unparsed(ser, fmt.Sprintf("outer version %d of %s is not known to uidcheck", ov, shortClass(ser.Snapshot)))
			return
		}
		ser.Nested = p.nested()
	}
}

// nested reads NestedSerializersSnapshotDelegate's block.
func (p *proxyReader) nested() []*Serializer {
	c := p.c
	if m := c.i32(); c.err == nil && m != nestedMagic {
		c.off -= 4
		c.fail(ErrFormat, "nested serializer snapshots magic number", m)
		return nil
	}
	if v := c.i32(); c.err == nil && v != 1 {
		c.off -= 4
		c.fail(ErrFormat, "nested serializer snapshots version must be 1, found", v)
		return nil
	}
	n := c.length("nested serializer count", minSerializer-6, 0)
	var out []*Serializer
	for i := 0; i < n && p.ok(); i++ {
		out = append(out, p.snapshot())
	}
	return out
}

// Outer data readers, one per layout.
func noOuter(versions ...int32) outerReader {
	return func(_ *proxyReader, _ *Serializer, ov int32) bool { return slices.Contains(versions, ov) }
}

// classOuter reads a UTF class name as the type, for the versions given.
func classOuter(suffix string, versions ...int32) outerReader {
	known := noOuter(versions...)
	return func(p *proxyReader, ser *Serializer, ov int32) bool {
		if !known(p, ser, ov) {
			return false
		}
		ser.Type = p.c.utf() + suffix
		return true
	}
}

func rowOuter(p *proxyReader, _ *Serializer, ov int32) bool {
	switch {
	case ov == 4:
		p.c.bool() // supportsRowKind
	case ov >= 1 && ov <= 3:
	default:
		return false
	}
	return true
}

func nullableOuter(p *proxyReader, _ *Serializer, ov int32) bool {
	if ov != 2 {
		return false
	}
	p.c.i32() // null padding length
	return true
}

func traversableOuter(p *proxyReader, _ *Serializer, ov int32) bool {
	if ov != 2 {
		return false
	}
	p.c.utf() // CanBuildFrom code
	return true
}

// readPojo reads PojoSerializerSnapshot v2 (§5.5): the class, then its
// fields with their snapshots, then the subclass registrations.
func readPojo(p *proxyReader, ser *Serializer, version int32) {
	if version != 2 {
		p.badVersion(ser, version)
		return
	}
	c := p.c
	ser.Type = c.utf()
	c.push("fields")
	p.optionalMap(func(name string, _, value []byte, valueAt int64) {
		f := PojoField{Name: name}
		if value != nil {
			f.Serializer = p.framed(value, valueAt)
		} else {
			f.Serializer = &Serializer{Family: "unknown", Unparsed: "no serializer snapshot was written for the field"}
		}
		ser.Fields = append(ser.Fields, f)
	})
	c.pop()
	c.push("registered subclasses")
	p.optionalMap(nil)
	c.pop()
	c.push("non-registered subclasses")
	p.optionalMap(nil)
	c.pop()
}

// readKryo reads KryoSerializerSnapshot v2 (§5.5).
func readKryo(p *proxyReader, ser *Serializer, version int32) {
	if version != 2 {
		p.badVersion(ser, version)
		return
	}
	c := p.c
	ser.Type = c.utf()
	c.push("registrations")
	p.optionalMap(func(name string, _, _ []byte, _ int64) {
		ser.KryoRegistrations = append(ser.KryoRegistrations, name)
	})
	c.pop()
	c.push("default serializers")
	p.optionalMap(nil)
	c.pop()
	c.push("default serializer classes")
	p.optionalMap(nil)
	c.pop()
}

// optionalMap reads a LinkedOptionalMap; each entry's key and value are
// framed, so they can be read without knowing their classes. entry, when
// set, gets the key name, the frames (nil when absent) and the value
// frame's offset.
func (p *proxyReader) optionalMap(entry func(name string, key, value []byte, valueAt int64)) {
	c := p.c
	if h := c.i64(); c.err == nil && h != optionalMapHeader {
		c.off -= 8
		c.fail(ErrFormat, "linked optional map header", fmt.Sprintf("%#x", h))
		return
	}
	n := c.length("map size", 4, 0)
	for i := 0; i < n && p.ok(); i++ {
		name := c.utf()
		key := p.frame(entry != nil)
		valueAt := c.off + 5
		value := p.frame(entry != nil)
		if entry != nil && c.err == nil {
			entry(name, key, value, valueAt)
		}
	}
}

// frame reads an optional length-prefixed frame; it returns nil when the
// frame is absent or keep is false.
func (p *proxyReader) frame(keep bool) []byte {
	c := p.c
	present := c.u8()
	switch {
	case c.err != nil || present == 0:
		return nil
	case present != 1:
		c.off--
		c.fail(ErrFormat, "presence flag must be 0 or 1, found", present)
		return nil
	}
	n := c.length("frame length", 1, 0)
	if n < 0 {
		return nil
	}
	if !keep {
		c.skip(int64(n))
		return nil
	}
	return c.bytes(n)
}

// framed decodes a VSNAP held in a frame. The frame bounds it, so a snapshot
// that cannot be read ends only this one, not the stream.
func (p *proxyReader) framed(b []byte, at int64) *Serializer {
	sub := &proxyReader{c: newCursor(bytes.NewReader(b), int64(len(b)), p.c.limits), depth: p.depth, end: at + int64(len(b))}
	sub.c.off, sub.c.size = at, at+int64(len(b))
	sub.c.ctx = append([]string(nil), p.c.ctx...)
	ser := sub.snapshot()
	switch {
	case sub.c.err != nil:
		p.c.err = sub.c.err
	case sub.stop == "" && sub.c.off != sub.c.size:
		p.c.fail(ErrFormat, fmt.Sprintf("the snapshot in a frame of %d bytes takes %d", len(b), sub.c.off-at), nil)
	}
	return ser
}

// readEnum reads EnumSerializer's snapshot v3: class, constants.
func readEnum(p *proxyReader, ser *Serializer, version int32) {
	if version != 3 {
		p.badVersion(ser, version)
		return
	}
	c := p.c
	ser.Type = c.utf()
	n := c.length("enum constant count", 2, 0)
	for i := 0; i < n && c.err == nil; i++ {
		ser.EnumConstants = append(ser.EnumConstants, c.utf())
	}
}

// readScalaEnum reads ScalaEnumSerializerSnapshot v3: class, (name, id)s.
func readScalaEnum(p *proxyReader, ser *Serializer, version int32) {
	if version != 3 {
		p.badVersion(ser, version)
		return
	}
	c := p.c
	ser.Type = c.utf()
	n := c.length("enum constant count", 6, 0)
	for i := 0; i < n && c.err == nil; i++ {
		ser.EnumConstants = append(ser.EnumConstants, c.utf())
		c.i32()
	}
}

// readGeneric reads a GenericTypeSerializerSnapshot v2: the type class.
func readGeneric(p *proxyReader, ser *Serializer, version int32) {
	if version != 2 {
		p.badVersion(ser, version)
		return
	}
	ser.Type = p.c.utf()
}

// readAvro reads AvroSerializerSnapshot: v1 the schema, v2 the schema and
// the runtime class, v3 both as Flink strings (§5.5).
func readAvro(p *proxyReader, ser *Serializer, version int32) {
	c := p.c
	switch version {
	case 1:
		ser.AvroSchema = c.utf()
	case 2:
		a, b := c.utf(), c.utf()
		ser.AvroSchema, ser.Type = a, b
		if isJSONStart(b) && !isJSONStart(a) {
			ser.AvroSchema, ser.Type = b, a
		}
	case 3:
		ser.Type = p.flinkString()
		ser.AvroSchema = p.flinkString()
	default:
		p.badVersion(ser, version)
	}
}

func isJSONStart(s string) bool { return strings.HasPrefix(s, "{") || strings.HasPrefix(s, "\"") }

// flinkString reads StringValue.writeString: a varint length+1 (0 is null),
// then each UTF-16 unit as a varint.
func (p *proxyReader) flinkString() string {
	c := p.c
	start := c.off
	n := p.varint()
	if c.err != nil || n == 0 {
		return ""
	}
	n--
	if rem := c.remaining(); rem >= 0 && int64(n) > rem {
		c.off = start
		c.fail(ErrFormat, fmt.Sprintf("string length %d exceeds remaining %d bytes", n, rem), nil)
		return ""
	}
	units := make([]uint16, 0, n)
	for i := 0; i < n && c.err == nil; i++ {
		units = append(units, uint16(p.varint())) //nolint:gosec // a UTF-16 unit: the low bits are the value
	}
	return string(utf16.Decode(units))
}

// varint reads a little-endian base-128 varint of at most 32 bits.
func (p *proxyReader) varint() int {
	c := p.c
	v := 0
	for shift := 0; shift < 35; shift += 7 {
		b := c.u8()
		if c.err != nil {
			return 0
		}
		v |= int(b&0x7F) << shift
		if b < 0x80 {
			if v > 1<<31-1 {
				break
			}
			return v
		}
	}
	c.fail(ErrFormat, "malformed variable-length integer", nil)
	return 0
}

// readInts reads table runtime snapshots whose payload, in the version
// given, is n ints (precision, scale).
func readInts(want int32, n int) snapshotReader {
	return func(p *proxyReader, ser *Serializer, version int32) {
		if version != want {
			p.badVersion(ser, version)
			return
		}
		for range n {
			p.c.i32()
		}
	}
}

// maxJavaObject bounds a Java-serialized object inside a description.
const maxJavaObject = 16 << 20

// javaObject skips a Java-serialized object (a table type, §5.4). It has no
// length: the serialization grammar is walked to find its end, over the
// bytes up to the end of the description.
func (p *proxyReader) javaObject() {
	c := p.c
	if c.err != nil {
		return
	}
	start := c.off
	n := min(p.end-start, maxJavaObject)
	if n < 4 {
		c.fail(ErrFormat, "a Java-serialized object does not fit in the description", nil)
		return
	}
	rest := c.bytes(int(n))
	if c.err != nil {
		return
	}
	s := &javaStream{b: rest, base: start, open: true, ctx: append([]string(nil), c.ctx...)}
	if string(rest[:4]) != javaStreamHead {
		c.off = start
		c.fail(ErrFormat, "expected a Java-serialized object (ac ed 00 05)", nil)
		return
	}
	s.pos = 4
	s.content()
	if s.err != nil {
		c.err = s.err
		return
	}
	// Hand back what follows the object.
	c.r = bufio.NewReaderSize(io.MultiReader(bytes.NewReader(rest[s.pos:]), c.r), descBuffer)
	c.off = start + int64(s.pos)
}

// readRowData reads the table runtime's RowDataSerializerSnapshot v3: the
// field types as Java objects, then the nested block.
func readRowData(p *proxyReader, ser *Serializer, version int32) {
	if version != 3 {
		p.badVersion(ser, version)
		return
	}
	n := p.c.length("row field count", 4, 0)
	for i := 0; i < n && p.ok(); i++ {
		p.javaObject()
	}
	if p.ok() {
		ser.Nested = p.nested()
	}
}

// externalOuter reads ExternalSerializerSnapshot's outer data: the data
// type as a Java object, then whether the input is internal.
func externalOuter(p *proxyReader, _ *Serializer, ov int32) bool {
	if ov != 1 {
		return false
	}
	p.javaObject()
	p.c.bool()
	return true
}

// readNestedOnly reads a pre-1.8 snapshot whose payload is only the nested
// block (EitherSerializerSnapshot v2, Flink 1.7).
func readNestedOnly(versions ...int32) snapshotReader {
	return func(p *proxyReader, ser *Serializer, version int32) {
		if !slices.Contains(versions, version) {
			p.badVersion(ser, version)
			return
		}
		ser.Nested = p.nested()
	}
}

// readJavaObjects reads a snapshot whose payload, in the version given, is
// n Java-serialized objects (the table runtime's MapData and ArrayData
// snapshots: the types and serializers).
func readJavaObjects(want int32, n int) snapshotReader {
	return func(p *proxyReader, ser *Serializer, version int32) {
		if version != want {
			p.badVersion(ser, version)
			return
		}
		for i := 0; i < n && p.ok(); i++ {
			p.javaObject()
		}
	}
}

// readJavaThenNested reads a snapshot whose payload, in the version given,
// is one Java-serialized object and then the nested block (the table
// runtime's SortedMap snapshot: the comparator, then key and value).
func readJavaThenNested(want int32) snapshotReader {
	return func(p *proxyReader, ser *Serializer, version int32) {
		if version != want {
			p.badVersion(ser, version)
			return
		}
		p.javaObject()
		if p.ok() {
			ser.Nested = p.nested()
		}
	}
}

func linkedListOuter(p *proxyReader, _ *Serializer, ov int32) bool {
	switch ov {
	case 3:
		p.c.bool() // hasNullMask
	case 1, 2:
	default:
		return false
	}
	return true
}

func nfaOuter(p *proxyReader, _ *Serializer, ov int32) bool {
	if ov != 2 {
		return false
	}
	p.c.bool()
	return true
}
