// Package classfile reads the parts of JVM class files (JVMS §4) that the
// statefulness catalog generator needs: the class's name, superclass and
// interfaces, and for each method the methods it invokes and the classes it
// instantiates. It reads jars too. Nothing else of a class file is kept.
package classfile

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Access flags (JVMS table 4.1-B and 4.6-A).
const (
	AccPublic    = 0x0001
	AccStatic    = 0x0008
	AccInterface = 0x0200
	AccAbstract  = 0x0400
	AccSynthetic = 0x1000
)

// Class is one class file. Names are binary names in internal form
// (org/apache/flink/Foo$Bar).
type Class struct {
	Name       string
	Super      string // empty for java/lang/Object and module-info
	Interfaces []string
	Access     uint16
	Methods    []Method
}

// Method is one method with the references of its Code attribute.
type Method struct {
	Name   string
	Desc   string
	Access uint16
	// Calls are the invokevirtual, invokespecial, invokestatic and
	// invokeinterface instructions, in code order.
	Calls []Ref
	// News are the classes of the new instructions, in code order.
	News []string
}

// Ref is a method reference of an invoke instruction.
type Ref struct {
	Op    byte // the opcode: OpInvokeVirtual …
	Owner string
	Name  string
	Desc  string
}

// Invoke opcodes.
const (
	OpInvokeVirtual   = 0xb6
	OpInvokeSpecial   = 0xb7
	OpInvokeStatic    = 0xb8
	OpInvokeInterface = 0xb9
	opNew             = 0xbb
)

// Constant pool tags (JVMS table 4.4-B).
const (
	tagUtf8               = 1
	tagInteger            = 3
	tagFloat              = 4
	tagLong               = 5
	tagDouble             = 6
	tagClass              = 7
	tagString             = 8
	tagFieldref           = 9
	tagMethodref          = 10
	tagInterfaceMethodref = 11
	tagNameAndType        = 12
	tagMethodHandle       = 15
	tagMethodType         = 16
	tagDynamic            = 17
	tagInvokeDynamic      = 18
	tagModule             = 19
	tagPackage            = 20
)

// errTruncated is wrapped with the offset where the data ran out.
var errTruncated = errors.New("truncated")

type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) fail(err error) {
	if r.err == nil {
		r.err = fmt.Errorf("offset %d: %w", r.off, err)
	}
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || len(r.b)-r.off < n {
		r.fail(errTruncated)
		return nil
	}
	s := r.b[r.off : r.off+n]
	r.off += n
	return s
}

func (r *reader) u1() byte {
	s := r.take(1)
	if s == nil {
		return 0
	}
	return s[0]
}

func (r *reader) u2() uint16 {
	s := r.take(2)
	if s == nil {
		return 0
	}
	return binary.BigEndian.Uint16(s)
}

func (r *reader) u4() uint32 {
	s := r.take(4)
	if s == nil {
		return 0
	}
	return binary.BigEndian.Uint32(s)
}

type cpEntry struct {
	tag  byte
	a, b uint16 // indexes into the pool
	utf8 string
}

// pool is the constant pool; index 0 and the second slot of longs and
// doubles are zero entries.
type pool []cpEntry

func (p pool) utf8(i uint16) (string, error) {
	if int(i) >= len(p) || p[i].tag != tagUtf8 {
		return "", fmt.Errorf("constant %d is not a Utf8 entry", i)
	}
	return p[i].utf8, nil
}

func (p pool) class(i uint16) (string, error) {
	if int(i) >= len(p) || p[i].tag != tagClass {
		return "", fmt.Errorf("constant %d is not a Class entry", i)
	}
	return p.utf8(p[i].a)
}

func (p pool) methodRef(i uint16) (owner, name, desc string, err error) {
	if int(i) >= len(p) || (p[i].tag != tagMethodref && p[i].tag != tagInterfaceMethodref) {
		return "", "", "", fmt.Errorf("constant %d is not a method reference", i)
	}
	if owner, err = p.class(p[i].a); err != nil {
		return "", "", "", err
	}
	nt := p[i].b
	if int(nt) >= len(p) || p[nt].tag != tagNameAndType {
		return "", "", "", fmt.Errorf("constant %d is not a NameAndType entry", nt)
	}
	if name, err = p.utf8(p[nt].a); err != nil {
		return "", "", "", err
	}
	desc, err = p.utf8(p[nt].b)
	return owner, name, desc, err
}

