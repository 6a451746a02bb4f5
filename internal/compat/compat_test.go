package compat

import (
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/flinkid"
	"github.com/uidcheck/uidcheck/internal/report"
)

func idOf(uid string) *flinkid.OperatorID {
	id := flinkid.FromUID(uid)
	return &id
}

func pinned(uid, call string, stateful report.Stateful) *Operator {
	return &Operator{File: "Job.java", Line: 10, Call: call, UID: uid, ID: idOf(uid), Pinned: true, Stateful: stateful}
}

func savedWithState(uid string) Saved {
	return Saved{ID: flinkid.FromUID(uid), Parallelism: 2, MaxParallelism: 128, HasState: true, StateBytes: 42}
}

func emptySaved(uid string) Saved {
	return Saved{ID: flinkid.FromUID(uid), Parallelism: 2, MaxParallelism: 128}
}

func withCollisions(j Job) Job {
	j.Collisions = SameUIDs(j.Operators)
	return j
}

func TestPredict(t *testing.T) {
	t.Parallel()
	src := pinned("src", "fromSource", report.StatefulYes)
	counter := pinned("counter", "process", report.StatefulYes)
	renamed := pinned("counter-v2", "process", report.StatefulYes)
	sink := pinned("sink", "sinkTo", report.StatefulNo)
	base := []Saved{savedWithState("src"), savedWithState("counter"), emptySaved("sink")}

	cases := []struct {
		name      string
		job       Job
		saved     []Saved
		opts      Options
		want      Verdict
		wantInMsg string
	}{
		{name: "all uids present", job: Job{Operators: []*Operator{src, counter, sink}}, saved: base, want: VerdictOK},
		{
			name: "stateful uid renamed", job: Job{Operators: []*Operator{src, renamed, sink}}, saved: base,
			want: VerdictFails, wantInMsg: "Cannot map checkpoint/savepoint state for operator " + flinkid.FromUID("counter").String(),
		},
		{
			name: "stateful uid renamed with -n", job: Job{Operators: []*Operator{src, renamed, sink}}, saved: base,
			opts: Options{AllowNonRestoredState: true}, want: VerdictDropped,
		},
		{name: "stateless operator removed", job: Job{Operators: []*Operator{src, counter}}, saved: base, want: VerdictOK},
		{
			name: "stateless operator removed, last-state route", job: Job{Operators: []*Operator{src, counter}}, saved: base,
			opts: Options{Route: RouteLastState, AllowNonRestoredState: true}, want: VerdictFails,
			wantInMsg: "There is no operator for the state " + flinkid.FromUID("sink").String(),
		},
		{
			name: "removed source with coordinator state only", job: Job{Operators: []*Operator{counter, sink}},
			saved: []Saved{{ID: flinkid.FromUID("src"), MaxParallelism: 128, CoordinatorState: true}, savedWithState("counter")},
			want:  VerdictFails,
		},
		{
			name: "explicit max parallelism changed",
			job: Job{Operators: []*Operator{src, {
				File: "Job.java", Line: 12, Call: "process", UID: "counter", ID: idOf("counter"), Pinned: true, MaxParallelism: 256,
			}, sink}},
			saved: base, want: VerdictFails, wantInMsg: "Max parallelism mismatch",
		},
		{
			name: "environment max parallelism changed", job: Job{Operators: []*Operator{src, counter, sink}, MaxParallelism: 64},
			saved: base, want: VerdictFails, wantInMsg: "with max parallelism 128 to new program with max parallelism 64",
		},
		{
			name: "parallelism above saved max parallelism", job: Job{Operators: []*Operator{src, counter, sink}},
			saved: base, opts: Options{Parallelism: 200}, want: VerdictFails,
			wantInMsg: "The maximum parallelism (128) of the restored state is lower than the configured parallelism (200)",
		},
		{
			name: "setUidHash re-attaches an auto-generated ID",
			job: Job{Operators: []*Operator{src, {
				File: "Job.java", Line: 12, Call: "process", UID: "new", ID: idOf("new"), AltID: idOf("counter"), Pinned: true,
				Stateful: report.StatefulYes,
			}, sink}},
			saved: base, want: VerdictOK,
		},
		{
			name:  "stateful entry may belong to an operator whose ID is unknown",
			job:   Job{Operators: []*Operator{src, sink, {File: "Job.java", Line: 20, Call: "process", Stateful: report.StatefulYes}}},
			saved: base, want: VerdictUnknown, wantInMsg: "auto-generated ID cannot be computed",
		},
		{
			name: "duplicate uid", job: withCollisions(Job{Operators: []*Operator{src, counter, pinned("counter", "map", report.StatefulNo), sink}}),
			saved: base, want: VerdictFails, wantInMsg: `Hash collision on user-specified ID "counter"`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res := Predict(&tc.job, tc.saved, tc.opts)
			if res.Verdict != tc.want {
				t.Fatalf("verdict %q, want %q; failures %q, unknowns %q", res.Verdict, tc.want, res.Failures, res.Unknowns)
			}
			if tc.wantInMsg != "" {
				all := strings.Join(append(res.Failures, res.Unknowns...), "\n")
				if !strings.Contains(all, tc.wantInMsg) {
					t.Errorf("messages %q do not contain %q", all, tc.wantInMsg)
				}
			}
		})
	}
}

