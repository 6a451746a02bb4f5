package pipeline_test

import (
	"os"
	"testing"

	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/analyzer/settings"
)

// TestDataStreamUtilsCollect: DataStreamUtils.collect(stream) adds a collect
// sink, stateful like executeAndCollect (corpus: connector-gcp-pubsub). The
// case is missinguid's repro_collectutils, whose sink gets no finding.
func TestDataStreamUtilsCollect(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("../passes/missinguid/testdata/src/repro_collectutils/CollectTest.java")
	if err != nil {
		t.Fatal(err)
	}
	s := settings.Default()
	s.IncludeTests = true
	m := buildWith(t, s, map[string]string{"CollectTest.java": string(src)})
	var found *pipeline.Operator
	for _, op := range m.Operators {
		if op.Call == "collect" {
			found = op
		}
	}
	if found == nil {
		t.Fatal("no operator for DataStreamUtils.collect")
	}
	if found.Stateful != pipeline.StatefulYes || len(found.Inputs) == 0 {
		t.Errorf("collect sink: stateful %v, %d inputs; want stateful with an input", found.Stateful, len(found.Inputs))
	}
}
