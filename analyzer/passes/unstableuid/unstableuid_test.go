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

// TestBuilderFields: uids built from a library builder's fields, however
// the fields are set from configuration, are information (issue #16).
func TestBuilderFields(t *testing.T) {
	t.Parallel()
	analyzertest.Run(t, analyzertest.TestData(), unstableuid.Analyzer, "builderfields")
}
