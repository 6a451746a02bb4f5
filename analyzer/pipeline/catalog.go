package pipeline

import "github.com/uidcheck/uidcheck/analyzer/flinkapi"

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
		e, ok = ix.catalog.Lookup(v.className)
	}
	return e, ok
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
