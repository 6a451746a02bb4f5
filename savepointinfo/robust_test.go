package savepointinfo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// smallFixtures span the format versions and handle kinds.
var smallFixtures = []string{
	"e2e-state-evolution-flink1.6-savepoint",     // V2, key groups
	"unified-sink-v1-migration-savepoint",        // V3, coordinator, Sink V1
	"kafka-source-enum1-split0-savepoint",        // V4, native stop-with-savepoint
	"state-processor-api-table-state",            // V5, master state, fully finished operator
	"sql-restore-async-calc_1-async-calc-nested", // V6
	"harness-flink1.20.5-uid_renamed",            // V4, written by this project's harness
	"harness-flink2.3.0-uid_renamed",             // V6, likewise
}

// localFixtures are copies of smallFixtures kept in the repository, so that
// these tests run wherever the code is checked out.
const localFixtures = "../testdata/savepoints"

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(localFixtures, name, MetadataFileName))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Every truncation of a valid file must be an error with an offset, never a
// panic or a silent success.
func TestTruncatedInputs(t *testing.T) {
	t.Parallel()
	for _, name := range smallFixtures {
		full := readFixture(t, name)
		for n := range full {
			_, err := Decode(bytes.NewReader(full[:n]), WithSize(int64(n)))
			if err == nil {
				t.Fatalf("%s truncated to %d of %d bytes decoded without error", name, n, len(full))
			}
			var fe *FormatError
			if !errors.As(err, &fe) || fe.Off > int64(n) {
				t.Fatalf("%s truncated to %d: error %v is not a FormatError within the input", name, n, err)
			}
		}
	}
}

// Without a known size the decoder must still stop at the end of input.
func TestTruncatedUnknownSize(t *testing.T) {
	t.Parallel()
	full := readFixture(t, smallFixtures[3])
	for n := 0; n < len(full); n += 7 {
		if _, err := Decode(bytes.NewReader(full[:n])); err == nil {
			t.Fatalf("truncated to %d decoded without error", n)
		}
	}
}

func TestBadHeaderAndCounts(t *testing.T) {
	t.Parallel()
	header := func(magic uint32, version int32) []byte {
		b := binary.BigEndian.AppendUint32(nil, magic)
		return binary.BigEndian.AppendUint32(b, uint32(version))
	}
	huge := append(header(headerMagic, 3), make([]byte, 8)...) // checkpoint id 0
	huge = binary.BigEndian.AppendUint32(huge, 0)              // no master states
	huge = binary.BigEndian.AppendUint32(huge, 0xffffff)       // 16M operators
	cases := []struct {
		name    string
		in      []byte
		is      error
		message string
	}{
		{"not metadata", []byte("PK\x03\x04 this is a zip"), ErrFormat, "not a Flink _metadata file"},
		{"version 1", header(headerMagic, 1), ErrUnsupportedVersion, "format version 1 is not supported"},
		{"version 99", header(headerMagic, 99), ErrUnsupportedVersion, "format version 99"},
		{"empty", nil, ErrFormat, "unexpected end of input"},
		{"huge operator count", huge, ErrLimit, "operator count 16777215 exceeds the limit"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Decode(bytes.NewReader(tc.in), WithSize(int64(len(tc.in))))
			if !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.message) {
				t.Errorf("error %v, want %v containing %q", err, tc.is, tc.message)
			}
		})
	}
}

// A count that the remaining bytes cannot hold is refused before allocation.
func TestCountBeyondRemaining(t *testing.T) {
	t.Parallel()
	in := binary.BigEndian.AppendUint32(nil, headerMagic)
	in = binary.BigEndian.AppendUint32(in, 4)
	in = append(in, make([]byte, 8)...)
	in = binary.BigEndian.AppendUint32(in, 0)
	in = binary.BigEndian.AppendUint32(in, 1000) // 1000 operators of ≥ 29 bytes in 0 bytes
	_, err := Decode(bytes.NewReader(in), WithSize(int64(len(in))))
	if err == nil || !strings.Contains(err.Error(), "operator count 1000 exceeds remaining 0 bytes at offset 0x14") {
		t.Errorf("error %v, want operator count exceeding remaining bytes at offset 0x14", err)
	}
}

// Flipping each byte of a real file must never panic.
func TestCorruptedBytes(t *testing.T) {
	t.Parallel()
	full := readFixture(t, smallFixtures[1])
	for i := range full {
		for _, v := range []byte{0x00, 0xff, 0x7f} {
			b := bytes.Clone(full)
			b[i] = v
			_, _ = Decode(bytes.NewReader(b), WithSize(int64(len(b))))
		}
	}
}

func TestOpenForms(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(localFixtures, smallFixtures[0])
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, loc := range []string{dir, filepath.Join(dir, MetadataFileName), "file://" + abs, "file:" + abs} {
		if _, err := Open(loc); err != nil {
			t.Errorf("Open(%q): %v", loc, err)
		}
	}
	if _, err := Open("hdfs://nn/savepoints/x"); err == nil || !strings.Contains(err.Error(), `scheme "hdfs" is not a local file system`) {
		t.Errorf("hdfs URI: error %v", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("missing savepoint opened without error")
	}
}