// Parse reads one class file.
func Parse(data []byte) (*Class, error) {
	r := &reader{b: data}
	if r.u4() != 0xCAFEBABE {
		return nil, errors.New("offset 0: not a class file (no CAFEBABE magic)")
	}
	r.take(4) // minor and major version
	cp, err := readPool(r)
	if err != nil {
		return nil, err
	}
	c := &Class{Access: r.u2()}
	this, super := r.u2(), r.u2()
	if r.err != nil {
		return nil, r.err
	}
	if c.Name, err = cp.class(this); err != nil {
		return nil, fmt.Errorf("this_class: %w", err)
	}
	if super != 0 {
		if c.Super, err = cp.class(super); err != nil {
			return nil, fmt.Errorf("super_class: %w", err)
		}
	}
	for n := r.u2(); n > 0 && r.err == nil; n-- {
		i, err := cp.class(r.u2())
		if err != nil {
			return nil, fmt.Errorf("interfaces: %w", err)
		}
		c.Interfaces = append(c.Interfaces, i)
	}
	for n := r.u2(); n > 0 && r.err == nil; n-- { // fields
		r.take(6)
		skipAttributes(r)
	}
	for n := r.u2(); n > 0 && r.err == nil; n-- {
		m, err := readMethod(r, cp)
		if err != nil {
			return nil, err
		}
		c.Methods = append(c.Methods, m)
	}
	skipAttributes(r)
	if r.err != nil {
		return nil, r.err
	}
	return c, nil
}

func readPool(r *reader) (pool, error) {
	n := int(r.u2())
	cp := make(pool, n)
	for i := 1; i < n && r.err == nil; i++ {
		e := cpEntry{tag: r.u1()}
		switch e.tag {
		case tagUtf8:
			// Modified UTF-8 equals UTF-8 for the names this package reads.
			e.utf8 = string(r.take(int(r.u2())))
		case tagClass, tagString, tagMethodType, tagModule, tagPackage:
			e.a = r.u2()
		case tagInteger, tagFloat:
			r.take(4)
		case tagLong, tagDouble:
			r.take(8)
			i++ // takes two slots (JVMS §4.4.5)
		case tagFieldref, tagMethodref, tagInterfaceMethodref, tagNameAndType, tagDynamic, tagInvokeDynamic:
			e.a, e.b = r.u2(), r.u2()
		case tagMethodHandle:
			r.u1()
			e.a = r.u2()
		default:
			r.off--
			r.fail(fmt.Errorf("constant %d: unknown tag %d", i, e.tag))
		}
		if i < n {
			cp[i] = e
		}
	}
	return cp, r.err
}

func skipAttributes(r *reader) {
	for n := r.u2(); n > 0 && r.err == nil; n-- {
		r.u2()
		r.take(int(r.u4()))
	}
}

func readMethod(r *reader, cp pool) (Method, error) {
	m := Method{Access: r.u2()}
	name, desc := r.u2(), r.u2()
	if r.err != nil {
		return m, r.err
	}
	var err error
	if m.Name, err = cp.utf8(name); err != nil {
		return m, fmt.Errorf("method name: %w", err)
	}
	if m.Desc, err = cp.utf8(desc); err != nil {
		return m, fmt.Errorf("method %s descriptor: %w", m.Name, err)
	}
	for n := r.u2(); n > 0 && r.err == nil; n-- {
		attrName := r.u2()
		start := r.off + 4
		body := r.take(int(r.u4()))
		if r.err != nil {
			break
		}
		if an, _ := cp.utf8(attrName); an != "Code" {
			continue
		}
		if err := readCode(body, start, cp, &m); err != nil {
			return m, fmt.Errorf("method %s%s: %w", m.Name, m.Desc, err)
		}
	}
	return m, r.err
}

