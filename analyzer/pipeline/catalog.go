package pipeline

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
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
	// Parts are the Sink V2 sub-operators ("Writer", "Committer",
	// "Global Committer") for sinks used with sinkTo.
	Parts []string `json:"parts,omitempty"`
}

//go:embed catalog.json
var catalogJSON []byte

var catalog = struct {
	sync.RWMutex
	entries map[string]CatalogEntry
}{entries: mustLoadCatalog()}

func mustLoadCatalog() map[string]CatalogEntry {
	var doc struct {
		Entries []CatalogEntry `json:"entries"`
	}
	if err := json.Unmarshal(catalogJSON, &doc); err != nil {
		panic(fmt.Sprintf("pipeline: embedded catalog.json: %v", err))
	}
	m := map[string]CatalogEntry{}
	for _, e := range doc.Entries {
		if err := e.validate(); err != nil {
			panic(fmt.Sprintf("pipeline: embedded catalog.json: %v", err))
		}
		m[e.Match] = e
	}
	return m
}

func (e CatalogEntry) validate() error {
	if e.Match == "" {
		return errors.New("catalog entry without match")
	}
	switch e.Role {
	case "source", "sink", "function":
	default:
		return fmt.Errorf("catalog entry %s: role %q: want source, sink or function", e.Match, e.Role)
	}
	switch e.Stateful {
	case "true", "false", "unknown":
	default:
		return fmt.Errorf("catalog entry %s: stateful %q: want true, false or unknown", e.Match, e.Stateful)
	}
	for _, p := range e.Parts {
		switch p {
		case partWriter, partCommitter, partGlobalCommitter:
		default:
			return fmt.Errorf("catalog entry %s: part %q: want Writer, Committer or Global Committer", e.Match, p)
		}
	}
	return nil
}

// AddCatalog adds or replaces catalog entries, for example from a user's
// configuration file. It is safe for concurrent use, but entries added
// during an analysis may or may not be seen by it.
func AddCatalog(entries ...CatalogEntry) error {
	for _, e := range entries {
		if err := e.validate(); err != nil {
			return err
		}
	}
	catalog.Lock()
	defer catalog.Unlock()
	for _, e := range entries {
		catalog.entries[e.Match] = e
	}
	return nil
}

// Catalog returns a copy of the current catalog entries.
func Catalog() []CatalogEntry {
	catalog.RLock()
	defer catalog.RUnlock()
	out := make([]CatalogEntry, 0, len(catalog.entries))
	for _, e := range catalog.entries {
		out = append(out, e)
	}
	return out
}

// lookupCatalog finds the entry for a class name as written: "KafkaSink",
// "pkg.KafkaSink", or a nested builder such as "ElasticsearchSink.Builder",
// trying the innermost name first.
func lookupCatalog(name string) (CatalogEntry, bool) {
	name, _, _ = strings.Cut(name, "<")
	catalog.RLock()
	defer catalog.RUnlock()
	for name != "" {
		i := strings.LastIndexByte(name, '.')
		if e, ok := catalog.entries[name[i+1:]]; ok {
			return e, true
		}
		if i < 0 {
			break
		}
		name = name[:i]
	}
	return CatalogEntry{}, false
}

// lookupCatalogValue finds the entry for a value: by the static factory
// that made it ("JdbcSink.sink") when the catalog tells that factory apart,
// else by its class.
func lookupCatalogValue(v *value) (CatalogEntry, bool) {
	if v.factory != "" {
		catalog.RLock()
		e, ok := catalog.entries[v.factory]
		catalog.RUnlock()
		if ok {
			return e, true
		}
	}
	return lookupCatalog(v.className)
}

func (e CatalogEntry) stateful() Stateful {
	switch e.Stateful {
	case "true":
		return StatefulYes
	case "false":
		return StatefulNo
	}
	return StatefulUnknown
}

const (
	partWriter          = "Writer"
	partCommitter       = "Committer"
	partGlobalCommitter = "Global Committer"
)
