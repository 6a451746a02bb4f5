package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/internal/output"
	"github.com/uidcheck/uidcheck/internal/report"
)

// Every savepoint entry whose ID is the hash of a known uid must map back to
// the line of testdata/known-uids that sets that uid, in every fixture of
// testdata/savepoints/collection.
func TestInspectSrcMapsKnownUIDs(t *testing.T) {
	t.Parallel()
	known, err := filepath.Abs("../../testdata/known-uids")
	if err != nil {
		t.Fatal(err)
	}
	ios, stdout, _ := Test()
	if code := Run(context.Background(), ios, []string{"operators", "--format", "json", known}); code != ExitOK {
		t.Fatalf("operators: exit %d", code)
	}
	var ops report.Result
	if err := json.Unmarshal(stdout.Bytes(), &ops); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, op := range ops.Operators {
		if op.UID != nil && op.OperatorID != nil {
			ids[*op.OperatorID] = *op.UID
		}
	}
	dirs, _ := filepath.Glob("../../testdata/savepoints/collection/*")
	mapped, files := 0, 0
	for _, dir := range dirs {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			continue
		}
		files++
		ios, stdout, stderr := Test()
		if code := Run(context.Background(), ios, []string{"savepoint", "inspect", "--format", "json", "--src", known, dir}); code != ExitOK {
			t.Fatalf("inspect %s: exit %d: %s", dir, code, stderr)
		}
		var rep output.SavepointReport
		if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
			t.Fatal(err)
		}
		for _, op := range rep.Operators {
			uid, isKnown := ids[op.OperatorID]
			if !isKnown {
				continue
			}
			if len(op.Source) != 1 || op.Source[0].UID != uid || op.Source[0].Match != "uid" {
				t.Errorf("%s: entry %s (uid %q) maps to %+v", dir, op.OperatorID, uid, op.Source)
				continue
			}
			mapped++
		}
	}
	if mapped == 0 {
		t.Fatal("no savepoint entry mapped to a known uid")
	}
	t.Logf("%d savepoint entries in %d files mapped back to their uid's source line", mapped, files)
}

// inspect --states shows each state's name, kind, key and value type and
// TTL, in text and JSON; without the flag the states are not read.
func TestInspectStates(t *testing.T) {
	t.Parallel()
	dir := "../../testdata/savepoints/collection/state-processor-api-table-state-avro"
	ios, stdout, stderr := Test()
	if code := Run(context.Background(), ios, []string{"savepoint", "inspect", "--states", dir}); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"key type Long",
		"KeyedPojoValue                       keyed    VALUE  POJO com.example.state.writer.job.schema.PojoData",
		"KeyedPrimitiveValueMap               keyed    MAP    Map<Long, Long>",
		"LongBroadcastState  broadcast  BROADCAST  Long -> Long",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("text output lacks %q:\n%s", want, stdout)
		}
	}
	ttl := "../../testdata/savepoints/collection/sql-restore-join_1-join-with-state-ttl-hint"
	for _, args := range [][]string{{"--states"}, {}} {
		ios, stdout, stderr = Test()
		if code := Run(context.Background(), ios, append([]string{"savepoint", "inspect", "--format", "json", ttl}, args...)); code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var rep output.SavepointReport
		if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
			t.Fatal(err)
		}
		ttls := 0
		for _, op := range rep.Operators {
			if op.States == nil {
				continue
			}
			for _, st := range op.States.States {
				if st.TTL {
					ttls++
				}
			}
		}
		if want := map[bool]int{true: 2, false: 0}[len(args) > 0]; ttls != want {
			t.Errorf("inspect %v: %d states with TTL, want %d", args, ttls, want)
		}
	}
}

// A damaged state file is an error naming the file and the offset, exit
// code 2; a missing one is listed as not read.
func TestInspectStatesBadFile(t *testing.T) {
	t.Parallel()
	src := "../../testdata/savepoints/statefiles-flink2.3.0-broadcast-hashmap-canonical"
	dir := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	var stateFile string
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Count(e.Name(), "-") == 4 && stateFile == "" && len(b) > 40 && b[3] == 6 {
			stateFile = e.Name()
			b = b[:40] // cut inside the description
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if stateFile == "" {
		t.Fatal("no state file in the fixture")
	}
	ios, _, stderr := Test()
	if code := Run(context.Background(), ios, []string{"savepoint", "inspect", "--states", dir}); code != ExitError {
		t.Fatalf("exit %d, want %d: %s", code, ExitError, stderr)
	}
	if !strings.Contains(stderr.String(), stateFile) || !strings.Contains(stderr.String(), "at offset 0x") {
		t.Errorf("the error does not name the file and offset: %s", stderr)
	}
	if err := os.Remove(filepath.Join(dir, stateFile)); err != nil {
		t.Fatal(err)
	}
	ios, stdout, stderr := Test()
	if code := Run(context.Background(), ios, []string{"savepoint", "inspect", "--states", dir}); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout.String(), "not read: ") || !strings.Contains(stdout.String(), stateFile) {
		t.Errorf("the missing file is not listed:\n%s", stdout)
	}
}
