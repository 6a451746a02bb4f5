package savepointinfo

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkDecodeLargestFixture decodes the largest real _metadata file.
func BenchmarkDecodeLargestFixture(b *testing.B) {
	dirs, err := os.ReadDir(fixtureDir)
	if err != nil {
		b.Skipf("fixtures not available: %v", err)
	}
	var largest []byte
	for _, d := range dirs {
		if data, err := os.ReadFile(filepath.Join(fixtureDir, d.Name(), MetadataFileName)); err == nil && len(data) > len(largest) {
			largest = data
		}
	}
	b.SetBytes(int64(len(largest)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(bytes.NewReader(largest), WithSize(int64(len(largest)))); err != nil {
			b.Fatal(err)
		}
	}
}

// syntheticMetadata streams a version-3 file of about size bytes: one
// operator whose subtasks each hold an inline 64 KiB byte-stream handle, as
// the jobmanager state backend writes. It is generated on the fly, so that
// the benchmark measures the decoder's memory, not the input's.
func syntheticMetadata(size int64) (io.Reader, int64) {
	const payload = 64 << 10
	perSubtask := int64(4 + 4 + 4 + 1 + 1 + 2 + 4 + payload + 1 + 4 + 4) // index, flags, tags, name, length, data
	n := size / perSubtask
	var head bytes.Buffer
	w := func(v any) { _ = binary.Write(&head, binary.BigEndian, v) }
	w(uint32(headerMagic))
	w(int32(3))
	w(int64(1)) // checkpoint id
	w(int32(0)) // master states
	w(int32(1)) // operators
	head.Write(make([]byte, 16))
	w(int32(n))     // parallelism
	w(int32(32768)) // max parallelism
	head.WriteByte(tagNull)
	w(int32(n)) // subtasks
	var sub bytes.Buffer
	ws := func(v any) { _ = binary.Write(&sub, binary.BigEndian, v) }
	ws(int32(1)) // managed operator state present
	sub.WriteByte(tagPartitionableOperator)
	ws(int32(0)) // no state names
	sub.WriteByte(tagByteStream)
	ws(uint16(0)) // empty handle name
	ws(int32(payload))
	sub.Write(make([]byte, payload))
	ws(int32(0)) // raw operator state absent
	sub.WriteByte(tagNull)
	sub.WriteByte(tagNull)
	ws(int32(0)) // input channels
	ws(int32(0)) // output channels
	body := sub.Bytes()
	readers := []io.Reader{bytes.NewReader(head.Bytes())}
	for i := range n {
		var idx [4]byte
		binary.BigEndian.PutUint32(idx[:], uint32(i))
		readers = append(readers, bytes.NewReader(idx[:]), bytes.NewReader(body))
	}
	total := int64(head.Len()) + n*int64(4+len(body))
	return io.MultiReader(readers...), total
}

// BenchmarkDecode100MB decodes a generated 100 MB file. Memory must not
// grow with the file: allocations per op stay near the fixed buffers.
func BenchmarkDecode100MB(b *testing.B) {
	_, total := syntheticMetadata(100 << 20)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		r, size := syntheticMetadata(100 << 20)
		m, err := Decode(r, WithSize(size))
		if err != nil {
			b.Fatal(err)
		}
		if !m.Operators[0].HasState {
			b.Fatal("operator without state")
		}
	}
}

func TestSyntheticMetadataDecodes(t *testing.T) {
	t.Parallel()
	r, size := syntheticMetadata(1 << 20)
	m, err := Decode(r, WithSize(size))
	if err != nil {
		t.Fatal(err)
	}
	op := m.Operators[0]
	if m.Size != size || op.Subtasks != op.Parallelism || op.StateBytes != int64(op.Subtasks)*(64<<10) {
		t.Errorf("size %d of %d, subtasks %d, state bytes %d", m.Size, size, op.Subtasks, op.StateBytes)
	}
}
