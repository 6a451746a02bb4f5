package processors_test

import (
	"path/filepath"
	"testing"

	"github.com/uidcheck/uidcheck/internal/config"
	"github.com/uidcheck/uidcheck/internal/processors"
	"github.com/uidcheck/uidcheck/internal/report"
)

// TestChainOrder: each step sees what the steps before it kept; a Tap
// records the findings at its place in the chain.
func TestChainOrder(t *testing.T) {
	t.Parallel()
	abs, err := filepath.Abs("B.java")
	if err != nil {
		t.Fatal(err)
	}
	ds := []report.Diagnostic{
		{Rule: "missinguid", File: "A.java", Line: 1, Message: "a"},
		{Rule: "uidformat", File: "B.java", Line: 2, Message: "off by config"},
		{Rule: "missinguid", File: "B.java", Line: 3, Message: "b"},
	}
	var tapped []report.Diagnostic
	got, err := processors.Run(ds,
		processors.Config{C: &config.Config{Rules: map[string]string{"uidformat": config.Off}}},
		processors.Tap{Into: &tapped},
		processors.ChangedFiles{Changed: map[string]bool{abs: true}},
		processors.Fingerprints{},
	)
	if err != nil {
		t.Fatal(err)
	}
	if len(tapped) != 2 || tapped[0].Message != "a" || tapped[1].Message != "b" {
		t.Errorf("tapped = %+v, want the two findings the configuration keeps", tapped)
	}
	if len(got) != 1 || got[0].Message != "b" || got[0].Fingerprint == "" {
		t.Errorf("result = %+v, want the finding in the changed file, fingerprinted", got)
	}
}
