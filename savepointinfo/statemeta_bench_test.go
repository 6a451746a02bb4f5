package savepointinfo

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
)

// stateStreams returns the state streams of a real savepoint directory
// (inline ones from _metadata, others from the files next to it), each with
// how it was located.
func stateStreams(tb testing.TB, dir string) (streams [][]byte, located []*stateStream) {
	tb.Helper()
	m, err := Open(dir)
	if err != nil {
		tb.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, MetadataFileName))
	if err != nil {
		tb.Fatal(err)
	}
	for _, op := range m.Operators {
		for _, ref := range op.stateRefs {
			for _, pos := range []int64{ref.keyed, ref.operator} {
				if pos < 0 {
					continue
				}
				c := sectionCursor(bytes.NewReader(raw), pos, int64(len(raw)), pos, Limits{}.withDefaults())
				d := &decoder{c: c, version: m.Version, collect: &collector{}, op: &opAccumulator{
					kinds: map[string]bool{}, keyed: map[string]bool{}, files: map[string]bool{}, names: map[StateName]bool{},
				}}
				if pos == ref.keyed {
					d.keyedTop("managed keyed state", "managed-keyed")
				} else {
					d.optionalOperatorHandle("managed operator state", "managed-operator")
				}
				if c.err != nil {
					tb.Fatalf("re-reading a handle: %v", c.err)
				}
				for _, s := range d.collect.streams {
					var b []byte
					if s.loc.inline {
						b = raw[s.loc.off : s.loc.off+s.loc.size]
					} else if b, err = os.ReadFile(filepath.Join(dir, s.loc.path)); err != nil {
						continue // a fixture kept without its state files
					}
					streams, located = append(streams, b), append(located, s)
				}
			}
		}
	}
	return streams, located
}

// realKeyedProxy returns the keyed state description of a real savepoint
// (the counter operator of harness-flink2.3.0-uid_renamed, subtask 0).
func realKeyedProxy(tb testing.TB) []byte {
	tb.Helper()
	streams, located := stateStreams(tb, filepath.Join(localFixtures, "harness-flink2.3.0-uid_renamed"))
	for i, b := range streams {
		if s := located[i]; s.kind == streamKeyGroups && s.bound > 0 {
			return b[:s.bound]
		}
	}
	tb.Fatal("no keyed state in the fixture")
	return nil
}

// writeLargeSavepoint writes a savepoint directory holding one keyed
// operator whose state is a file of size bytes: a real keyed description,
// then a sparse hole standing for the key groups. The handle names the file
// relative to the directory (tag 6) or, when absolute, by its file: URI
// (tag 2). The _metadata is format 3 (no trailer); the file is not kept.
func writeLargeSavepoint(tb testing.TB, size int64, absolute bool) string {
	tb.Helper()
	proxy := realKeyedProxy(tb)
	dir := tb.TempDir()
	const stateFile = "6f1c1d6e-0000-4000-8000-000000000001"
	f, err := os.Create(filepath.Join(dir, stateFile))
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := f.Write(proxy); err != nil {
		tb.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	w := func(v any) { _ = binary.Write(&b, binary.BigEndian, v) }
	w(uint32(headerMagic))
	w(int32(3))
	w(int64(1)) // checkpoint id
	w(int32(0)) // master states
	w(int32(1)) // operators
	b.Write(make([]byte, 16))
	w(int32(1))   // parallelism
	w(int32(128)) // max parallelism
	b.WriteByte(tagNull)
	w(int32(1)) // subtasks
	w(int32(0)) // subtask 0
	w(int32(0)) // managed operator state absent
	w(int32(0)) // raw operator state absent
	b.WriteByte(tagSavepointKeyGroups)
	w(int32(0))   // first key group
	w(int32(128)) // key groups
	for kg := range 128 {
		w(int64(len(proxy)) + int64(kg)*((size-int64(len(proxy)))/128)) // every key group holds data
	}
	if absolute {
		uri := "file:" + filepath.Join(dir, stateFile)
		b.WriteByte(tagFileStream)
		w(size)
		w(uint16(len(uri)))
		b.WriteString(uri)
	} else {
		b.WriteByte(tagRelativeStream)
		w(uint16(len(stateFile)))
		b.WriteString(stateFile)
		w(size)
	}
	b.WriteByte(tagNull) // raw keyed state
	w(int32(0))          // input channels
	w(int32(0))          // output channels
	if err := os.WriteFile(filepath.Join(dir, MetadataFileName), b.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// Reading the state descriptions of a savepoint with a 1 GiB state file
// reads the description and a buffer's worth more, not the state.
func TestStateMetaReadsOnlyDescriptions(t *testing.T) {
	t.Parallel()
	for _, absolute := range []bool{false, true} {
		dir := writeLargeSavepoint(t, 1<<30, absolute)
		m, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		sm, err := m.StateMeta(m.Operators[0], nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(sm.States) != 3 || sm.States[0].Name != "count" || sm.KeySerializer.Type != "java.lang.Long" || len(sm.Unread) != 0 {
			t.Errorf("absolute %v: states %+v, key %+v, unread %v", absolute, sm.States, sm.KeySerializer, sm.Unread)
		}
		if limit := int64(2 * descBuffer); sm.BytesRead > limit+m.Size {
			t.Errorf("absolute %v: read %d bytes for a %d-byte description and %d bytes of _metadata",
				absolute, sm.BytesRead, len(realKeyedProxy(t)), m.Size)
		}
	}
}

// BenchmarkStateMetaLargeSavepoint reads the state descriptions of a
// savepoint whose keyed state is one 1 GiB file (sparse, written at the
// start): bytes-read/op shows that only the description is read.
func BenchmarkStateMetaLargeSavepoint(b *testing.B) {
	const size = 1 << 30
	dir := writeLargeSavepoint(b, size, false)
	m, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	var read int64
	for b.Loop() {
		sm, err := m.StateMeta(m.Operators[0], nil)
		if err != nil {
			b.Fatal(err)
		}
		read = sm.BytesRead
	}
	b.ReportMetric(float64(read), "bytes-read/op")
	b.ReportMetric(float64(len(realKeyedProxy(b))), "description-bytes")
	b.ReportMetric(float64(size+m.Size), "savepoint-bytes")
}
