// Package flinkapi holds facts about Flink's API that several parts of
// uidcheck need: the Sink V2 parts a sinkTo expands into, and the catalog of
// connector and library classes whose code is not in the analysed tree.
package flinkapi

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
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
	// Role is "source", "sink" or "function".
	Role string `json:"role"`
	// Stateful is "true", "false" or "unknown".
	Stateful string `json:"stateful"`
	Reason   string `json:"reason"`
	// Parts are the Sink V2 sub-operators (PartWriter, PartCommitter,
	// PartGlobalCommitter) for sinks used with sinkTo.
	Parts []string `json:"parts,omitempty"`
	// Builds is, for a class whose builder chain ends in build()
	// (PostgreSQLSource.builder()...build()), the simple name of the class
	// build() returns; that class's entry then decides, and Stateful is
	// left empty.
	Builds string `json:"builds,omitempty"`
}

// Validate checks the fields that take one of a few values.
func (e CatalogEntry) Validate() error {
	if e.Match == "" {
		return errors.New("catalog entry without match")
	}
	switch e.Role {
	case "source", "sink", "function":
	default:
		return fmt.Errorf("catalog entry %s: role %q: want source, sink or function", e.Match, e.Role)
	}
	switch {
	case e.Builds != "" && e.Stateful == "":
	case e.Stateful == "true", e.Stateful == "false", e.Stateful == "unknown":
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

// builtin is the embedded catalog, by Match; it is never modified.
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
		m[e.Match] = e
	}
	return m
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

// Entry returns the entry whose Match is exactly key.
func (c *Catalog) Entry(key string) (CatalogEntry, bool) {
	if e, ok := c.own[key]; ok {
		return e, true
	}
	e, ok := builtin[key]
	return e, ok
}

// Lookup finds the entry for a class name as written: "KafkaSink",
// "pkg.KafkaSink", or a nested builder such as "ElasticsearchSink.Builder",
// trying the innermost name first.
func (c *Catalog) Lookup(name string) (CatalogEntry, bool) {
	name, _, _ = strings.Cut(name, "<")
	for name != "" {
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
