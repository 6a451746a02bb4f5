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

	"github.com/uidcheck/uidcheck/savepointinfo"
)

// flinkStateMeta is one line of harness.StateMeta: what Flink's own
// KeyedBackendSerializationProxy and OperatorBackendSerializationProxy read
// from a savepoint's state streams.
type flinkStateMeta struct {
	Dir       string `json:"dir"`
	Error     string `json:"error"`
	Operators []struct {
		OperatorID    string `json:"operator_id"`
		KeySerializer string `json:"key_serializer"`
		States        []struct {
			Name        string            `json:"name"`
			Backend     string            `json:"backend"`
			Kind        *string           `json:"kind"`
			Serializers map[string]string `json:"serializers"`
		} `json:"states"`
	} `json:"operators"`
}

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
			var fl flinkStateMeta
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
			states += compareStateMeta(t, metas[fl.Dir], &fl)
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

// compareStateMeta compares one savepoint and returns the states compared.
func compareStateMeta(t *testing.T, m *savepointinfo.Metadata, fl *flinkStateMeta) int {
	t.Helper()
	if len(m.Operators) != len(fl.Operators) {
		t.Errorf("%s: %d operators, Flink read %d", fl.Dir, len(m.Operators), len(fl.Operators))
		return 0
	}
	n := 0
	for i, op := range m.Operators {
		want := fl.Operators[i]
		sm, err := m.StateMeta(op, nil)
		if err != nil {
			t.Errorf("%s operator %s: %v", fl.Dir, op.ID, err)
			continue
		}
		if len(sm.Unread) > 0 {
			t.Errorf("%s operator %s: Flink read every description, uidcheck did not: %v", fl.Dir, op.ID, sm.Unread)
		}
		key := ""
		if sm.KeySerializer != nil {
			key = sm.KeySerializer.Snapshot
		}
		if op.ID.String() != want.OperatorID || key != want.KeySerializer || len(sm.States) != len(want.States) {
			t.Errorf("%s operator %s: key %q and %d states, Flink read operator %s with key %q and %d states",
				fl.Dir, op.ID, key, len(sm.States), want.OperatorID, want.KeySerializer, len(want.States))
			continue
		}
		for j, st := range sm.States {
			w := want.States[j]
			kind := ""
			if w.Kind != nil {
				kind = *w.Kind
			}
			got := serializerClasses(st)
			if st.Name != w.Name || st.Backend != w.Backend || st.Kind != kind || !equalMaps(got, w.Serializers) {
				t.Errorf("%s operator %s state %d:\n got %s %s %s %v\nFlink %s %s %s %v",
					fl.Dir, op.ID, j, st.Name, st.Backend, st.Kind, got, w.Name, w.Backend, kind, w.Serializers)
			}
			n++
		}
	}
	return n
}

// serializerClasses maps a state's serializer keys to snapshot classes, as
// Flink's StateMetaInfoSnapshot holds them.
func serializerClasses(st savepointinfo.StateMeta) map[string]string {
	out := map[string]string{}
	keyName := "KEY_SERIALIZER"
	if st.Backend == "KEY_VALUE_V2" {
		keyName = "USER_KEY_SERIALIZER"
	}
	for k, s := range map[string]*savepointinfo.Serializer{"VALUE_SERIALIZER": st.Value, "NAMESPACE_SERIALIZER": st.Namespace, keyName: st.Key} {
		if s != nil {
			out[k] = s.Snapshot
		}
	}
	return out
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func dirExists(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}
