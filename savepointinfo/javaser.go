package savepointinfo

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// The V4+ trailer is one Java-serialized object (MetadataV4Serializer calls
// ObjectOutputStream.writeObject once). Its bytes are classified by name,
// but they are also walked through the grammar of the Java Object
// Serialization Stream Protocol (java.io.ObjectStreamConstants, checked
// against Java 8 to 21), so that a file cut inside the trailer is refused
// instead of passing as a savepoint of type "unknown".

// Type codes of the serialization stream grammar.
const (
	tcNull           = 0x70
	tcReference      = 0x71
	tcClassDesc      = 0x72
	tcObject         = 0x73
	tcString         = 0x74
	tcArray          = 0x75
	tcClass          = 0x76
	tcBlockData      = 0x77
	tcEndBlockData   = 0x78
	tcReset          = 0x79
	tcBlockDataLong  = 0x7a
	tcLongString     = 0x7c
	tcProxyClassDesc = 0x7d
	tcEnum           = 0x7e
	baseWireHandle   = 0x7e0000
)

// Class descriptor flags.
const (
	scWriteMethod  = 0x01
	scSerializable = 0x02
	scExternal     = 0x04
	scBlockData    = 0x08
	scEnum         = 0x10
)

// maxJavaDepth bounds object nesting in the trailer; CheckpointProperties
// nests three deep, and the bound keeps recursion finite on hostile input.
const maxJavaDepth = 32

// javaClass is a class descriptor read from the stream.
type javaClass struct {
	name   string
	flags  byte
	fields []javaField
	super  *javaClass
}

type javaField struct {
	code byte // primitive type code, or 'L' / '['
}

// javaHandle is an object a back-reference can name: a class descriptor or
// a string (field type names are often references to earlier strings).
type javaHandle struct {
	cls   *javaClass
	str   string
	isStr bool
}

func (c *javaClass) nameOrNull() string {
	if c == nil {
		return "a null class"
	}
	return c.name
}

// javaStream walks a serialization stream held in memory; base is its
// offset in the file, for errors.
type javaStream struct {
	b       []byte
	pos     int
	base    int64
	handles []javaHandle
	err     *FormatError
	depth   int
	// open accepts any class: a Java-serialized object inside a serializer
	// snapshot is walked only to find where it ends.
	open bool
	ctx  []string
}

func (s *javaStream) fail(msg string, val any) {
	if s.err == nil {
		ctx := s.ctx
		if ctx == nil {
			ctx = []string{"checkpoint properties"}
		}
		s.err = &FormatError{Off: s.base + int64(s.pos), Msg: msg, Val: val, Context: ctx}
	}
}

func (s *javaStream) take(n int, what string) []byte {
	if s.err != nil {
		return nil
	}
	if n < 0 || len(s.b)-s.pos < n {
		s.fail(fmt.Sprintf("unexpected end of input reading %s (%d bytes, %d left): the object is truncated", what, n, len(s.b)-s.pos), nil)
		return nil
	}
	out := s.b[s.pos : s.pos+n]
	s.pos += n
	return out
}

func (s *javaStream) u8(what string) byte {
	if b := s.take(1, what); b != nil {
		return b[0]
	}
	return 0
}

func (s *javaStream) u16(what string) int {
	if b := s.take(2, what); b != nil {
		return int(binary.BigEndian.Uint16(b))
	}
	return 0
}

func (s *javaStream) i32(what string) int {
	if b := s.take(4, what); b != nil {
		return int(int32(binary.BigEndian.Uint32(b))) //nolint:gosec // Java int: the bits are the value
	}
	return 0
}

// utf reads a modified UTF-8 string, refusing what Java's readUTF refuses.
func (s *javaStream) utf(what string) string {
	b := s.take(s.u16(what+" length"), what)
	if bad := invalidModifiedUTF8(b); bad >= 0 && s.err == nil {
		s.pos -= len(b) - bad
		s.fail("invalid modified UTF-8 in "+what, nil)
	}
	return string(b)
}

