package savepointinfo

import "strings"

// StateMeta is one state registered in an operator's state backend, as the
// savepoint describes it: Flink writes a StateMetaInfoSnapshot per state at
// the head of each keyed or operator state stream (docs/state-meta-format.md).
// compat compares it with the state descriptors the new code registers.
type StateMeta struct {
	Name string `json:"name"`
	// Backend is Flink's BackendStateType: "KEY_VALUE", "OPERATOR",
	// "BROADCAST" or "PRIORITY_QUEUE".
	Backend string `json:"backend"`
	// Kind is the keyed state kind ("VALUE", "LIST", "MAP", "REDUCING",
	// "AGGREGATING", "FOLDING") or, for operator and broadcast state, the
	// distribution mode ("SPLIT_DISTRIBUTE", "UNION", "BROADCAST").
	Kind string `json:"kind"`
	// Value is the value serializer (the element serializer of operator list
	// state, the value serializer of broadcast state).
	Value *Serializer `json:"value,omitempty"`
	// Namespace is the namespace serializer of keyed state (a window's).
	Namespace *Serializer `json:"namespace,omitempty"`
	// Key is the key serializer of broadcast state.
	Key *Serializer `json:"key,omitempty"`
	// TTL reports whether the value serializer is wrapped by Flink's TTL
	// serializer, that is whether the state was registered with a
	// StateTtlConfig.
	TTL bool `json:"ttl"`
}

// OperatorStateMeta is what the savepoint says about the states of one
// operator entry, merged over its subtasks.
type OperatorStateMeta struct {
	// KeySerializer is the keyed backend's key serializer; nil when the
	// operator has no keyed state.
	KeySerializer *Serializer `json:"key_serializer,omitempty"`
	States        []StateMeta `json:"states"`
	// Unread names each state stream whose description could not be read
	// completely, and why. A state missing from States because of it must not
	// be taken as absent.
	Unread []string `json:"unread,omitempty"`
	// BytesRead counts the bytes read from _metadata and the state files
	// to produce this: the descriptions, not the state.
	BytesRead int64 `json:"-"`
	// keyedStreams and operatorStreams count the descriptions read
	// completely, for tests.
	keyedStreams, operatorStreams int
}

// Serializer is a decoded TypeSerializerSnapshot: the shape of the data a
// state holds, as far as the snapshot tells it.
type Serializer struct {
	// Snapshot is the snapshot class as written, e.g.
	// "org.apache.flink.api.common.typeutils.base.LongSerializer$LongSerializerSnapshot".
	Snapshot string `json:"snapshot"`
	// Family groups snapshots that Flink checks by the same rule: "simple"
	// (one fixed serializer class: primitives, String, …), "pojo", "kryo",
	// "avro", "enum", "tuple", "row", "list", "map", "array", "either",
	// "nullable", "ttl", "scala", "composite" (another nested-serializer
	// snapshot), "generic" (a Value or Writable serializer: one class, named
	// in Type) or "unknown". The table runtime's MapData and ArrayData
	// snapshots are "map" and "array" without Nested: their element
	// serializers are Java-serialized.
	Family string `json:"family"`
	// Type is the Java type the data has when the snapshot names it: the
	// POJO, enum, Avro, Kryo or tuple class, or the boxed primitive / String
	// class a simple serializer handles.
	Type string `json:"type,omitempty"`
	// Nested are the nested serializers in Flink's order: list [element],
	// map [key, value], ttl [timestamp, value], either [left, right],
	// tuple/row/case class: the fields.
	Nested []*Serializer `json:"nested,omitempty"`
	// Fields are a POJO's fields in the snapshot's order.
	Fields []PojoField `json:"fields,omitempty"`
	// AvroSchema is the writer schema of an Avro snapshot, as JSON.
	AvroSchema string `json:"avro_schema,omitempty"`
	// EnumConstants are an enum's constants in ordinal order.
	EnumConstants []string `json:"enum_constants,omitempty"`
	// KryoRegistrations are the registered class names, in order.
	KryoRegistrations []string `json:"kryo_registrations,omitempty"`
	// Unparsed says why the snapshot's payload was not decoded; the other
	// fields then hold only what was read before.
	Unparsed string `json:"unparsed,omitempty"`
}

// PojoField is one field of a POJO serializer snapshot.
type PojoField struct {
	Name       string      `json:"name"`
	Serializer *Serializer `json:"serializer"`
}

// String renders the serializer as a type a Java programmer reads:
// "Long", "List<String>", "Map<String, POJO com.acme.Event>", "Kryo
// com.acme.Blob". The TTL wrapper is left out (StateMeta.TTL says it); a
// snapshot that was not decoded shows its class.
func (s *Serializer) String() string {
	if s == nil {
		return "?"
	}
	nested := func(i int) string {
		if i < len(s.Nested) {
			return s.Nested[i].String()
		}
		return "?"
	}
	all := func() string {
		parts := make([]string, len(s.Nested))
		for i, n := range s.Nested {
			parts[i] = n.String()
		}
		return strings.Join(parts, ", ")
	}
	switch {
	case s.Unparsed != "" && s.Family == "unknown":
		return "? (" + shortClass(s.Snapshot) + ")"
	case s.Family == "simple" && s.Type != "":
		return shortClass(s.Type)
	case s.Family == "ttl":
		return nested(1)
	case s.Family == "list":
		return "List<" + nested(0) + ">"
	case s.Family == "map" && len(s.Nested) == 2:
		return "Map<" + nested(0) + ", " + nested(1) + ">"
	case s.Family == "either":
		return "Either<" + all() + ">"
	case s.Family == "nullable":
		return "Nullable<" + nested(0) + ">"
	case s.Family == "array" && len(s.Nested) == 1:
		return nested(0) + "[]"
	case s.Family == "tuple" || s.Family == "row" || s.Family == "scala" && len(s.Nested) > 0:
		name := shortClass(s.Type)
		if name == "" {
			name = s.Family
		}
		return name + "<" + all() + ">"
	case familyNames[s.Family] != "":
		return familyNames[s.Family] + " " + s.Type
	}
	name := strings.TrimSuffix(strings.TrimSuffix(shortClass(s.Snapshot), "Snapshot"), "Serializer")
	if i := strings.LastIndexByte(name, '$'); i >= 0 {
		name = name[i+1:]
	}
	if len(s.Nested) > 0 {
		return name + "<" + all() + ">"
	}
	return name
}

// familyNames label the families whose type is a class of the job's own.
var familyNames = map[string]string{"pojo": "POJO", "kryo": "Kryo", "avro": "Avro", "enum": "Enum", "generic": "Value"}
