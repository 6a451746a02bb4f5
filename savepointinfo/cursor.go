package savepointinfo

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// cursor reads big-endian values (java.io.DataInputStream encoding) from a
// stream, tracking the offset for errors. The first error sticks: later reads
// return zero values, so decoding code can check once per structure.
type cursor struct {
	r      *bufio.Reader
	off    int64
	size   int64 // total input size, or -1 when unknown
	err    error
	ctx    []string
	buf    [8]byte
	limits Limits
}

func newCursor(r io.Reader, size int64, limits Limits) *cursor {
	buf := 64 << 10
	if size >= 0 && size < int64(buf) {
		buf = int(size) + 1 // a small file needs no more; bufio rounds up to 16
	}
	return &cursor{r: bufio.NewReaderSize(r, buf), size: size, limits: limits}
}

// push enters a named structure for error messages; pop leaves it.
func (c *cursor) push(format string, args ...any) {
	c.ctx = append(c.ctx, fmt.Sprintf(format, args...))
}
func (c *cursor) pop() { c.ctx = c.ctx[:len(c.ctx)-1] }

// fail records a format error at the current offset.
func (c *cursor) fail(kind error, msg string, val any) {
	if c.err == nil {
		c.err = &FormatError{Off: c.off, Msg: msg, Val: val, Context: append([]string(nil), c.ctx...), kind: kind}
	}
}

// remaining is the number of unread bytes, or -1 when the size is unknown.
func (c *cursor) remaining() int64 {
	if c.size < 0 {
		return -1
	}
	return c.size - c.off
}

func (c *cursor) read(n int) []byte {
	if c.err != nil {
		return c.buf[:n]
	}
	b := c.buf[:n]
	m, err := io.ReadFull(c.r, b)
	c.off += int64(m)
	if err != nil {
		c.eof(err, n)
		clear(b)
	}
	return b
}

func (c *cursor) eof(err error, want int) {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		c.fail(ErrFormat, fmt.Sprintf("unexpected end of input reading %d bytes", want), nil)
		return
	}
	c.fail(ErrFormat, "read error:", err)
}

func (c *cursor) u8() byte { return c.read(1)[0] }

func (c *cursor) bool() bool { return c.u8() != 0 }

func (c *cursor) i32() int32 {
	return int32(binary.BigEndian.Uint32(c.read(4))) //nolint:gosec // Java int: the bits are the value
}

func (c *cursor) i64() int64 {
	return int64(binary.BigEndian.Uint64(c.read(8))) //nolint:gosec // Java long: the bits are the value
}

func (c *cursor) id() [16]byte {
	var id [16]byte
	copy(id[:], c.read(8))
	copy(id[8:], c.read(8))
	return id
}

// bytes reads n bytes into a new slice. Callers check n against the bytes
// remaining first (length does).
func (c *cursor) bytes(n int) []byte {
	b := make([]byte, n)
	if c.err != nil {
		return b
	}
	m, err := io.ReadFull(c.r, b)
	c.off += int64(m)
	if err != nil {
		c.eof(err, n)
	}
	return b
}

// skip discards n bytes without storing them: inline state can be large.
func (c *cursor) skip(n int64) {
	if c.err != nil {
		return
	}
	m, err := io.CopyN(io.Discard, c.r, n)
	c.off += m
	if err != nil {
		c.eof(err, int(min(n, 1<<30)))
	}
}

// length reads an int length or count of elements at least minSize bytes
// each, and checks it is non-negative, within max, and fits in the bytes
// remaining. It returns -1 after an error.
func (c *cursor) length(what string, minSize int64, maxCount int) int {
	start := c.off
	n := c.i32()
	if c.err != nil {
		return -1
	}
	return c.checkCount(start, what, int64(n), minSize, maxCount)
}

func (c *cursor) checkCount(start int64, what string, n, minSize int64, maxCount int) int {
	switch {
	case n < 0:
		c.off = start
		c.fail(ErrFormat, what+" is negative:", n)
		return -1
	case maxCount > 0 && n > int64(maxCount):
		c.off = start
		c.fail(ErrLimit, fmt.Sprintf("%s %d exceeds the limit of %d", what, n, maxCount), nil)
		return -1
	}
	// n ≤ 2^31 and minSize ≤ 2^16, so the product cannot overflow.
	if rem := c.remaining(); rem >= 0 && n*minSize > rem {
		c.off = start
		c.fail(ErrFormat, fmt.Sprintf("%s %d exceeds remaining %d bytes", what, n, rem), nil)
		return -1
	}
	return int(n)
}

// utf reads a java.io.DataOutput.writeUTF string: an unsigned 16-bit byte
// length, then modified UTF-8 (NUL as C0 80, supplementary characters as
// surrogate pairs of three bytes each).
func (c *cursor) utf() string {
	b := c.read(2)
	n := int(binary.BigEndian.Uint16(b))
	if c.err != nil {
		return ""
	}
	if rem := c.remaining(); rem >= 0 && int64(n) > rem {
		c.fail(ErrFormat, fmt.Sprintf("string length %d exceeds remaining %d bytes", n, rem), nil)
		return ""
	}
	raw := make([]byte, n) // at most 65535 bytes
	m, err := io.ReadFull(c.r, raw)
	c.off += int64(m)
	if err != nil {
		c.eof(err, n)
		return ""
	}
	if bad := invalidModifiedUTF8(raw); bad >= 0 {
		// Flink's DataInputStream.readUTF throws UTFDataFormatException here:
		// the file would not load.
		c.off -= int64(n - bad)
		c.fail(ErrFormat, "invalid modified UTF-8 in a string", nil)
		return ""
	}
	return decodeModifiedUTF8(raw)
}

// invalidModifiedUTF8 returns the index of the first byte that
// java.io.DataInputStream.readUTF refuses, or -1. It checks what Java
// checks (Java 8 to 21): the lead byte's form and continuation bytes, not
// overlong forms or surrogate pairs.
func invalidModifiedUTF8(b []byte) int {
	for i := 0; i < len(b); {
		switch x := b[i] >> 4; {
		case x <= 7:
			i++
		case x == 12 || x == 13:
			if i+1 >= len(b) || b[i+1]&0xC0 != 0x80 {
				return i
			}
			i += 2
		case x == 14:
			if i+2 >= len(b) || b[i+1]&0xC0 != 0x80 || b[i+2]&0xC0 != 0x80 {
				return i
			}
			i += 3
		default:
			return i
		}
	}
	return -1
}

// decodeModifiedUTF8 converts Java's modified UTF-8 to a Go string. Invalid
// sequences become U+FFFD rather than failing: names are for display.
func decodeModifiedUTF8(b []byte) string {
	if isASCII(b) {
		return string(b)
	}
	var units []uint16
	for i := 0; i < len(b); {
		x := b[i]
		switch {
		case x < 0x80:
			units = append(units, uint16(x))
			i++
		case x&0xE0 == 0xC0 && i+1 < len(b) && b[i+1]&0xC0 == 0x80:
			units = append(units, uint16(x&0x1F)<<6|uint16(b[i+1]&0x3F))
			i += 2
		case x&0xF0 == 0xE0 && i+2 < len(b) && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80:
			units = append(units, uint16(x&0x0F)<<12|uint16(b[i+1]&0x3F)<<6|uint16(b[i+2]&0x3F))
			i += 3
		default:
			units = append(units, utf8.RuneError)
			i++
		}
	}
	return string(utf16.Decode(units))
}

func isASCII(b []byte) bool {
	for _, x := range b {
		if x >= 0x80 {
			return false
		}
	}
	return true
}
