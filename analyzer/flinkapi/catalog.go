// Package flinkapi holds facts about Flink's API that several parts of
// uidcheck need: the Sink V2 parts a sinkTo expands into, and the catalog of
// connector and library classes whose code is not in the analysed tree:
// catalog_generated.json, judged from the bytecode of Flink's and the
// connectors' jars (scripts/catalog-gen.sh), and catalog.json, the few
// hand-written entries for what bytecode cannot decide.
package flinkapi

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// The Sink V2 parts a sinkTo expands into. Flink derives the uid of each
// part after the writer from the sink's uid ("Sink Committer: U").
const (
	PartWriter          = "Writer"
	PartCommitter       = "Committer"
	PartGlobalCommitter = "Global Committer"
)

// CatalogEntry describes a connector or library class whose code is not in
// the analysed tree: whether the operator it creates keeps state.
type CatalogEntry struct {
	// Match is a simple class name: the class instantiated (new X(...)),
	// extended by a user class, or whose static call starts a builder chain
	// (X.builder()...build()); or "X.method" for one static factory of a
	// class whose factories differ (JdbcSink.sink).
	Match string `json:"match"`
	// Role is "source", "sink", "function" or "operator" (an operator or
	// operator factory given to transform).
	Role string `json:"role"`
	// Stateful is "true", "false" or "unknown".
	Stateful string `json:"stateful"`
	Reason   string `json:"reason"`
	// Parts are the Sink V2 sub-operators (PartWriter, PartCommitter,
	// PartGlobalCommitter) for sinks used with sinkTo.
	Parts []string `json:"parts,omitempty"`
	// Class is the fully qualified class (or Class.method) a generated
	// entry was judged from; Returns the class a builder or factory
	// method creates.
	Class   string `json:"class,omitempty"`
	Returns string `json:"returns,omitempty"`
	// From names the artifacts (groupId:artifactId:version) whose
	// bytecode gave a generated entry's verdict.
	From []string `json:"from,omitempty"`
	// Why says, for a hand-written entry, why bytecode cannot decide it.
	Why string `json:"why,omitempty"`
	// Origin is where the entry comes from: OriginBytecode,
	// OriginHandWritten or the configuration file that declared it.
	Origin string `json:"-"`
}

// Origins of catalog entries other than a configuration file.
const (
	OriginBytecode    = "bytecode"
	OriginHandWritten = "hand-written"
)

// Validate checks the fields that take one of a few values.
func (e CatalogEntry) Validate() error {
	if e.Match == "" {
		return errors.New("catalog entry without match")
	}
	switch e.Role {
	case "source", "sink", "function", "operator":
	default:
		return fmt.Errorf("catalog entry %s: role %q: want source, sink, function or operator", e.Match, e.Role)
	}
	switch e.Stateful {
	case "true", "false", "unknown":
	default:
		return fmt.Errorf("catalog entry %s: stateful %q: want true, false or unknown", e.Match, e.Stateful)
	}
	for _, p := range e.Parts {
		switch p {
		case PartWriter, PartCommitter, PartGlobalCommitter:
		default:
			return fmt.Errorf("catalog entry %s: part %q: want Writer, Committer or Global Committer", e.Match, p)
		}
	}
	return nil
}

//go:embed catalog.json
var catalogJSON []byte

//go:embed catalog_generated.json
var generatedJSON []byte

// builtin is the hand-written catalog, by Match; it is never modified.
var builtin = mustLoadCatalog()

func mustLoadCatalog() map[string]CatalogEntry {
	var doc struct {
		Entries []CatalogEntry `json:"entries"`
	}
	if err := json.Unmarshal(catalogJSON, &doc); err != nil {
		panic(fmt.Sprintf("flinkapi: embedded catalog.json: %v", err))
	}
	m := map[string]CatalogEntry{}
	for _, e := range doc.Entries {
		if err := e.Validate(); err != nil {
			panic(fmt.Sprintf("flinkapi: embedded catalog.json: %v", err))
		}
		if e.Why == "" {
			panic(fmt.Sprintf("flinkapi: embedded catalog.json: %s says not why bytecode cannot decide it", e.Match))
		}
		e.Origin = OriginHandWritten
		m[e.Match] = e
	}
	return m
}

// generatedCatalog is catalog_generated.json: every entry, and the entries
// by Match and by Class. A class judged in several releases has an entry
// per distinct verdict.
type generatedCatalog struct {
	Artifacts []struct {
		Coords   string `json:"coords"`
		Universe string `json:"universe"`
		SHA256   string `json:"sha256"`
	} `json:"artifacts"`
	Entries []CatalogEntry `json:"entries"`
	byMatch map[string][]int
	byClass map[string][]int
}

var generated = sync.OnceValue(func() *generatedCatalog {
	g := &generatedCatalog{byMatch: map[string][]int{}, byClass: map[string][]int{}}
	if err := json.Unmarshal(generatedJSON, g); err != nil {
		panic(fmt.Sprintf("flinkapi: embedded catalog_generated.json: %v", err))
	}
	for i := range g.Entries {
		e := &g.Entries[i]
		if err := e.Validate(); err != nil {
			panic(fmt.Sprintf("flinkapi: embedded catalog_generated.json: %v", err))
		}
		e.Origin = OriginBytecode
		g.byMatch[e.Match] = append(g.byMatch[e.Match], i)
		g.byClass[e.Class] = append(g.byClass[e.Class], i)
	}
	return g
})

