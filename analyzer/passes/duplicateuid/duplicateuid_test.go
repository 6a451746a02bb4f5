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
