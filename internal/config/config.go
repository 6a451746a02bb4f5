// Package config reads .uidcheck.yaml, the project's uidcheck configuration.
//
// The file is found by walking up from the working directory; --config names
// it explicitly. Schema (every key optional):
//
//	fail-on: error            # error, warning, info or none (a flag overrides it)
//	include: ["src/**"]       # globs, relative to the file's directory; default: everything
//	exclude: ["**/generated/**"]
//	rules:
//	  missinguid: warning     # a severity: error, warning or info, or off
//	  unstableuid: off
//	stateful-classes:         # in-house UDF base classes and connectors whose
//	  - com.acme.flink.KeyedBase  # code is not in the tree (simple or qualified names)
//	stateless-classes:
//	  - com.acme.flink.Enricher
//	uid-pattern: "^[a-z][a-z0-9-]*$"  # uids must match (rule uidformat)
//	include-tests: false      # also analyse jobs whose entry point is a test
//
// Unknown keys, wrong types and invalid values are errors that name the key
// and its line.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"
)

// FileName is the configuration file uidcheck looks for.
const FileName = ".uidcheck.yaml"

// Off disables a rule in Config.Rules.
const Off = "off"

// Config is a parsed configuration file.
type Config struct {
	// Path is the file read; Dir is its directory, the base of the globs.
	Path, Dir string
	FailOn    string
	Include   []string
	Exclude   []string
	// Rules maps rule names to a severity or Off.
	Rules            map[string]string
	StatefulClasses  []string
	StatelessClasses []string
	UIDPattern       *regexp.Regexp
	IncludeTests     bool
}

type raw struct {
	FailOn           string            `yaml:"fail-on"`
	Include          []string          `yaml:"include"`
	Exclude          []string          `yaml:"exclude"`
	Rules            map[string]string `yaml:"rules"`
	StatefulClasses  []string          `yaml:"stateful-classes"`
	StatelessClasses []string          `yaml:"stateless-classes"`
	UIDPattern       string            `yaml:"uid-pattern"`
	IncludeTests     bool              `yaml:"include-tests"`
}

// Find looks for FileName in dir and its parents; "" when there is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, FileName)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("look for %s: %w", FileName, err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and validates a configuration file. knownRules lists the rule
// names a "rules" entry may name.
func Load(path string, knownRules []string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	var r raw
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&r); err != nil && !errors.Is(err, io.EOF) {
		return nil, decodeError(path, err)
	}
	// A second document would be ignored by a single Decode: a "---" left
	// in the file would silently drop every setting after it.
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		line := next.Line
		if len(next.Content) > 0 {
			line = next.Content[0].Line
		}
		return nil, fmt.Errorf("%s:%d: a second YAML document; the configuration must be one document (remove the \"---\" before it)", path, line)
	} else if !errors.Is(err, io.EOF) {
		return nil, decodeError(path, err)
	}
	var root yaml.Node
	_ = yaml.Unmarshal(data, &root) // it parsed above; only line numbers are read from it
	lineOf := func(key string) int { return keyLine(&root, key) }
	bad := func(key, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s: %s", path, lineOf(key), key, fmt.Sprintf(format, args...))
	}

	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	c := &Config{
		Path: path, Dir: filepath.Dir(abs), FailOn: r.FailOn, Include: r.Include, Exclude: r.Exclude,
		Rules: r.Rules, StatefulClasses: r.StatefulClasses, StatelessClasses: r.StatelessClasses,
		IncludeTests: r.IncludeTests,
	}
	switch r.FailOn {
	case "", "error", "warning", "info", "none":
	default:
		return nil, bad("fail-on", "%q is not error, warning, info or none", r.FailOn)
	}
	for name, sev := range r.Rules {
		if !contains(knownRules, name) {
			return nil, bad("rules", "unknown rule %q (rules: %s)", name, strings.Join(knownRules, ", "))
		}
		switch sev {
		case "error", "warning", "info", Off:
		default:
			return nil, bad("rules", "rule %s: %q is not error, warning, info or off", name, sev)
		}
	}
	for _, key := range []string{"include", "exclude"} {
		globs := r.Include
		if key == "exclude" {
			globs = r.Exclude
		}
		for _, g := range globs {
			if !doublestar.ValidatePattern(g) {
				return nil, bad(key, "invalid glob %q", g)
			}
		}
	}
	if r.UIDPattern != "" {
		re, err := regexp.Compile(r.UIDPattern)
		if err != nil {
			return nil, bad("uid-pattern", "invalid regular expression: %v", err)
		}
		c.UIDPattern = re
	}
	return c, nil
}

var (
	reUnknownKey = regexp.MustCompile(`^line (\d+): field (\S+) not found in type \S+$`)
	reWrongType  = regexp.MustCompile("^line (\\d+): cannot unmarshal !!(\\w+) (?:`(.*)` )?into (.+)$")
	yamlKinds    = map[string]string{"str": "string", "int": "number", "float": "number", "bool": "boolean", "map": "map", "seq": "list", "null": "null"}
	typeNames    = map[string]string{
		"[]string": "a list of strings", "string": "a string", "bool": "true or false", "map[string]string": "a map of names to strings",
		"config.raw": "a map of settings (key: value) at the top level",
	}
)

// decodeError turns yaml's messages into "file:line: problem" lines that
// name the key and what was expected, without Go type names.
func decodeError(path string, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return fmt.Errorf("%s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	msgs := make([]string, 0, len(te.Errors))
	for _, e := range te.Errors {
		if m := reUnknownKey.FindStringSubmatch(e); m != nil {
			msgs = append(msgs, fmt.Sprintf("%s:%s: unknown key %q", path, m[1], m[2]))
		} else if m := reWrongType.FindStringSubmatch(e); m != nil {
			want := typeNames[m[4]]
			if want == "" {
				want = m[4]
			}
			have := "a " + yamlKinds[m[2]]
			if m[3] != "" {
				have += " " + strconv.Quote(m[3])
			}
			msgs = append(msgs, fmt.Sprintf("%s:%s: want %s, have %s", path, m[1], want, have))
		} else {
			msgs = append(msgs, path+": "+e)
		}
	}
	return errors.New(strings.Join(msgs, "\n"))
}

// keyLine finds the line of a top-level key, 0 when absent.
func keyLine(root *yaml.Node, key string) int {
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return 0
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return 0
}

// Selects reports whether a file (as collected) passes include and exclude.
func (c *Config) Selects(file string) bool {
	abs, err := filepath.Abs(file)
	if err != nil {
		return true
	}
	rel, err := filepath.Rel(c.Dir, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return true // outside the configured tree: globs do not apply
	}
	rel = filepath.ToSlash(rel)
	if len(c.Include) > 0 && !matchAny(c.Include, rel) {
		return false
	}
	return !matchAny(c.Exclude, rel)
}

func matchAny(globs []string, path string) bool {
	for _, g := range globs {
		if ok, _ := doublestar.Match(g, path); ok {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	return slices.Contains(list, s)
}
