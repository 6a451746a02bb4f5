package unstableuid_test

import (
	"testing"

	"github.com/uidcheck/uidcheck/analyzer/analyzertest"
	"github.com/uidcheck/uidcheck/analyzer/passes/unstableuid"
)

func TestUnstableUID(t *testing.T) {
	t.Parallel()
	analyzertest.Run(t, analyzertest.TestData(), unstableuid.Analyzer, "unstable", "stable", "configured")
}
