//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/savepointinfo"
)

// profileFor is the harness profile whose Flink loads a format version:
// 1.20 reads versions up to 4 as written by 1.x, 2.x reads 5 and 6.
func profileFor(version int) string {
	if version <= 4 {
		return "flink1"
	}
	return "flink2"
}

// flipSources are the real savepoints to flip: the repository's fixtures and
// those the harness took in this run.
func flipSources(t *testing.T) []string {
	t.Helper()
	srcs, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "savepoints", "*", "_metadata"))
	if err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("UIDCHECK_E2E_OUT"); out != "" {
		runs, _ := filepath.Glob(filepath.Join(out, "*", "*", "outcome.json"))
		for _, r := range runs {
			var o outcomeFile
			readJSON(t, r, &o)
			p := o.Savepoint
			if u, err := url.Parse(p); err == nil && u.Scheme == "file" {
				p = u.Path
			}
			srcs = append(srcs, filepath.Join(p, "_metadata"))
		}
	}
	return srcs
}

// TestFlipsFlinkAccepts flips one random bit of real savepoints, keeps the
// copies uidcheck's decoder accepts, and loads them with Flink's own
// Checkpoints.loadCheckpointMetadata (harness.LoadMetadata): uidcheck must
// accept no damaged file that Flink would refuse to resume from.
func TestFlipsFlinkAccepts(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 23))
	dir := t.TempDir()
	byProfile := map[string][]string{}
	tried := 0
	for i, src := range flipSources(t) {
		full, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		for range 60 {
			b := bytes.Clone(full)
			bit := rng.IntN(len(b) * 8)
			b[bit/8] ^= 1 << (bit % 8)
			tried++
			m, err := savepointinfo.Decode(bytes.NewReader(b), savepointinfo.WithSize(int64(len(b))))
			if err != nil {
				continue
			}
			flipped := filepath.Join(dir, fmt.Sprintf("%d-%s-bit%d", i, filepath.Base(filepath.Dir(src)), bit))
			if err := os.MkdirAll(flipped, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(flipped, "_metadata"), b, 0o644); err != nil {
				t.Fatal(err)
			}
			p := profileFor(m.Version)
			byProfile[p] = append(byProfile[p], flipped)
		}
	}
	loaded := 0
	for profile, dirs := range byProfile {
		target := filepath.Join(repoRoot, "testdata", "flink-harness", "target", profile)
		cp, err := os.ReadFile(filepath.Join(target, "classpath.txt"))
		if err != nil {
			t.Logf("%s: harness not built, %d copies not loaded: %v", profile, len(dirs), err)
			continue
		}
		args := append([]string{"-cp", filepath.Join(target, "classes") + ":" + strings.TrimSpace(string(cp)), "harness.LoadMetadata"}, dirs...)
		out, err := exec.CommandContext(t.Context(), "java", args...).Output()
		if err != nil {
			t.Fatalf("%s: harness.LoadMetadata: %v", profile, err)
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		lines := 0
		for sc.Scan() {
			line := sc.Text()
			lines++
			if !strings.HasPrefix(line, "OK ") {
				t.Errorf("%s: uidcheck accepts a copy Flink refuses: %s", profile, line)
			}
		}
		if lines != len(dirs) {
			t.Errorf("%s: harness.LoadMetadata answered for %d of %d copies", profile, lines, len(dirs))
		}
		loaded += lines
	}
	if loaded == 0 {
		t.Skip("no harness profile built: run scripts/e2e.sh")
	}
	t.Logf("%d bit-flipped copies, %d accepted by uidcheck and loaded with Flink's loader, all accepted by Flink", tried, loaded)
}
