package missinguid_test

import (
	"os"
	"testing"

	"github.com/uidcheck/uidcheck/analyzer/analyzertest"
	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
	"github.com/uidcheck/uidcheck/analyzer/passes/missinguid"
)

// TestMain adds one row to the DataStream API table before anything reads
// it, as adding a Flink method to uidcheck would: TestAPIRow shows the
// entry detection and the evaluator pick it up, with no other change.
func TestMain(m *testing.M) {
	flinkapi.Methods = append(flinkapi.Methods, flinkapi.Method{Name: "dedupeByKey", Role: flinkapi.OneInput, UDF: true, Stateful: "function"})
	os.Exit(m.Run())
}

func TestAPIRow(t *testing.T) {
	t.Parallel()
	analyzertest.Run(t, analyzertest.TestData(), missinguid.Analyzer, "apirow")
}