// A Sink V2 whose uid is renamed loses both its Writer and its Committer
// entries; the new sink starts empty and names them as candidates.
func TestPredictSinkRenamed(t *testing.T) {
	t.Parallel()
	writer := func(u string) *Operator {
		o := pinned(u, "sinkTo", report.StatefulYes)
		o.SubOperator = "Writer"
		return o
	}
	committer := func(u string) *Operator {
		o := pinned("Sink Committer: "+u, "sinkTo", report.StatefulYes)
		o.SubOperator = "Committer"
		return o
	}
	saved := []Saved{savedWithState("files"), savedWithState("Sink Committer: files")}
	res := Predict(&Job{Operators: []*Operator{writer("files-v2"), committer("files-v2")}}, saved, Options{})
	if res.Verdict != VerdictFails || len(res.Failures) != 2 {
		t.Fatalf("verdict %q with %d failures, want FAILS with 2 (writer and committer)", res.Verdict, len(res.Failures))
	}
	for _, ne := range res.New {
		if ne.Outcome != NewStartEmpty || len(ne.Candidates) != 2 {
			t.Errorf("%s %s: outcome %q with %d candidates, want starts-empty with 2", ne.Op.SubOperator, ne.Op.UID, ne.Outcome, len(ne.Candidates))
		}
	}
}

func TestLikelyOwnerOfARenamedUID(t *testing.T) {
	t.Parallel()
	src := pinned("src", "fromSource", report.StatefulYes)
	saved := []Saved{savedWithState("src"), savedWithState("counter")}
	saved[0].CoordinatorState = true
	renamed := pinned("counter-v2", "process", report.StatefulYes)
	renamed.Inputs = []*Operator{src}
	res := Predict(&Job{Name: "j", Operators: []*Operator{src, renamed}}, saved, Options{})
	if res.Verdict != VerdictFails {
		t.Fatalf("verdict %s", res.Verdict)
	}
	if e := res.Entries[1]; e.LikelyOwner != renamed || !strings.Contains(e.Reason, `.setUidHash("`+flinkid.FromUID("counter").String()) {
		t.Errorf("entry: owner %v, reason %q", e.LikelyOwner, e.Reason)
	}
	if ls := res.New[1].LikelyState; ls == nil || *ls != flinkid.FromUID("counter") {
		t.Errorf("likely state %v", ls)
	}
	if strings.Contains(res.Failures[0], "likely") {
		t.Errorf("Flink's quoted message was changed: %s", res.Failures[0])
	}

	// Two operators that could own it: no guess.
	other := pinned("other", "process", report.StatefulYes)
	other.Inputs = []*Operator{src}
	res = Predict(&Job{Name: "j", Operators: []*Operator{src, renamed, other}}, saved, Options{})
	if res.Entries[1].LikelyOwner != nil {
		t.Errorf("named %v among two candidates", res.Entries[1].LikelyOwner.UID)
	}
	// An operator fed by one that is not restored is not at the same place.
	fresh := pinned("fresh", "map", report.StatefulNo)
	renamed.Inputs = []*Operator{fresh}
	res = Predict(&Job{Name: "j", Operators: []*Operator{src, fresh, renamed}}, saved, Options{})
	if res.Entries[1].LikelyOwner != nil {
		t.Error("named an operator whose input is new")
	}
}
