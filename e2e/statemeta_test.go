//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/internal/flinkstatemeta"
	"github.com/uidcheck/uidcheck/savepointinfo"
)

// stateMetaSources are the harness's savepoints of this run (each must be
// read by both) and the repository's fixtures (compared where Flink can
// read them: its version accepts the format and the state files were kept).
func stateMetaSources(t *testing.T) (harness, fixtures []string) {
	t.Helper()
	for _, m := range flipSources(t) {
		dir := filepath.Dir(m)
		if strings.HasPrefix(dir, filepath.Join(repoRoot, "testdata")) {
			fixtures = append(fixtures, dir)
		} else {
			harness = append(harness, dir)
		}
	}
	more, _ := filepath.Glob(filepath.Join(repoRoot, "testdata", "savepoints", "collection", "*", "_metadata"))
	for _, m := range more {
		fixtures = append(fixtures, filepath.Dir(m))
	}
	return harness, fixtures
}

// stateFileSavepoints has harness.StateFiles take savepoints whose state is
// in files next to _metadata, compressed, for hashmap and RocksDB in both
// formats, with each built Flink version.
func stateFileSavepoints(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, profile := range []string{"flink1", "flink2"} {
		target := filepath.Join(repoRoot, "testdata", "flink-harness", "target", profile)
		cp, err := os.ReadFile(filepath.Join(target, "classpath.txt"))
		if err != nil {
			continue
		}
		dir := filepath.Join(t.TempDir(), profile)
		cmd := exec.CommandContext(t.Context(), "java", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
			"-cp", filepath.Join(target, "classes")+":"+strings.TrimSpace(string(cp)), "harness.StateFiles", dir,
			"harness.scenarios.unchanged.v1.Job", "harness.scenarios.broadcast_kept.v1.Job")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		lines, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: harness.StateFiles: %v\n%s", profile, err, stderr.String())
		}
		for _, l := range strings.Fields(string(lines)) {
			out = append(out, strings.TrimPrefix(l, "file:"))
		}
	}
	return out
}

// TestSavepointsStateMetaAgreeWithFlink reads the state descriptions of real
// savepoints with uidcheck and with Flink's own classes (harness.StateMeta)
// and requires the same states, with the same kinds and serializer snapshot
// classes, and the same key serializer, for every operator.
func TestSavepointsStateMetaAgreeWithFlink(t *testing.T) {
	harness, fixtures := stateMetaSources(t)
	files := stateFileSavepoints(t)
	harness = append(harness, files...)
	isHarness := map[string]bool{}
	byProfile := map[string][]string{}
	metas := map[string]*savepointinfo.Metadata{}
	for _, dir := range append(harness, fixtures...) {
		m, err := savepointinfo.Open(dir)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		metas[dir] = m
		p := profileFor(m.Version)
		byProfile[p] = append(byProfile[p], dir)
	}
	for _, d := range harness {
		isHarness[d] = true
	}
	for _, d := range files {
		// They exist to read descriptions from files: the relative
		// handles of both formats and RocksDB's meta file.
		m := metas[d]
		withFiles := false
		for _, op := range m.Operators {
			withFiles = withFiles || len(op.Files) > 0
		}
		if !withFiles {
			t.Errorf("%s: the state is inline, not in files", d)
		}
	}
	compared, skipped, states := 0, 0, 0
	for profile, dirs := range byProfile {
		target := filepath.Join(repoRoot, "testdata", "flink-harness", "target", profile)
		cp, err := os.ReadFile(filepath.Join(target, "classpath.txt"))
		if err != nil {
			t.Logf("%s: harness not built, %d savepoints not compared: %v", profile, len(dirs), err)
			continue
		}
		// Scenarios whose classes change between versions keep v1's in
		// v1model-classes: the savepoints were written by v1, and Flink
		// loads the POJO and enum classes their snapshots name.
		classes := filepath.Join(target, "classes")
		if model := filepath.Join(target, "v1model-classes"); dirExists(model) {
			classes += ":" + model
		}
		args := append([]string{"-cp", classes + ":" + strings.TrimSpace(string(cp)), "harness.StateMeta"}, dirs...)
		out, err := exec.CommandContext(t.Context(), "java", args...).Output()
		if err != nil {
			t.Fatalf("%s: harness.StateMeta: %v", profile, err)
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		lines := 0
		for sc.Scan() {
			lines++
			var fl flinkstatemeta.Reading
			if err := json.Unmarshal(sc.Bytes(), &fl); err != nil {
				t.Fatalf("%s: %v in %s", profile, err, sc.Text())
			}
			if fl.Error != "" {
				if isHarness[fl.Dir] {
					t.Errorf("%s: Flink cannot read the state descriptions of a savepoint it took: %s", fl.Dir, fl.Error)
				}
				skipped++
				continue
			}
			n, diffs := flinkstatemeta.Compare(metas[fl.Dir], &fl)
			for _, d := range diffs {
				t.Errorf("%s: %s", fl.Dir, d)
			}
			states += n
			compared++
		}
		if lines != len(dirs) {
			t.Errorf("%s: harness.StateMeta answered for %d of %d savepoints", profile, lines, len(dirs))
		}
	}
	if compared == 0 {
		t.Skip("no harness profile built: run scripts/e2e.sh")
	}
	t.Logf("%d savepoints (%d taken by the harness in this run) compared with Flink's reading, %d states; %d fixtures Flink could not read (format too old for its version, or state files not kept)",
		compared, len(harness), states, skipped)
}

func dirExists(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}
