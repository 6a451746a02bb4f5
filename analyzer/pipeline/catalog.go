package pipeline

import "github.com/uidcheck/uidcheck/analyzer/flinkapi"

// lookupCatalog finds the entry for a class name as written.
func (ix *index) lookupCatalog(name string) (flinkapi.CatalogEntry, bool) {
	return ix.catalog.Lookup(name)
}

// lookupCatalogValue finds the entry for a value: by the static factory
// that made it ("JdbcSink.sink") when the catalog tells that factory apart,
// else by its class.
func (ix *index) lookupCatalogValue(v *value) (flinkapi.CatalogEntry, bool) {
	if v.factory != "" {
		if e, ok := ix.catalog.Entry(v.factory); ok {
			return e, true
		}
	}
	return ix.catalog.Lookup(v.className)
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
