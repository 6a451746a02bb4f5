package analyzertest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/analyzer/analyzertest"
	"github.com/uidcheck/uidcheck/analyzer/passes/missinguid"
)

// recorder collects the failures Run reports instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper()                   {}
func (r *recorder) Errorf(f string, a ...any) { r.errs = append(r.errs, fmt.Sprintf(f, a...)) }
func (r *recorder) Fatalf(f string, a ...any) { r.Errorf(f, a...); panic("fatal") }
func (r *recorder) Fatal(a ...any)            { r.Errorf("%s", fmt.Sprint(a...)); panic("fatal") }

// TestRunFailsOnMismatch checks that both an unexpected diagnostic and an
// unmet expectation fail a test, and that "//" in a string is no comment.
func TestRunFailsOnMismatch(t *testing.T) {
	t.Parallel()
	rec := &recorder{TB: t}
	analyzertest.Run(rec, analyzertest.TestData(), missinguid.Analyzer, "mismatch")
	joined := strings.Join(rec.errs, "\n")
	if len(rec.errs) != 4 {
		t.Fatalf("got %d failures, want 4 (two unexpected diagnostics, two unmet expectations):\n%s", len(rec.errs), joined)
	}
	for _, want := range []string{
		`Job.java:8:13: unexpected diagnostic: stateful operator "fromSequence"`,
		`Job.java:8:46: unexpected diagnostic: stateful operator "sum"`,
		`Job.java:8: no diagnostic was reported matching "no such message"`,
		`Job.java:9: no diagnostic was reported matching "expected but never reported"`,
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("failures lack %q:\n%s", want, joined)
		}
	}
}

func TestRunFailsOnEmptyCase(t *testing.T) {
	t.Parallel()
	rec := &recorder{TB: t}
	func() {
		defer func() { _ = recover() }()
		analyzertest.Run(rec, t.TempDir(), missinguid.Analyzer, "nothing")
	}()
	if len(rec.errs) == 0 {
		t.Fatal("an empty case directory passed")
	}
}
