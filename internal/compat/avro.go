package compat

import (
	"bytes"
	"encoding/json"

	"github.com/hamba/avro/v2"
)

// sameJSON reports whether two JSON texts hold the same value (schemas
// written with other spacing or key order are the same schema).
func sameJSON(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return a == b
	}
	xa, err1 := json.Marshal(x)
	ya, err2 := json.Marshal(y)
	return err1 == nil && err2 == nil && bytes.Equal(xa, ya)
}

// avroEvolution runs Avro's reader/writer compatibility check with the
// saved schema as writer and the new one as reader, as
// AvroSerializerSnapshot does: compatible schemas are migrated, others are
// incompatible. Each schema is parsed into its own cache, since both
// versions of a record carry the same name.
func avroEvolution(writerSchema, readerSchema, class string) resolution {
	if writerSchema == "" {
		return resolution{verdict: unknown, why: "the saved Avro schema is not decoded"}
	}
	w, err := avro.ParseWithCache(writerSchema, "", &avro.SchemaCache{})
	if err != nil {
		return resolution{verdict: unknown, why: "the saved Avro schema does not parse: " + err.Error()}
	}
	r, err := avro.ParseWithCache(readerSchema, "", &avro.SchemaCache{})
	if err != nil {
		return resolution{verdict: unknown, why: "the Avro schema of " + class + " does not parse: " + err.Error()}
	}
	if err := avro.NewSchemaCompatibility().Compatible(r, w); err != nil {
		return resolution{verdict: incompatible, why: "Avro schema of " + class + " cannot read the saved data: " + err.Error()}
	}
	return resolution{verdict: migrate, why: "the Avro schema of " + class + " evolved compatibly"}
}