// validateJavaObject checks that b is exactly one serialized object.
func validateJavaObject(b []byte, base int64) error {
	s := &javaStream{b: b, base: base}
	if h := s.take(4, "stream header"); h != nil && string(h) != javaStreamHead {
		s.pos -= 4
		s.fail("expected the Java-serialized CheckpointProperties (ac ed 00 05) after the last operator", nil)
	}
	s.content()
	if s.err == nil && s.pos != len(b) {
		s.fail(fmt.Sprintf("%d unexplained bytes after the serialized checkpoint properties", len(b)-s.pos), nil)
	}
	if s.err != nil {
		return s.err
	}
	return nil
}

func (s *javaStream) newHandle(c *javaClass) { s.handles = append(s.handles, javaHandle{cls: c}) }

// reference reads a back-reference and returns the object it names.
func (s *javaStream) reference() javaHandle {
	h := s.i32("reference handle") - baseWireHandle
	if s.err == nil && (h < 0 || h >= len(s.handles)) {
		s.pos -= 4
		s.fail("reference to an undefined handle", h+baseWireHandle)
		return javaHandle{}
	}
	if s.err != nil {
		return javaHandle{}
	}
	return s.handles[h]
}

// stringObject reads a string, new or referenced, where the grammar wants
// one: a field's type name or an enum constant.
func (s *javaStream) stringObject(what string) string {
	switch tc := s.u8(what); {
	case s.err != nil:
		return ""
	case tc == tcString:
		v := s.utf(what)
		s.handles = append(s.handles, javaHandle{str: v, isStr: true})
		return v
	case tc == tcReference:
		h := s.reference()
		if s.err == nil && !h.isStr {
			s.pos -= 5
			s.fail("reference to a non-string where "+what+" was expected", nil)
		}
		return h.str
	default:
		s.pos--
		s.fail("expected a string for "+what+", found type code", fmt.Sprintf("%#02x", tc))
		return ""
	}
}

// content reads one object (or block of data) of the stream grammar.
func (s *javaStream) content() {
	if s.depth++; s.depth > maxJavaDepth {
		s.fail("objects nested deeper than", maxJavaDepth)
	}
	defer func() { s.depth-- }()
	tc := s.u8("type code")
	if s.err != nil {
		return
	}
	switch tc {
	case tcNull:
	case tcReference:
		s.reference()
	case tcString:
		s.handles = append(s.handles, javaHandle{str: s.utf("string"), isStr: true})
	case tcLongString:
		s.newHandle(nil)
		n := s.take(8, "long string length")
		if n != nil {
			l := binary.BigEndian.Uint64(n)
			if l > uint64(len(s.b)-s.pos) { //nolint:gosec // pos never passes len(b): the difference is not negative
				s.fail("long string length exceeds the input", l)
				return
			}
			s.take(int(l), "long string") //nolint:gosec // bounded by the trailer length just above
		}
	case tcClassDesc, tcProxyClassDesc:
		s.pos--
		s.classDesc()
	case tcClass:
		s.classDesc()
		s.newHandle(nil)
	case tcEnum:
		c := s.classDesc()
		s.newHandle(nil)
		start := s.pos
		name := s.stringObject("enum constant")
		if s.err == nil && !s.open && (c == nil || !knownEnumConstant(c.name, name)) {
			s.pos = start
			s.fail(fmt.Sprintf("enum constant %q of %s is not one Flink writes", name, c.nameOrNull()), nil)
		}
	case tcObject:
		c := s.classDesc()
		if s.err == nil && c != nil && c.flags&scEnum != 0 {
			s.fail("an object of enum class "+c.name+" outside an enum entry", nil)
		}
		s.newHandle(nil)
		s.classData(c)
	case tcArray:
		s.array()
	case tcBlockData:
		s.take(int(s.u8("block length")), "block data")
	case tcBlockDataLong:
		s.take(s.i32("block length"), "block data")
	default:
		s.pos--
		s.fail("unexpected serialization type code", fmt.Sprintf("%#02x", tc))
	}
}

