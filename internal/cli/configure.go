package cli

import (
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
	"github.com/uidcheck/uidcheck/analyzer/rules"
	"github.com/uidcheck/uidcheck/analyzer/settings"
	"github.com/uidcheck/uidcheck/internal/config"
)

// loadConfig reads --config, or .uidcheck.yaml found upward from the
// working directory; nil when there is none.
func loadConfig(path string) (*config.Config, error) {
	if path == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		if path, err = config.Find(wd); err != nil || path == "" {
			return nil, err
		}
		if rel, err := filepath.Rel(wd, path); err == nil {
			path = rel // messages name the file as the user sees it
		}
	}
	var names []string
	for _, r := range rules.All() {
		names = append(names, r.Name())
	}
	return config.Load(path, names)
}

// includeTests resolves --include-tests for the commands that read the
// pipeline model without the rest of the configuration (operators,
// manifest, compat): the flag when given, else include-tests from
// .uidcheck.yaml, so that they see the same jobs as check.
func includeTests(cmd *cobra.Command, flag bool) (bool, error) {
	if cmd.Flags().Changed("include-tests") {
		return flag, nil
	}
	c, err := loadConfig("")
	if err != nil || c == nil {
		return false, err
	}
	return c.IncludeTests, nil
}

// checkSettings is what the analyzers of one check read: the flags, and
// from the configuration the uid pattern and the classes the project
// declares stateful or stateless.
func checkSettings(c *config.Config, opts *checkOptions) (*settings.Settings, error) {
	s := settings.Default()
	s.AllOperators, s.MaxParseSize, s.Manifest = opts.allOperators, opts.maxParseSize, opts.manifest
	s.IncludeTests = opts.includeTests
	if c == nil {
		return s, nil
	}
	s.UIDPattern = c.UIDPattern
	var err error
	s.Catalog, err = projectCatalog(c)
	return s, err
}

// projectCatalog is the built-in catalog with the classes the configuration
// declares stateful or stateless on top.
func projectCatalog(c *config.Config) (*flinkapi.Catalog, error) {
	var entries []flinkapi.CatalogEntry
	if c != nil {
		for _, cls := range c.StatefulClasses {
			entries = append(entries, flinkapi.CatalogEntry{Match: simpleClassName(cls), Class: cls, Role: "function", Stateful: "true", Reason: "declared stateful in " + c.Path, Origin: c.Path})
		}
		for _, cls := range c.StatelessClasses {
			entries = append(entries, flinkapi.CatalogEntry{Match: simpleClassName(cls), Class: cls, Role: "function", Stateful: "false", Reason: "declared stateless in " + c.Path, Origin: c.Path})
		}
	}
	return flinkapi.NewCatalog(entries)
}

func simpleClassName(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '.' {
			return name[i+1:]
		}
	}
	return name
}