// readCode walks the instructions of a Code attribute (JVMS §4.7.3, §6.5).
// base is the attribute's offset in the class file, for errors.
func readCode(attr []byte, base int, cp pool, m *Method) error {
	if len(attr) < 8 {
		return fmt.Errorf("offset %d: Code attribute %w", base, errTruncated)
	}
	n := int(binary.BigEndian.Uint32(attr[4:8]))
	if n > len(attr)-8 {
		return fmt.Errorf("offset %d: code length %d %w", base+4, n, errTruncated)
	}
	code := attr[8 : 8+n]
	for pc := 0; pc < len(code); {
		op := code[pc]
		size, err := instructionSize(code, pc)
		if err != nil {
			return fmt.Errorf("offset %d: %w", base+8+pc, err)
		}
		switch op {
		case OpInvokeVirtual, OpInvokeSpecial, OpInvokeStatic, OpInvokeInterface:
			owner, name, desc, err := cp.methodRef(binary.BigEndian.Uint16(code[pc+1:]))
			if err != nil {
				return fmt.Errorf("offset %d: %w", base+8+pc, err)
			}
			m.Calls = append(m.Calls, Ref{Op: op, Owner: owner, Name: name, Desc: desc})
		case opNew:
			cls, err := cp.class(binary.BigEndian.Uint16(code[pc+1:]))
			if err != nil {
				return fmt.Errorf("offset %d: %w", base+8+pc, err)
			}
			m.News = append(m.News, cls)
		}
		pc += size
	}
	return nil
}

// fixedSizes is each opcode's instruction length, 0 for the variable-length
// ones and for opcodes that are not defined.
var fixedSizes = func() [256]int {
	var s [256]int
	for op := range 0xca {
		s[op] = 1
	}
	for _, op := range []int{0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3a, 0xa9, 0xbc} {
		s[op] = 2
	}
	for _, op := range []int{0x11, 0x13, 0x14, 0x84, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xbb, 0xbd, 0xc0, 0xc1, 0xc6, 0xc7} {
		s[op] = 3
	}
	for op := 0x99; op <= 0xa8; op++ {
		s[op] = 3
	}
	s[0xc5] = 4
	for _, op := range []int{0xb9, 0xba, 0xc8, 0xc9} {
		s[op] = 5
	}
	s[0xaa], s[0xab], s[0xc4] = 0, 0, 0
	return s
}()

func instructionSize(code []byte, pc int) (int, error) {
	op := code[pc]
	size := fixedSizes[op]
	switch op {
	case 0xaa, 0xab: // tableswitch, lookupswitch: padded to 4 bytes from the code start
		p := pc + 1 + (4-(pc+1)%4)%4
		if p+8 > len(code) {
			return 0, fmt.Errorf("switch %w", errTruncated)
		}
		var end int64
		if op == 0xab {
			pairs := s32(code[p+4:])
			if pairs < 0 {
				return 0, fmt.Errorf("lookupswitch with %d pairs", pairs)
			}
			end = int64(p) + 8 + pairs*8
		} else {
			if p+12 > len(code) {
				return 0, fmt.Errorf("switch %w", errTruncated)
			}
			low := s32(code[p+4:])
			high := s32(code[p+8:])
			if high < low {
				return 0, fmt.Errorf("tableswitch high %d below low %d", high, low)
			}
			end = int64(p) + 12 + (high-low+1)*4
		}
		if end > int64(len(code)) {
			return 0, fmt.Errorf("switch %w", errTruncated)
		}
		return int(end) - pc, nil
	case 0xc4: // wide
		size = 4
		if pc+1 < len(code) && code[pc+1] == 0x84 {
			size = 6
		}
	}
	if size == 0 {
		return 0, fmt.Errorf("unknown opcode 0x%02x", op)
	}
	if pc+size > len(code) {
		return 0, fmt.Errorf("instruction 0x%02x %w", op, errTruncated)
	}
	return size, nil
}

// s32 reads a switch's signed 32-bit operand (JVMS §6.5 tableswitch).
func s32(b []byte) int64 {
	return int64(int32(binary.BigEndian.Uint32(b))) //nolint:gosec // the operand is signed by definition
}
