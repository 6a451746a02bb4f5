package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/flinkid"
	"github.com/uidcheck/uidcheck/internal/compat"
	"github.com/uidcheck/uidcheck/internal/report"
	"github.com/uidcheck/uidcheck/savepointinfo"
)

// stateResult is a restore where ValueState<Long> "count" became
// ValueState<String>, "seen" was renamed to "visited", and the key type is
// not inferred.
func stateResult(t *testing.T) (*compat.Result, *compat.Job) {
	t.Helper()
	long := &savepointinfo.Serializer{Snapshot: "org.apache.flink.api.common.typeutils.base.LongSerializer$LongSerializerSnapshot", Family: "simple"}
	meta := &savepointinfo.OperatorStateMeta{KeySerializer: long, States: []savepointinfo.StateMeta{
		{Name: "count", Backend: "KEY_VALUE", Kind: "VALUE", Value: long},
		{Name: "seen", Backend: "KEY_VALUE", Kind: "VALUE", Value: long},
	}}
	str := &pipeline.TypeInfo{Family: "simple", Class: "java.lang.String", Serializer: "org.apache.flink.api.common.typeutils.base.StringSerializer"}
	src := &pipeline.Operator{States: &pipeline.OperatorStates{
		Complete: true, Key: &pipeline.TypeInfo{Unknown: "the return type of the key selector lambda is not inferred"},
		Descriptors: []pipeline.StateDescriptor{
			{Name: "count", Kind: "VALUE", Value: str, TTL: pipeline.TTLOff},
			{Name: "visited", Kind: "VALUE", Value: str, TTL: pipeline.TTLOff},
		},
	}}
	op := &compat.Operator{File: "Job.java", Line: 7, Column: 10, Call: "process", UID: "counter", ID: new(flinkid.FromUID("counter")), Pinned: true, Stateful: report.StatefulYes, Source: src}
	job := &compat.Job{Name: "Job#main", File: "Job.java", Line: 3, Operators: []*compat.Operator{op}}
	saved := compat.Saved{ID: flinkid.FromUID("counter"), MaxParallelism: 128, HasState: true, StateMeta: meta, Backend: compat.BackendHeap}
	return compat.Predict(job, []compat.Saved{saved}, compat.Options{}), job
}

func TestCompatStateFindings(t *testing.T) {
	t.Parallel()
	res, job := stateResult(t)
	rep := NewCompatReport(res, job, "/sp", compat.Options{})

	var js bytes.Buffer
	if err := WriteCompatJSON(&js, rep); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Verdict   string   `json:"verdict"`
		Unchecked []string `json:"unchecked"`
		Entries   []struct {
			States []struct {
				Name    string `json:"name"`
				Kind    string `json:"kind"`
				Outcome string `json:"outcome"`
			} `json:"states"`
		} `json:"entries"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var outcomes []string
	for _, s := range doc.Entries[0].States {
		outcomes = append(outcomes, s.Kind+" "+s.Name+" "+s.Outcome)
	}
	want := "KEY  unchecked,VALUE count fails,VALUE seen dropped,VALUE visited new"
	if doc.Verdict != "FAILS" || strings.Join(outcomes, ",") != want || len(doc.Unchecked) != 1 {
		t.Errorf("JSON verdict %s, states %v, unchecked %v; want FAILS, %s, one unchecked", doc.Verdict, outcomes, doc.Unchecked, want)
	}

	var text bytes.Buffer
	if err := WriteCompatText(&text, rep, newTestStyler()); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"Flink will fail: For heap backends, the new state serializer (org.apache.flink.api.common.typeutils.base.StringSerializer) must not be incompatible",
		`state lost: state "seen" (VALUE) of process at Job.java:7`,
		`note: state "visited" (VALUE)`,
		"state not checked: key serializer of process at Job.java:7: key type: the return type of the key selector lambda is not inferred",
	} {
		if !strings.Contains(text.String(), s) {
			t.Errorf("text lacks %q:\n%s", s, text.String())
		}
	}

	diags := CompatDiagnostics(res, job)
	var rules []string
	for _, d := range diags {
		rules = append(rules, d.Rule)
	}
	if strings.Join(rules, ",") != "stateunchecked,restorefails,statelost,statenew" {
		t.Errorf("SARIF rules %v", rules)
	}
	var sarif bytes.Buffer
	if err := WriteSARIF(&sarif, &report.Result{Diagnostics: diags}, CompatRules(), SARIFOptions{}); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, sarif.Bytes())
}

// plainVerdicts is a VerdictStyler without colour.
type plainVerdicts struct{ Plain }

func (plainVerdicts) OK(a ...any) string   { return fmt.Sprint(a...) }
func (plainVerdicts) Warn(a ...any) string { return fmt.Sprint(a...) }
func (plainVerdicts) Fail(a ...any) string { return fmt.Sprint(a...) }
func (plainVerdicts) Bold(a ...any) string { return fmt.Sprint(a...) }

func newTestStyler() VerdictStyler { return plainVerdicts{} }
