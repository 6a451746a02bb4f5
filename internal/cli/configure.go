package cli

import (
	"os"
	"path/filepath"

	"github.com/uidcheck/uidcheck/analyzer/passes/uidformat"
	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/analyzer/rules"
	"github.com/uidcheck/uidcheck/internal/config"
	"github.com/uidcheck/uidcheck/internal/report"
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

// applyConfigBefore feeds the configuration into the analysis: the uid
// pattern and the classes the project declares stateful or stateless.
func applyConfigBefore(c *config.Config) error {
	pattern := ""
	if c != nil && c.UIDPattern != nil {
		pattern = c.UIDPattern.String()
	}
	// Set it every run: analyzer flags are process-wide.
	if err := uidformat.Analyzer.Flags.Set("pattern", pattern); err != nil {
		return err
	}
	if c == nil {
		return nil
	}
	var entries []pipeline.CatalogEntry
	for _, cls := range c.StatefulClasses {
		entries = append(entries, pipeline.CatalogEntry{Match: simpleClassName(cls), Role: "function", Stateful: "true", Reason: "declared stateful in " + c.Path})
	}
	for _, cls := range c.StatelessClasses {
		entries = append(entries, pipeline.CatalogEntry{Match: simpleClassName(cls), Role: "function", Stateful: "false", Reason: "declared stateless in " + c.Path})
	}
	return pipeline.AddCatalog(entries...)
}

// applyConfigAfter drops findings of disabled rules and of excluded files,
// and applies severity overrides.
func applyConfigAfter(c *config.Config, r *report.Result) {
	if c == nil {
		return
	}
	kept := r.Diagnostics[:0]
	for _, d := range r.Diagnostics {
		sev, override := c.Rules[d.Rule]
		switch {
		case sev == config.Off, !c.Selects(d.File):
			continue
		case override:
			d.Severity = report.Severity(sev)
		}
		kept = append(kept, d)
	}
	r.Diagnostics = kept
}

func simpleClassName(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '.' {
			return name[i+1:]
		}
	}
	return name
}
