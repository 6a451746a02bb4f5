package catalogen

import (
	"archive/zip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// stubCatalog compiles testdata/flink (stand-ins for the Flink types the
// judge knows by name) and testdata/connector with javac, packs them into
// two jars of a Maven layout, the connector's without package missing/, and
// generates a catalog from them. Without javac the test is skipped, except
// under CI.
func stubCatalog(t *testing.T) map[string]Entry {
	t.Helper()
	javac, err := exec.LookPath("javac")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("javac not found")
		}
		t.Skip("javac not found")
	}
	classes := t.TempDir()
	var srcs []string
	for _, root := range []string{"testdata/flink", "testdata/connector"} {
		err := filepath.WalkDir(root, func(p string, _ os.DirEntry, err error) error {
			if strings.HasSuffix(p, ".java") {
				srcs = append(srcs, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.CommandContext(t.Context(), javac, append([]string{"-d", classes}, srcs...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("javac: %v\n%s", err, b)
	}
	repo := t.TempDir()
	arts := []Artifact{
		{Coords: "org.apache.flink:flink-stub:1.0", Universe: "stub"},
		{Coords: "com.example:connector-stub:1.0", Universe: "stub"},
	}
	writeJar(t, classes, JarPath(repo, arts[0].Coords), "org/")
	writeJar(t, classes, JarPath(repo, arts[1].Coords), "fix/")
	cat, err := Generate(repo, arts)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Entry{}
	for _, e := range cat.Entries {
		out[e.Class] = e
	}
	return out
}

// writeJar zips the class files under prefix of dir into jar.
func writeJar(t *testing.T, dir, jar, prefix string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(jar), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(jar)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	err = filepath.WalkDir(filepath.Join(dir, prefix), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		w, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestJudgeStubs(t *testing.T) {
	t.Parallel()
	entries := stubCatalog(t)
	for _, c := range []struct {
		class, kind, role, stateful, reason, parts, returns string
	}{
		{"fix.Counting", "class", RoleFunction, "true", "Counting.initializeState registers state (getListState)", "", ""},
		// Reading isRestored is not registering state.
		{"fix.RestoreAware", "class", RoleFunction, "false", "RestoreAware implements CheckpointedFunction but registers no state", "", ""},
		{"fix.UpperBuffer", "class", RoleFunction, "true", "UpperBuffer: BaseBuffer.initializeState registers state (getListState)", "", ""},
		{"fix.Plain", "class", RoleFunction, "false", "Plain registers no state or timers", "", ""},
		{"fix.Orphan", "class", RoleFunction, "unknown", "superclass missing.Base of Orphan is not in the scanned jars", "", ""},
		{"fix.TxSink", "class", RoleSink, "true", "TxSink has a committer", "Writer,Committer", ""},
		{"fix.FireAndForgetSink", "class", RoleSink, "false", "without writer state or committer", "Writer", ""},
		{"fix.SplitSource", "class", RoleSource, "true", "a FLIP-27 Source", "", ""},
		{"fix.SplitSource.Builder", "builder", RoleSource, "true", "SplitSource.Builder.build() creates SplitSource: a FLIP-27 Source", "", "fix.SplitSource"},
		{"fix.SplitSource.builder", "method", RoleSource, "true", "SplitSource.builder() creates SplitSource.Builder", "", "fix.SplitSource"},
		{"fix.TimerOperator", "class", RoleOperator, "true", "TimerOperator.open uses a timer service", "", ""},
		// The framework base's own timer call says nothing about a subclass.
		{"fix.PassOperator", "class", RoleOperator, "false", "PassOperator registers no state or timers", "", ""},
		// A build() that returns a stream may add operators it does not
		// create itself: what it creates cannot show it stateless.
		{"fix.PipelineSinkBuilder", "builder", RoleOperator, "unknown", "PipelineSinkBuilder.build() adds operators to the pipeline itself (returns DataStreamSink)", "", ""},
		{"fix.TimerOperatorFactory", "class", RoleOperator, "true", "TimerOperatorFactory.createStreamOperator creates TimerOperator: TimerOperator.open uses a timer service", "", "fix.TimerOperator"},
	} {
		e, ok := entries[c.class]
		if !ok {
			t.Errorf("%s: no entry", c.class)
			continue
		}
		if e.Kind != c.kind || e.Role != c.role || e.Stateful != c.stateful || !strings.Contains(e.Reason, c.reason) ||
			strings.Join(e.Parts, ",") != c.parts || e.Returns != c.returns {
			t.Errorf("%s: got %+v\nwant kind %s role %s stateful %s reason ~%q parts %q returns %q",
				c.class, e, c.kind, c.role, c.stateful, c.reason, c.parts, c.returns)
		}
		if want := "com.example:connector-stub:1.0"; len(e.From) != 1 || e.From[0] != want {
			t.Errorf("%s: from %v, want %s", c.class, e.From, want)
		}
	}
}
