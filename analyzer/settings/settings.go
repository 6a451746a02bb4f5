// Package settings carries one run's configuration to the analyzers:
// command-line flags and .uidcheck.yaml. Like staticcheck's config.For, a
// rule reads it from its pass (settings.Of) instead of from package
// variables, so that runs in one process share nothing and tests run in
// parallel. The driver presets this analyzer's result (driver.Options.Results);
// without a preset it yields the defaults.
package settings

import (
	"context"
	"reflect"
	"regexp"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
)

// Settings is one run's configuration.
type Settings struct {
	// Context is the run's: long passes (the parse) stop when it is done,
	// so that Ctrl-C takes effect at once; nil never stops them.
	// analysis.Pass carries no context of its own.
	Context context.Context
	// AllOperators makes missinguid report stateless operators too (info).
	AllOperators bool
	// IncludeTests keeps jobs whose entry point is a test (JUnit or TestNG
	// methods, classes named *Test, *ITCase…): such jobs run on a
	// MiniCluster and are never resumed from a savepoint, so by default the
	// pipeline model leaves them out.
	IncludeTests bool
	// MaxParseSize is the largest file parsed; 0 means the parser's default.
	MaxParseSize int64
	// UIDPattern is what every uid must match (uidformat); nil for none.
	UIDPattern *regexp.Regexp
	// Manifest is the uid manifest the code is compared with (changeduid,
	// removeduid); "" for none.
	Manifest string
	// Catalog is the built-in catalog with the project's own classes.
	Catalog *flinkapi.Catalog
	// States infers each stateful operator's state descriptors
	// (pipeline.Operator.States) for compat's state check. check does not
	// need them, and on a large tree they cost a fifth of its time and
	// memory.
	States bool
}

// Default is the configuration without flags or a configuration file.
func Default() *Settings {
	c, _ := flinkapi.NewCatalog(nil)
	return &Settings{Catalog: c}
}

// Analyzer yields the run's Settings.
var Analyzer = &analysis.Analyzer{
	Name:       "settings",
	Doc:        "the run's configuration, for the rules to read",
	Run:        func(*analysis.Pass) (any, error) { return Default(), nil },
	ResultType: reflect.TypeFor[*Settings](),
}

// Of returns the Settings of a pass whose analyzer requires Analyzer; the
// defaults if it does not.
func Of(pass *analysis.Pass) *Settings {
	if s, ok := pass.ResultOf[Analyzer].(*Settings); ok {
		return s
	}
	return Default()
}
