package duplicateuid_test

import (
	"testing"

	"github.com/uidcheck/uidcheck/analyzer/analyzertest"
	"github.com/uidcheck/uidcheck/analyzer/passes/duplicateuid"
)

func TestDuplicateUID(t *testing.T) {
	t.Parallel()
	analyzertest.Run(t, analyzertest.TestData(), duplicateuid.Analyzer,
		"samejob", "jobs", "branches", "loops", "helpertwice", "sinkparts", "twoenvs", "ternary")
}

// TestEnvironmentInField: an environment kept in a field, set by a base
// class's constructor, an initialiser or an init method, is one job.
func TestEnvironmentInField(t *testing.T) {
	t.Parallel()
	analyzertest.Run(t, analyzertest.TestData(), duplicateuid.Analyzer, "envfield")
}
