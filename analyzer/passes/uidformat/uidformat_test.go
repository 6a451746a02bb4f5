package uidformat_test

import (
	"regexp"
	"testing"

	"github.com/uidcheck/uidcheck/analyzer/analyzertest"
	"github.com/uidcheck/uidcheck/analyzer/passes/uidformat"
	"github.com/uidcheck/uidcheck/analyzer/settings"
)

func TestUIDFormat(t *testing.T) {
	t.Parallel()
	s := settings.Default()
	s.UIDPattern = regexp.MustCompile("^[a-z][a-z0-9-]*$")
	analyzertest.RunWith(t, s, analyzertest.TestData(), uidformat.Analyzer, "basic")
	analyzertest.Run(t, analyzertest.TestData(), uidformat.Analyzer, "nopattern")
}