// GeneratedArtifacts returns the groupId:artifactId:version of every jar
// the generated catalog was judged from.
func GeneratedArtifacts() []string {
	var out []string
	for _, a := range generated().Artifacts {
		out = append(out, a.Coords)
	}
	return out
}

// merged folds the generated entries of one name into the verdict the
// analysis uses: theirs when they agree, else unknown, naming each.
func merged(idx []int) (CatalogEntry, bool) {
	if len(idx) == 0 {
		return CatalogEntry{}, false
	}
	g := generated()
	first := g.Entries[idx[0]]
	for _, i := range idx[1:] {
		e := g.Entries[i]
		if e.Stateful != first.Stateful {
			return disagreement(idx), true
		}
		first.From = mergeParts(first.From, e.From)
		first.Parts = mergeParts(first.Parts, e.Parts)
	}
	return first, true
}

func disagreement(idx []int) CatalogEntry {
	g := generated()
	out := g.Entries[idx[0]]
	out.Stateful, out.From, out.Returns = "unknown", nil, ""
	var parts []string
	for _, i := range idx {
		e := g.Entries[i]
		parts = append(parts, e.Class+" is "+statefulWord(e.Stateful)+" in "+strings.Join(e.From, ", "))
		out.From = mergeParts(out.From, e.From)
		out.Parts = mergeParts(out.Parts, e.Parts)
	}
	out.Reason = "the releases or classes of this name differ: " + strings.Join(parts, "; ")
	return out
}

func statefulWord(s string) string {
	switch s {
	case "true":
		return "stateful"
	case "false":
		return "stateless"
	}
	return "undecided"
}

// mergeParts appends to a the strings of b it lacks.
func mergeParts(a, b []string) []string {
	out := slices.Clone(a)
	for _, p := range b {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// Catalog is the built-in catalog with a project's own entries on top.
type Catalog struct {
	own map[string]CatalogEntry
}

// NewCatalog returns the built-in catalog extended by own entries, which
// replace built-in ones of the same Match.
func NewCatalog(own []CatalogEntry) (*Catalog, error) {
	c := &Catalog{own: map[string]CatalogEntry{}}
	for _, e := range own {
		if err := e.Validate(); err != nil {
			return nil, err
		}
		c.own[e.Match] = e
	}
	return c, nil
}

// Entry returns the entry whose Match is exactly key: the project's own,
// else the hand-written, else the generated one.
func (c *Catalog) Entry(key string) (CatalogEntry, bool) {
	if e, ok := c.own[key]; ok {
		return e, true
	}
	if e, ok := builtin[key]; ok {
		return e, true
	}
	return merged(generated().byMatch[key])
}

// Lookup finds the entry for a class name as written: "KafkaSink",
// "pkg.KafkaSink", or a nested builder such as "ElasticsearchSink.Builder",
// trying the fully qualified name, then the innermost name first, each with
// the classes it is nested in.
func (c *Catalog) Lookup(name string) (CatalogEntry, bool) {
	name, _, _ = strings.Cut(name, "<")
	if _, own := c.own[name[strings.LastIndexByte(name, '.')+1:]]; !own {
		if e, ok := merged(generated().byClass[name]); ok && strings.Contains(name, ".") {
			return e, true
		}
	}
	for name != "" {
		// Outer.Inner and Class.method, as the generated catalog names
		// nested classes and factory methods, longest first.
		for j := range len(name) {
			if j == 0 || name[j-1] == '.' {
				if strings.Contains(name[j:], ".") {
					if e, ok := c.Entry(name[j:]); ok {
						return e, true
					}
				}
			}
		}
		i := strings.LastIndexByte(name, '.')
		if e, ok := c.Entry(name[i+1:]); ok {
			return e, true
		}
		if i < 0 {
			break
		}
		name = name[:i]
	}
	return CatalogEntry{}, false
}

// envClass is how the generated catalog names the environment's source
// methods: "StreamExecutionEnvironment.fromParallelCollection".
const envClass = "StreamExecutionEnvironment."

// EnvSource returns the Methods row of an environment source method, its
// statefulness taken from the catalog entry of the method when that entry
// decides (true or false): a project's own entry, else a hand-written one,
// else the verdict judged from Flink's bytecode. Where the catalog does not
// decide (overloads that create different functions) the row's own
// Stateful stands. This is the one place where the catalog overrides the
// table.
func (c *Catalog) EnvSource(name string) (Method, bool) {
	row, ok := Lookup(EnvSource, name)
	if !ok || row.Stateful == "function" {
		return row, ok
	}
	if e, found := c.Entry(envClass + name); found && (e.Stateful == "true" || e.Stateful == "false") {
		row.Stateful, row.Reason = e.Stateful, e.Reason
	}
	return row, true
}

// Explain returns every entry a name matches, the one the analysis uses
// first: the project's and hand-written entries, then each generated
// verdict (one per release that judged the class differently).
func (c *Catalog) Explain(name string) []CatalogEntry {
	var out []CatalogEntry
	used, ok := c.Lookup(name)
	if !ok {
		return nil
	}
	out = append(out, used)
	if used.Origin != OriginBytecode {
		return out
	}
	g := generated()
	key := used.Class
	idx := g.byClass[key]
	if len(idx) == 0 || !strings.Contains(name, ".") {
		idx = g.byMatch[used.Match]
	}
	if len(idx) > 1 {
		for _, i := range idx {
			out = append(out, g.Entries[i])
		}
	}
	return out
}
