package compat

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/driver"
	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/analyzer/settings"
	"github.com/uidcheck/uidcheck/savepointinfo"
)

const harness = "../../testdata/flink-harness/src/main/java/harness/"

// harnessJob builds the compat job of a harness scenario's v2 (with the
// shared harness.common classes).
func harnessJob(t *testing.T, scenario string) *Job {
	t.Helper()
	files, errs := driver.Collect([]string{harness + "scenarios/" + scenario + "/v2", harness + "common"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	s := settings.Default()
	s.States = true // as compat runs the analysis
	res, err := driver.Run(context.Background(), files, []*analysis.Analyzer{pipeline.Analyzer},
		driver.Options{Results: map[*analysis.Analyzer]any{settings.Analyzer: s}})
	if err != nil {
		t.Fatal(err)
	}
	m := res.Results[pipeline.Analyzer].(*pipeline.Model)
	for _, j := range m.Jobs {
		if strings.HasSuffix(j.Name, "Job#main") {
			return FromModel(res.Fset, j, 0)
		}
	}
	t.Fatalf("no main job in %s", scenario)
	return nil
}

// savedOf is the savepoint entry of uid with the states Flink 1.20.5 and
// 2.3.0 write for the harness job (docs/state-meta-format.md §4.1: the
// keyed stream of CountPerKey; §8: broadcast state "rules").
func savedOf(uid string, meta *savepointinfo.OperatorStateMeta) Saved {
	s := savedWithState(uid)
	s.StateMeta = meta
	return s
}

func TestHarnessStates(t *testing.T) {
	t.Parallel()
	counter := &savepointinfo.OperatorStateMeta{KeySerializer: snapLong(), States: []savepointinfo.StateMeta{
		keyed("count", "VALUE", snapLong()), timers(),
	}}
	job := harnessJob(t, "unchanged")
	res := Predict(job, []Saved{savedOf("counter", counter)}, Options{})
	if res.Verdict != VerdictOK || len(res.Unchecked) != 0 {
		t.Fatalf("unchanged counter: verdict %s, unchecked %v, failures %v", res.Verdict, res.Unchecked, res.Failures)
	}
	if got := outcomesOf(res.Entries[0].States); got != "compatible,compatible" {
		t.Errorf("counter states %s, want the key and count compatible", got)
	}

	// v1 of hx_keyed_state_type_changed kept a String count: Flink fails
	// with the heap message (state-meta-format.md §6.4).
	stringCounter := &savepointinfo.OperatorStateMeta{KeySerializer: snapLong(), States: []savepointinfo.StateMeta{
		keyed("count", "VALUE", snapString()), timers(),
	}}
	s := savedOf("counter", stringCounter)
	s.Backend = BackendHeap
	res = Predict(job, []Saved{s}, Options{})
	if res.Verdict != VerdictFails || !strings.Contains(strings.Join(res.Failures, "\n"),
		"For heap backends, the new state serializer (org.apache.flink.api.common.typeutils.base.LongSerializer) must not be incompatible with the old state serializer (org.apache.flink.api.common.typeutils.base.StringSerializer).") {
		t.Errorf("String count: verdict %s, failures %v", res.Verdict, res.Failures)
	}

	rules := &savepointinfo.OperatorStateMeta{States: []savepointinfo.StateMeta{
		{Name: "rules", Backend: "BROADCAST", Kind: "BROADCAST", Key: snapLong(), Value: snapLong()},
	}}
	res = Predict(harnessJob(t, "broadcast_kept"), []Saved{savedOf("rules", rules)}, Options{})
	if res.Verdict != VerdictOK || outcomesOf(res.Entries[0].States) != "compatible" {
		t.Errorf("broadcast rules: verdict %s, states %v", res.Verdict, res.Entries[0].States)
	}
}

func outcomesOf(fs []StateFinding) string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f.Outcome)
	}
	return strings.Join(out, ",")
}
