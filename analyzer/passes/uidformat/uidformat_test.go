package uidformat_test

import (
	"testing"

	"github.com/uidcheck/uidcheck/analyzer/analyzertest"
	"github.com/uidcheck/uidcheck/analyzer/passes/uidformat"
)

func TestUIDFormat(t *testing.T) {
	if err := uidformat.Analyzer.Flags.Set("pattern", "^[a-z][a-z0-9-]*$"); err != nil {
		t.Fatal(err)
	}
	analyzertest.Run(t, analyzertest.TestData(), uidformat.Analyzer, "basic")
	if err := uidformat.Analyzer.Flags.Set("pattern", ""); err != nil {
		t.Fatal(err)
	}
	analyzertest.Run(t, analyzertest.TestData(), uidformat.Analyzer, "nopattern")
}
