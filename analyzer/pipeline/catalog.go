package pipeline

import (
	"strings"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
	"github.com/uidcheck/uidcheck/analyzer/javasyntax"
)

// lookupCatalog finds the entry for a class name as written.
func (ix *index) lookupCatalog(name string) (flinkapi.CatalogEntry, bool) {
	return ix.catalog.Lookup(name)
}

// lookupCatalogValue finds the entry for a value: by the static factory
// that made it ("JdbcSink.sink") when the catalog tells that factory apart,
// else by its class. A builder's entry already carries the verdict of the
// class its build() creates (flinkapi's generated catalog follows it).
func (ix *index) lookupCatalogValue(v *value) (flinkapi.CatalogEntry, bool) {
	e, ok := flinkapi.CatalogEntry{}, false
	if v.factory != "" {
		e, ok = ix.catalog.Entry(v.factory)
	}
	if !ok {
		e, ok = ix.catalog.Lookup(qualify(v.className, v.file))
	}
	return e, ok
}

// qualify prefixes a class name as written with the package its file
// imports it from, so that the catalog tells apart classes that share a
// simple name (the legacy and the FLIP-27 DataGeneratorSource). Names
// already qualified, or not imported by name, are returned as they are.
func qualify(name string, file *javasyntax.File) string {
	if file == nil || name == "" {
		return name
	}
	first, _, _ := strings.Cut(name, ".")
	first, _, _ = strings.Cut(first, "<")
	for _, imp := range file.Imports {
		if strings.HasSuffix(imp, "."+first) && !strings.HasPrefix(imp, "static ") {
			return imp[:len(imp)-len(first)] + name
		}
	}
	return name
}

// statefulOf converts a catalog entry's statefulness.
func statefulOf(e flinkapi.CatalogEntry) Stateful {
	switch e.Stateful {
	case "true":
		return StatefulYes
	case "false":
		return StatefulNo
	}
	return StatefulUnknown
}
