package missinguid_test

import (
	"testing"

	"github.com/uidcheck/uidcheck/analyzer/analyzertest"
	"github.com/uidcheck/uidcheck/analyzer/passes/missinguid"
	"github.com/uidcheck/uidcheck/analyzer/settings"
)

func TestMissingUID(t *testing.T) {
	t.Parallel()
	analyzertest.Run(t, analyzertest.TestData(), missinguid.Analyzer,
		"basic", "sources", "transforms", "windows", "connected", "joins", "asynccep", "sinks",
		"modifiers", "lookalikes", "constants", "udfs", "helpers", "unknownfn",
		"flink2", "wrappers", "fields", "builder", "lowercaseclass", "staticimport", "tableapi", "sinktree", "walkthrough", "jdbc",
		"tests", "repro_envconstructor", "repro_dataset", "repro_checkpointednostate", "clickhouse", "repro_streamlambda", "repro_uncalled", "repro_parameterfn", "repro_catalog", "repro_factoryreturns", "repro_builderchain", "repro_abstractsource", "repro_generatedgetter", "repro_testhelper", "repro_sdkcatalog", "repro_sinkv1", "repro_overload")
}

func TestMissingUIDIncludeTests(t *testing.T) {
	t.Parallel()
	s := settings.Default()
	s.IncludeTests = true
	analyzertest.RunWith(t, s, analyzertest.TestData(), missinguid.Analyzer, "includetests", "repro_inheritedtest", "repro_collectutils")
}

// TestLibraryStyle covers library-style pipelines (issue #16): connector
// builders, operator factories, custom transformations, environments in
// fields, enum and static-initialiser lambdas, inherited nested classes.
func TestLibraryStyle(t *testing.T) {
	t.Parallel()
	analyzertest.Run(t, analyzertest.TestData(), missinguid.Analyzer, "connectorbuilder", "factories", "customtransform", "enumlambdas", "inheritednested")
}
