package compat

import (
	"fmt"
	"slices"

	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/savepointinfo"
)

// verdict is TypeSerializerSchemaCompatibility as the state check needs it
// (docs/state-meta-format.md §6.1): compatibleWithReconfiguredSerializer
// counts as asIs, since Flink proceeds without migration; unknown is a
// comparison the check cannot make.
type verdict int

// Verdicts, in the order worst picks from: an incompatible part makes the
// whole incompatible even when another part is unknown.
const (
	asIs verdict = iota
	migrate
	unknown
	incompatible
)

// resolution is a verdict with its reason; early is set when Flink fails
// already while reading the old snapshot (a removed enum constant).
type resolution struct {
	verdict verdict
	why     string
	early   string
}

func worst(rs ...resolution) resolution {
	out := resolution{verdict: asIs}
	for _, r := range rs {
		if r.verdict > out.verdict || r.verdict == out.verdict && out.why == "" {
			out = r
		}
	}
	return out
}

// maxNesting bounds the comparison of nested serializers.
const maxNesting = 16

// resolve predicts what the new type's serializer snapshot answers when
// asked about the old snapshot (§6.2).
func resolve(old *savepointinfo.Serializer, nw *pipeline.TypeInfo, depth int) resolution {
	switch {
	case depth > maxNesting:
		return resolution{verdict: unknown, why: "types nested too deeply"}
	case nw == nil || nw.Family == "":
		why := "the new type is not inferred"
		if nw != nil && nw.Unknown != "" {
			why = nw.Unknown
		}
		return resolution{verdict: unknown, why: why}
	case old == nil:
		return resolution{verdict: unknown, why: "the saved serializer is not decoded"}
	case old.Unparsed != "" || old.Family == "unknown":
		return resolution{verdict: unknown, why: "the saved serializer " + old.Snapshot + " is not decoded: " + old.Unparsed}
	}
	if old.Family == "nullable" && len(old.Nested) == 1 && nw.Family != "nullable" {
		// Flink 2 wraps a POJO's collection fields and their elements in
		// a NullableSerializer; the new job wraps them the same way.
		old = old.Nested[0]
	}
	if r, ok := resolveSavedKryo(old, nw); ok {
		return r
	}
	if nw.Family == "simple" {
		// A simple snapshot is compatible only with the same serializer
		// class; any other snapshot is incompatible with a simple one.
		if savedSerializer(old) == nw.Serializer {
			return resolution{verdict: asIs}
		}
		return changed(old, nw)
	}
	if !modelled[old.Family] {
		return resolution{verdict: unknown, why: "the saved serializer " + old.Snapshot + " is not compared"}
	}
	if old.Family != nw.Family {
		return changed(old, nw)
	}
	switch nw.Family {
	case "pojo":
		return resolvePojo(old, nw, depth)
	case "kryo":
		if old.Type != "" && old.Type != nw.Class {
			return changed(old, nw)
		}
		return resolution{verdict: asIs}
	case "enum":
		return resolveEnum(old, nw)
	case "avro":
		return resolveAvro(old, nw)
	case "tuple":
		// The snapshot names the tuple class (Tuple2 …); arrays are told
		// apart by their component, compared below.
		if old.Type != "" && nw.Class != "" && old.Type != nw.Class {
			return changed(old, nw)
		}
	}
	return resolveNested(old, nw, depth)
}

// resolveSavedKryo handles types whose serializer depends on the Flink
// version, saved with Kryo by the older one: a List (Kryo on 1.x whatever
// its elements, read back the same way by the same major version) and a
// record (Kryo before 1.19).
func resolveSavedKryo(old *savepointinfo.Serializer, nw *pipeline.TypeInfo) (resolution, bool) {
	switch {
	case old.Family != "kryo":
		return resolution{}, false
	case nw.Collection && old.Type == nw.Class:
		return resolution{verdict: asIs}, true
	case nw.Collection:
		return changed(old, nw), true
	case nw.Record:
		return resolution{verdict: unknown, why: "record " + nw.Class + " was saved with Kryo (Flink before 1.19); read as a POJO by Flink 1.19 and later, it cannot be restored, and read with Kryo by earlier versions it can: not checked"}, true
	}
	return resolution{}, false
}

