package savepointinfo

import (
	"bytes"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
)

// allFixtures lists the real _metadata files under the given roots; a
// missing root (the shared collection outside the repository) is skipped.
func allFixtures(t *testing.T, roots ...string) []string {
	t.Helper()
	var out []string
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == root {
					return fs.SkipDir
				}
				return err
			}
			// The collection inside the local fixtures is walked only when
			// asked for: it has tests of its own, with fewer cuts per file.
			if d.IsDir() && root != fixtureDir && filepath.Clean(p) == filepath.Clean(fixtureDir) {
				return fs.SkipDir
			}
			if !d.IsDir() && d.Name() == MetadataFileName {
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(out) == 0 {
		t.Fatal("no _metadata fixtures found")
	}
	return out
}

// truncationOffsets is every offset of a small file and 200 random ones of a
// large one, always with the last byte cut.
func truncationOffsets(rng *rand.Rand, size int) []int {
	const small = 64 << 10
	if size < small {
		out := make([]int, size)
		for i := range out {
			out[i] = i
		}
		return out
	}
	out := []int{size - 1}
	for range 200 {
		out = append(out, rng.IntN(size))
	}
	return out
}

// No truncated copy of a real file is ever accepted, with or without the
// size known, and the error names an offset within the input.
func TestNoTruncationAccepted(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(20, 20))
	files := allFixtures(t, localFixtures)
	tried := 0
	for _, name := range files {
		full, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Decode(bytes.NewReader(full), WithSize(int64(len(full)))); err != nil {
			t.Fatalf("%s: the whole file does not decode: %v", name, err)
		}
		for _, n := range truncationOffsets(rng, len(full)) {
			tried++
			_, err := Decode(bytes.NewReader(full[:n]), WithSize(int64(n)))
			var fe *FormatError
			if !errors.As(err, &fe) || fe.Off > int64(n) {
				t.Fatalf("%s cut to %d of %d bytes: error %v, want a FormatError within the input", name, n, len(full), err)
			}
			if _, err := Decode(bytes.NewReader(full[:n])); err == nil {
				t.Fatalf("%s cut to %d of %d bytes decoded without error when the size is unknown", name, n, len(full))
			}
		}
	}
	t.Logf("%d files, %d truncated copies, all refused", len(files), tried)
}

// The shared collection of 435 files from Flink 1.3 to 2.1, when present:
// a spread of cuts through each file's trailer, where a cut used to pass,
// 20 random ones elsewhere, and 200 more in a file of 64 KiB or more.
func TestNoTruncationAcceptedShared(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(20, 22))
	tried := 0
	files := allFixtures(t, fixtureDir)
	for _, name := range files {
		full, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var cuts []int
		for n := max(0, len(full)-1024); n < len(full); n += 7 {
			cuts = append(cuts, n)
		}
		if len(full) >= 64<<10 {
			cuts = append(cuts, truncationOffsets(rng, len(full))...)
		}
		for range 20 {
			cuts = append(cuts, rng.IntN(len(full)))
		}
		for _, n := range cuts {
			tried++
			if _, err := Decode(bytes.NewReader(full[:n]), WithSize(int64(n))); err == nil {
				t.Fatalf("%s cut to %d of %d bytes decoded without error", name, n, len(full))
			}
		}
	}
	t.Logf("%d files, %d truncated copies, all refused", len(files), tried)
}

// maxFlipAlloc bounds what one decode of a bit-flipped copy may allocate:
// the decoder's limits, not the claimed counts, decide allocation.
const maxFlipAlloc = 64 << 20

// Bit-flipped copies never panic and stay within bounded memory. Those that
// decode are written to UIDCHECK_FLIPPED_OUT, when set, for the real-Flink
// suite to load with Flink's own reader. It is not parallel: it bounds the
// bytes each decode allocates by the process-wide allocation counter.
func TestBitFlips(t *testing.T) {
	t.Parallel()
	out := os.Getenv("UIDCHECK_FLIPPED_OUT")
	rng := rand.New(rand.NewPCG(20, 21))
	accepted, tried := 0, 0
	var before, after runtime.MemStats
	for _, name := range allFixtures(t, localFixtures, fixtureDir) {
		full, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for range 40 {
			b := bytes.Clone(full)
			bit := rng.IntN(len(b) * 8)
			b[bit/8] ^= 1 << (bit % 8)
			tried++
			runtime.ReadMemStats(&before)
			m, err := Decode(bytes.NewReader(b), WithSize(int64(len(b))))
			runtime.ReadMemStats(&after)
			if grew := after.TotalAlloc - before.TotalAlloc; grew > maxFlipAlloc+uint64(4*len(b)) {
				t.Fatalf("%s with bit %d flipped: decoding allocated %d bytes", name, bit, grew)
			}
			if err != nil {
				continue
			}
			if m.Size != int64(len(b)) {
				t.Fatalf("%s with bit %d flipped: decoded %d of %d bytes", name, bit, m.Size, len(b))
			}
			accepted++
			if out != "" && len(b) < 1<<20 {
				dir := filepath.Join(out, filepath.Base(filepath.Dir(name))+"-bit"+strconv.Itoa(bit))
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, MetadataFileName), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	t.Logf("%d bit-flipped copies, %d accepted", tried, accepted)
}
