package pipeline

import (
	"go/token"
	"strings"
)

// State kinds, spelled as Flink writes them into a savepoint's state meta
// info (docs/state-meta-format.md §4.3): the keyed StateDescriptor.Type, or
// for operator and broadcast state the distribution mode. compat compares
// them with the saved kinds as they are.
const (
	StateValue       = "VALUE"
	StateList        = "LIST"
	StateMap         = "MAP"
	StateReducing    = "REDUCING"
	StateAggregating = "AGGREGATING"
	// StateSplitList is operator list state (getListState on the
	// OperatorStateStore), StateUnionList its union variant.
	StateSplitList = "SPLIT_DISTRIBUTE"
	StateUnionList = "UNION"
	// StateBroadcast is broadcast MapState.
	StateBroadcast = "BROADCAST"
)

// Keyed reports whether a state kind is keyed state.
func Keyed(kind string) bool {
	switch kind {
	case StateValue, StateList, StateMap, StateReducing, StateAggregating:
		return true
	}
	return false
}

// TTL says whether a descriptor has a StateTtlConfig.
type TTL uint8

// TTL values; the zero value is unknown.
const (
	TTLUnknown TTL = iota
	TTLOff
	TTLOn
)

func (t TTL) String() string {
	switch t {
	case TTLOn:
		return "on"
	case TTLOff:
		return "off"
	case TTLUnknown:
	}
	return "unknown"
}

// StateDescriptor is one state a user function registers, as inferred from
// its source: what Flink compares with the saved state of the same name
// when the job resumes (docs/state-meta-format.md §6).
type StateDescriptor struct {
	// Name is the descriptor's name; "" when it could not be resolved.
	Name string
	// Kind is one of the State* constants.
	Kind string
	// Value is the type of the value: the value (VALUE), accumulator
	// (REDUCING, AGGREGATING), element (LIST, operator list state) or map
	// value (MAP, BROADCAST).
	Value *TypeInfo
	// MapKey is the map key type of MAP and BROADCAST state.
	MapKey *TypeInfo
	TTL    TTL
	// Pos is the call that registers the state (getState, getListState …).
	Pos token.Pos
	// Unresolved says why the name or kind is not known; such a descriptor
	// matches no saved state and is checked against none.
	Unresolved string
}

// TypeInfo is the Flink type information of a state's value or key, as
// the source tells it; it decides the serializer Flink writes and checks on
// restore. Family uses the vocabulary of savepointinfo.Serializer.Family, so
// that compat can compare the two.
type TypeInfo struct {
	// Family is "simple", "pojo", "kryo", "avro", "enum", "tuple", "row",
	// "list", "map" or "array"; "" when the type is not inferred (Unknown
	// then says why).
	Family string
	// Class is the Java class in binary form ("java.lang.Long",
	// "com.acme.Outer$Event"), for tuples the tuple class.
	Class string
	// Serializer is, for the simple family, the serializer's class name
	// (org.apache.flink.api.common.typeutils.base.LongSerializer).
	Serializer string
	// Args are the nested types in Flink's serializer order: tuple and row
	// fields, list element, map key and value, array component.
	Args []*TypeInfo
	// Fields are a POJO's fields by name.
	Fields []TypeField
	// EnumConstants are an enum's constants in declaration order.
	EnumConstants []string
	// NoArgConstructor reports, for a POJO or Kryo class of the tree,
	// whether it has a constructor without arguments (the heap backend
	// instantiates a POJO through it while it restores).
	NoArgConstructor bool
	// AvroSchema is an Avro specific record's schema (its SCHEMA$), "" when
	// not found in the source.
	AvroSchema string
	// Record marks a Java record judged as a POJO, as Flink 1.19 and later
	// serialize it; earlier versions use Kryo.
	Record bool
	// Collection marks a java.util.List: Flink 2.x serializes it with its
	// list serializer (family "list"), 1.x with Kryo.
	Collection bool
	// Unknown says why the type is not inferred.
	Unknown string
}

// TypeField is one field of a POJO.
type TypeField struct {
	Name string
	Type *TypeInfo
	// Primitive is the primitive type the field is declared with ("long"),
	// "" for a reference type: Java's reflection messages name it so.
	Primitive string
}

// Known reports whether t, and every type nested in it, is inferred; when
// not, it returns the first reason.
func (t *TypeInfo) Known() (bool, string) {
	if t == nil {
		return false, "no type"
	}
	if t.Family == "" {
		return false, t.Unknown
	}
	for _, a := range t.Args {
		if ok, why := a.Known(); !ok {
			return false, why
		}
	}
	for _, f := range t.Fields {
		if ok, why := f.Type.Known(); !ok {
			return false, "field " + f.Name + ": " + why
		}
	}
	return true, ""
}

// String renders the type as Java would write it, for messages.
func (t *TypeInfo) String() string {
	if t == nil || t.Family == "" {
		return "?"
	}
	name := t.Class
	if name == "" {
		name = t.Family
	}
	if len(t.Args) == 0 {
		return name
	}
	args := make([]string, len(t.Args))
	for i, a := range t.Args {
		args[i] = a.String()
	}
	return name + "<" + strings.Join(args, ", ") + ">"
}

// OperatorStates is what the source tells about the states one operator
// registers.
type OperatorStates struct {
	// Descriptors are the states registered by the operator's user
	// function, in source order.
	Descriptors []StateDescriptor
	// Complete reports that every state the operator registers is among
	// Descriptors: the function class and its hierarchy were read in full
	// and every registration was resolved. Only then is a saved state
	// without a descriptor known to be dropped. Incomplete says why not.
	Complete   bool
	Incomplete string
	// Key is the key type of keyed state (from the keyBy selector or the
	// keyed function's type arguments); nil when the operator is not keyed.
	Key *TypeInfo
}
