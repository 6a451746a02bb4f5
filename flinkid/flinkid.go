// Package flinkid computes Flink OperatorIDs.
//
// Flink derives the ID of an operator with a uid as Guava's murmur3_128 (seed 0,
// the x64 variant) over the UTF-8 bytes of the uid, and prints it as the 16 hash
// bytes in order (h1 little-endian, then h2 little-endian). The function is frozen
// in StreamGraphHasherV2 ("DO NOT MODIFY THIS CLASS"), so IDs are stable across
// Flink versions. See docs/flink-internals.md §1.
package flinkid

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/twmb/murmur3"
)

// OperatorID is the 16-byte identity Flink matches savepoint state by.
// Its bytes are exactly the bytes stored in a _metadata file.
type OperatorID [16]byte

// FromUID returns the OperatorID Flink assigns to an operator with the given uid.
func FromUID(uid string) OperatorID {
	// Java's String.getBytes(UTF_8) replaces unpaired surrogates with '?';
	// Go strings holding invalid UTF-8 get U+FFFD from ToValidUTF8 only when
	// asked, so normalise the same way Java would before hashing.
	h1, h2 := murmur3.SeedSum128(0, 0, []byte(javaUTF8(uid)))
	var id OperatorID
	binary.LittleEndian.PutUint64(id[0:8], h1)
	binary.LittleEndian.PutUint64(id[8:16], h2)
	return id
}

// Parse reads a 32-digit hex OperatorID, as printed by Flink or passed to
// setUidHash. Flink accepts upper- and lower-case digits.
func Parse(s string) (OperatorID, error) {
	var id OperatorID
	if len(s) != 2*len(id) {
		return id, fmt.Errorf("operator ID %q: want 32 hex digits, have %d characters", s, len(s))
	}
	if _, err := hex.Decode(id[:], []byte(s)); err != nil {
		return id, fmt.Errorf("operator ID %q: %w", s, err)
	}
	return id, nil
}

// String returns the lowercase hex form Flink prints in logs, REST and the web UI.
func (id OperatorID) String() string { return hex.EncodeToString(id[:]) }

// MarshalText encodes the ID as lowercase hex.
func (id OperatorID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// UnmarshalText decodes a hex ID.
func (id *OperatorID) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*id = v
	return nil
}

// javaUTF8 mirrors String.getBytes(UTF_8) for strings that came from Java
// source: invalid sequences become '?' as Java's encoder does for unpaired
// surrogates.
func javaUTF8(s string) string {
	return strings.ToValidUTF8(s, "?")
}