// classDesc reads a class descriptor, new, referenced or null.
func (s *javaStream) classDesc() *javaClass {
	switch tc := s.u8("class descriptor"); {
	case s.err != nil:
		return nil
	case tc == tcNull:
		return nil
	case tc == tcReference:
		h := s.reference()
		if h.cls == nil && s.err == nil {
			s.fail("reference to a non-class handle where a class descriptor was expected", nil)
		}
		return h.cls
	case tc == tcClassDesc:
		start := s.pos - 1
		c := &javaClass{name: s.utf("class name")}
		var key strings.Builder
		fmt.Fprintf(&key, "%s %x", c.name, s.take(8, "serialVersionUID"))
		s.newHandle(c)
		c.flags = s.u8("class flags")
		fmt.Fprintf(&key, " %02x", c.flags)
		n := s.u16("field count")
		for i := 0; i < n && s.err == nil; i++ {
			f := javaField{code: s.u8("field type")}
			fmt.Fprintf(&key, " %c%s", f.code, s.utf("field name"))
			switch f.code {
			case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z':
			case 'L', '[':
				key.WriteString(":" + s.stringObject("field type name"))
			default:
				s.pos--
				s.fail("unknown field type code", fmt.Sprintf("%#02x", f.code))
			}
			c.fields = append(c.fields, f)
		}
		if s.err == nil && !s.open && !knownClasses[key.String()] {
			s.pos = start
			s.fail("class descriptor not one Flink writes (a damaged file, or a Flink version this reader does not know):", key.String())
			return nil
		}
		s.annotation()
		c.super = s.classDesc()
		return c
	case tc == tcProxyClassDesc:
		c := &javaClass{flags: scSerializable}
		s.newHandle(c)
		n := s.i32("proxy interface count")
		if n < 0 || n > len(s.b)-s.pos {
			s.fail("invalid proxy interface count", n)
			return nil
		}
		for i := 0; i < n && s.err == nil; i++ {
			s.utf("proxy interface name")
		}
		s.annotation()
		c.super = s.classDesc()
		return c
	default:
		s.pos--
		s.fail("expected a class descriptor, found type code", fmt.Sprintf("%#02x", tc))
		return nil
	}
}

// annotation reads contents up to an end-of-block marker.
func (s *javaStream) annotation() {
	for s.err == nil {
		if s.pos < len(s.b) && s.b[s.pos] == tcEndBlockData {
			s.pos++
			return
		}
		if s.pos < len(s.b) && s.b[s.pos] == tcReset {
			s.pos++
			continue
		}
		s.content()
	}
}

// classData reads an object's fields, superclass first.
func (s *javaStream) classData(c *javaClass) {
	var chain []*javaClass
	for k := c; k != nil && len(chain) <= maxJavaDepth; k = k.super {
		chain = append(chain, k)
	}
	for i := len(chain) - 1; i >= 0 && s.err == nil; i-- {
		k := chain[i]
		switch {
		case k.flags&scExternal != 0 && k.flags&scBlockData == 0:
			s.fail("externalizable class without block data cannot be checked", k.name)
		case k.flags&scExternal != 0:
			s.annotation()
		default:
			for _, f := range k.fields {
				s.value(f.code)
			}
			if k.flags&scWriteMethod != 0 {
				s.annotation()
			}
		}
	}
}

// value reads one field or array element of the given type code.
func (s *javaStream) value(code byte) {
	switch code {
	case 'B', 'Z':
		s.take(1, "field value")
	case 'C', 'S':
		s.take(2, "field value")
	case 'F', 'I':
		s.take(4, "field value")
	case 'D', 'J':
		s.take(8, "field value")
	default:
		s.content()
	}
}

// array reads an array: its class names the element type ("[I", "[L…;").
func (s *javaStream) array() {
	c := s.classDesc()
	s.newHandle(nil)
	n := s.i32("array length")
	if s.err != nil {
		return
	}
	if c == nil || len(c.name) < 2 || c.name[0] != '[' {
		s.fail("array without an array class descriptor", nil)
		return
	}
	if n < 0 || n > len(s.b)-s.pos {
		s.pos -= 4
		s.fail("array length exceeds the input", n)
		return
	}
	for i := 0; i < n && s.err == nil; i++ {
		s.value(c.name[1])
	}
}