// modelled are the saved families the check compares with inferred types;
// others (either, nullable, scala, composite, ttl in a value) are left
// unchecked rather than called incompatible.
var modelled = map[string]bool{
	"simple": true, "pojo": true, "kryo": true, "avro": true, "enum": true,
	"tuple": true, "row": true, "list": true, "map": true, "array": true,
}

func changed(old *savepointinfo.Serializer, nw *pipeline.TypeInfo) resolution {
	return resolution{verdict: incompatible, why: fmt.Sprintf("%s was %s", nw, describeSaved(old))}
}

func describeSaved(s *savepointinfo.Serializer) string {
	if s.Type != "" {
		return s.Type + " (" + s.Family + ")"
	}
	return savedSerializer(s)
}

// resolveNested is the composite rule: same number of nested serializers,
// each resolved in turn.
func resolveNested(old *savepointinfo.Serializer, nw *pipeline.TypeInfo, depth int) resolution {
	if len(old.Nested) == 0 && len(nw.Args) > 0 {
		// The table runtime's MapData and ArrayData snapshots keep their
		// element serializers Java-serialized: not decoded.
		return resolution{verdict: unknown, why: "the nested serializers of the saved " + old.Snapshot + " are not decoded"}
	}
	if len(old.Nested) != len(nw.Args) {
		return resolution{verdict: incompatible, why: fmt.Sprintf("%s has %d nested types, the saved one %d", nw, len(nw.Args), len(old.Nested))}
	}
	rs := make([]resolution, 0, len(nw.Args))
	for i, a := range nw.Args {
		rs = append(rs, resolve(old.Nested[i], a, depth+1))
	}
	return worst(rs...)
}

// resolvePojo follows PojoSerializerSnapshot: another class is
// incompatible; fields are matched by name, added and removed fields need
// a migration, and each kept field is resolved.
func resolvePojo(old *savepointinfo.Serializer, nw *pipeline.TypeInfo, depth int) resolution {
	if old.Type != "" && old.Type != nw.Class {
		return changed(old, nw)
	}
	rs := []resolution{{verdict: asIs}}
	seen := map[string]bool{}
	for _, of := range old.Fields {
		seen[of.Name] = true
		i := slices.IndexFunc(nw.Fields, func(f pipeline.TypeField) bool { return f.Name == of.Name })
		if i < 0 {
			rs = append(rs, resolution{verdict: migrate, why: "field " + of.Name + " of " + nw.Class + " was removed"})
			continue
		}
		r := resolve(of.Serializer, nw.Fields[i].Type, depth+1)
		if r.verdict != asIs {
			r.why = "field " + of.Name + ": " + r.why
		}
		rs = append(rs, r)
	}
	for _, f := range nw.Fields {
		if !seen[f.Name] {
			rs = append(rs, resolution{verdict: migrate, why: "field " + f.Name + " was added to " + nw.Class})
		}
	}
	return worst(rs...)
}

// resolveEnum follows EnumSerializerSnapshot: a removed constant fails
// while the snapshot is read; reordered or added constants are handled by
// a reconfigured serializer.
func resolveEnum(old *savepointinfo.Serializer, nw *pipeline.TypeInfo) resolution {
	if old.Type != "" && old.Type != nw.Class {
		return changed(old, nw)
	}
	if len(nw.EnumConstants) == 0 {
		return resolution{verdict: unknown, why: "the constants of " + nw.Class + " are not known"}
	}
	for _, c := range old.EnumConstants {
		if !slices.Contains(nw.EnumConstants, c) {
			return resolution{
				verdict: incompatible, why: "constant " + c + " was removed from " + nw.Class,
				early: "Could not create a restore serializer for enum class " + nw.Class + ". Probably because an enum value was removed.",
			}
		}
	}
	return resolution{verdict: asIs}
}

// resolveAvro follows AvroSerializerSnapshot: equal schemas are read as
// they are; other schemas are migrated when Avro's reader/writer check
// passes (avroEvolution) and incompatible when it does not.
func resolveAvro(old *savepointinfo.Serializer, nw *pipeline.TypeInfo) resolution {
	if nw.AvroSchema == "" {
		return resolution{verdict: unknown, why: "the Avro schema of " + nw.Class + " is not in the sources"}
	}
	if sameJSON(old.AvroSchema, nw.AvroSchema) {
		return resolution{verdict: asIs}
	}
	return avroEvolution(old.AvroSchema, nw.AvroSchema, nw.Class)
}
