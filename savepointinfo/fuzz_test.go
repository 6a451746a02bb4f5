package savepointinfo

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode checks that no input makes the decoder panic, hang or allocate
// beyond its limits. It is seeded with real files from several versions.
func FuzzDecode(f *testing.F) {
	for _, name := range smallFixtures {
		if b, err := os.ReadFile(filepath.Join(localFixtures, name, MetadataFileName)); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		m, err := Decode(bytes.NewReader(in), WithSize(int64(len(in))))
		if err == nil && m.Size != int64(len(in)) {
			t.Fatalf("decoded %d of %d bytes without error", m.Size, len(in))
		}
		// Unknown size must not change the verdict on well-formed input.
		if _, err2 := Decode(bytes.NewReader(in)); (err == nil) != (err2 == nil) {
			t.Fatalf("size-aware error %v, size-unaware error %v", err, err2)
		}
	})
}
