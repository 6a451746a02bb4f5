package compat

import (
	"slices"
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/flinkid"
	"github.com/uidcheck/uidcheck/internal/report"
	"github.com/uidcheck/uidcheck/savepointinfo"
)

// Saved serializers as Flink writes their snapshots (docs/state-meta-format.md §5).
const (
	longSnap   = "org.apache.flink.api.common.typeutils.base.LongSerializer$LongSerializerSnapshot"
	stringSnap = "org.apache.flink.api.common.typeutils.base.StringSerializer$StringSerializerSnapshot"
	intSnap    = "org.apache.flink.api.common.typeutils.base.IntSerializer$IntSerializerSnapshot"
	voidSnap   = "org.apache.flink.runtime.state.VoidNamespaceSerializer$VoidNamespaceSerializerSnapshot"
	pojoSnap   = "org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot"
	kryoSnap   = "org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializerSnapshot"
	listSnap   = "org.apache.flink.api.common.typeutils.base.ListSerializerSnapshot"
	mapSnap    = "org.apache.flink.api.common.typeutils.base.MapSerializerSnapshot"
	ttlSnap    = "org.apache.flink.runtime.state.ttl.TtlStateFactory$TtlSerializerSnapshot"
	enumSnap   = "org.apache.flink.api.common.typeutils.base.EnumSerializer$EnumSerializerSnapshot"
	avroSnap   = "org.apache.flink.formats.avro.typeutils.AvroSerializerSnapshot"
	timerSnap  = "org.apache.flink.streaming.api.operators.TimerSerializerSnapshot"
)

func snapLong() *savepointinfo.Serializer {
	return &savepointinfo.Serializer{Snapshot: longSnap, Family: "simple", Type: "java.lang.Long"}
}

func snapString() *savepointinfo.Serializer {
	return &savepointinfo.Serializer{Snapshot: stringSnap, Family: "simple", Type: "java.lang.String"}
}

func snapInt() *savepointinfo.Serializer {
	return &savepointinfo.Serializer{Snapshot: intSnap, Family: "simple", Type: "java.lang.Integer"}
}

func snapTTL(v *savepointinfo.Serializer) *savepointinfo.Serializer {
	return &savepointinfo.Serializer{Snapshot: ttlSnap, Family: "ttl", Nested: []*savepointinfo.Serializer{snapLong(), v}}
}

func snapList(e *savepointinfo.Serializer) *savepointinfo.Serializer {
	return &savepointinfo.Serializer{Snapshot: listSnap, Family: "list", Nested: []*savepointinfo.Serializer{e}}
}

func snapMap(k, v *savepointinfo.Serializer) *savepointinfo.Serializer {
	return &savepointinfo.Serializer{Snapshot: mapSnap, Family: "map", Nested: []*savepointinfo.Serializer{k, v}}
}

func snapPojo(class string, fields ...savepointinfo.PojoField) *savepointinfo.Serializer {
	return &savepointinfo.Serializer{Snapshot: pojoSnap, Family: "pojo", Type: class, Fields: fields}
}

func keyed(name, kind string, v *savepointinfo.Serializer) savepointinfo.StateMeta {
	return savepointinfo.StateMeta{
		Name: name, Backend: "KEY_VALUE", Kind: kind, Value: v, TTL: v.Family == "ttl" || len(v.Nested) > 0 && v.Nested[len(v.Nested)-1].Family == "ttl",
		Namespace: &savepointinfo.Serializer{Snapshot: voidSnap, Family: "simple"},
	}
}

// timers is the priority queue every keyed process operator writes.
func timers() savepointinfo.StateMeta {
	return savepointinfo.StateMeta{
		Name: "_timer_state/processing_user-timers", Backend: "PRIORITY_QUEUE",
		Value: &savepointinfo.Serializer{Snapshot: timerSnap, Family: "composite"},
	}
}

func simple(class string) *pipeline.TypeInfo {
	return &pipeline.TypeInfo{Family: "simple", Class: class, Serializer: map[string]string{
		"java.lang.Long":    "org.apache.flink.api.common.typeutils.base.LongSerializer",
		"java.lang.String":  "org.apache.flink.api.common.typeutils.base.StringSerializer",
		"java.lang.Integer": "org.apache.flink.api.common.typeutils.base.IntSerializer",
	}[class]}
}

// eventPojo is the new code's com.acme.Event POJO.
func eventPojo(fields ...pipeline.TypeField) *pipeline.TypeInfo {
	return &pipeline.TypeInfo{Family: "pojo", Class: "com.acme.Event", Fields: fields, NoArgConstructor: true}
}

func desc(name, kind string, v *pipeline.TypeInfo, ttl pipeline.TTL) pipeline.StateDescriptor {
	return pipeline.StateDescriptor{Name: name, Kind: kind, Value: v, TTL: ttl}
}

// stateCase runs one operator "counter" whose savepoint entry holds meta
// and whose new code registers states.
type stateCase struct {
	name    string
	meta    savepointinfo.OperatorStateMeta
	states  pipeline.OperatorStates
	backend StateBackend
	// optBackend is --state-backend, for a savepoint that does not tell.
	optBackend StateBackend
	version    FlinkVersion
	route      Route
	want       Verdict
	// outcomes are the findings' outcomes in order; msg a text the first
	// failure or unchecked reason must contain.
	outcomes []StateOutcome
	msg      string
}

func runStateCase(t *testing.T, c stateCase) *Result {
	t.Helper()
	src := &pipeline.Operator{Call: "process", States: &c.states}
	op := pinned("counter", "process", report.StatefulYes)
	op.Source = src
	s := Saved{ID: flinkid.FromUID("counter"), Parallelism: 2, MaxParallelism: 128, HasState: true, StateMeta: &c.meta, Backend: c.backend}
	return Predict(&Job{Operators: []*Operator{op}}, []Saved{s}, Options{FlinkVersion: c.version, Route: c.route, StateBackend: c.optBackend})
}

// Avro schemas of a tally record: v2 adds a field with a default, the
// other one without.
const (
	tallyV1        = `{"type":"record","name":"Tally","fields":[{"name":"count","type":"long"}]}`
	tallyV2        = `{"type":"record","name":"Tally","fields":[{"name":"count","type":"long"},{"name":"note","type":"string","default":""}]}`
	tallyNoDefault = `{"type":"record","name":"Tally","fields":[{"name":"count","type":"long"},{"name":"note","type":"string"}]}`
)

func TestPredictStates(t *testing.T) {
	t.Parallel()
	event := "com.acme.Event"
	longKey := simple("java.lang.Long")
	withKey := func(key *pipeline.TypeInfo, ds ...pipeline.StateDescriptor) pipeline.OperatorStates {
		return pipeline.OperatorStates{Descriptors: ds, Complete: true, Key: key}
	}
	meta := func(ss ...savepointinfo.StateMeta) savepointinfo.OperatorStateMeta {
		return savepointinfo.OperatorStateMeta{KeySerializer: snapLong(), States: append([]savepointinfo.StateMeta{timers()}, ss...)}
	}
	cases := []stateCase{
		{
			name: "value state unchanged", meta: meta(keyed("count", "VALUE", snapLong())),
			states: withKey(longKey, desc("count", "VALUE", simple("java.lang.Long"), pipeline.TTLOff)),
			want:   VerdictOK, outcomes: []StateOutcome{StateCompatible, StateCompatible},
		},
		{
			// hx_keyed_state_type_changed: Long -> String, heap.
			name: "value type Long to String, heap", meta: meta(keyed("count", "VALUE", snapLong())), backend: BackendHeap,
			states: withKey(longKey, desc("count", "VALUE", simple("java.lang.String"), pipeline.TTLOff)),
			want:   VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails},
			msg: "For heap backends, the new state serializer (org.apache.flink.api.common.typeutils.base.StringSerializer) must not be incompatible with the old state serializer (org.apache.flink.api.common.typeutils.base.LongSerializer).",
		},
		{
			name: "value type Long to Int, RocksDB", meta: meta(keyed("count", "VALUE", snapLong())), backend: BackendRocksDB,
			states: withKey(longKey, desc("count", "VALUE", simple("java.lang.Integer"), pipeline.TTLOff)),
			want:   VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails},
			msg: "The new state serializer (org.apache.flink.api.common.typeutils.base.IntSerializer) must not be incompatible",
		},
		{
			// hx_key_type_changed: Long key -> String key.
			name: "key type changed", meta: meta(keyed("count", "VALUE", snapLong())),
			states: withKey(simple("java.lang.String"), desc("count", "VALUE", simple("java.lang.Long"), pipeline.TTLOff)),
			want:   VerdictFails, outcomes: []StateOutcome{StateFails, StateCompatible},
			msg: "The new key serializer (org.apache.flink.api.common.typeutils.base.StringSerializer) must be compatible with the previous key serializer (org.apache.flink.api.common.typeutils.base.LongSerializer).",
		},
		{
			// hx_state_kind_changed: ValueState -> ListState under one name.
			name: "kind changed", meta: meta(keyed("count", "VALUE", snapLong())),
			states: withKey(longKey, desc("count", "LIST", simple("java.lang.Long"), pipeline.TTLOff)),
			want:   VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails},
			msg: "Incompatible key/value state types. Was [VALUE], registered with [LIST].",
		},
		{
			// hx_ttl_enabled on 1.20.5: Long -> TtlSerializer is incompatible.
			name: "TTL switched on, Flink 1.20", meta: meta(keyed("count", "VALUE", snapLong())), version: FlinkVersion{1, 20}, backend: BackendHeap,
			states: withKey(longKey, desc("count", "VALUE", simple("java.lang.Long"), pipeline.TTLOn)),
			want:   VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails},
			msg: "new state serializer (org.apache.flink.runtime.state.ttl.TtlStateFactory$TtlSerializer) must not be incompatible",
		},
		{
			// hx_ttl_enabled on 2.3.0: migrated.
			name: "TTL switched on, Flink 2.3", meta: meta(keyed("count", "VALUE", snapLong())), version: FlinkVersion{2, 3},
			states: withKey(longKey, desc("count", "VALUE", simple("java.lang.Long"), pipeline.TTLOn)),
			want:   VerdictOK, outcomes: []StateOutcome{StateCompatible, StateMigrated},
		},
		{
			name: "TTL switched off on list state, Flink 2.0", meta: meta(keyed("seen", "LIST", snapList(snapTTL(snapLong())))), version: FlinkVersion{2, 0},
			states: withKey(longKey, desc("seen", "LIST", simple("java.lang.Long"), pipeline.TTLOff)),
			want:   VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails},
			msg: "new state serializer (org.apache.flink.api.common.typeutils.base.ListSerializer)",
		},
		{
			name: "TTL switched on, Flink 2.1 heap", meta: meta(keyed("count", "VALUE", snapLong())), version: FlinkVersion{2, 1}, backend: BackendHeap,
			states: withKey(longKey, desc("count", "VALUE", simple("java.lang.Long"), pipeline.TTLOn)),
			want:   VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails},
			msg: "must not need ttl state migration",
		},
		{
			name: "TTL switched on, Flink 2.1 RocksDB", meta: meta(keyed("count", "VALUE", snapLong())), version: FlinkVersion{2, 1}, backend: BackendRocksDB,
			states: withKey(longKey, desc("count", "VALUE", simple("java.lang.Long"), pipeline.TTLOn)),
			want:   VerdictOK, outcomes: []StateOutcome{StateCompatible, StateMigrated},
		},
		{
			name: "TTL switched on, version unknown", meta: meta(keyed("count", "VALUE", snapLong())),
			states: withKey(longKey, desc("count", "VALUE", simple("java.lang.Long"), pipeline.TTLOn)),
			want:   VerdictOK, outcomes: []StateOutcome{StateCompatible, StateUnchecked}, msg: "Flink version is not known",
		},
		{
			name: "TTL kept on map state", meta: meta(keyed("m", "MAP", snapMap(snapString(), snapTTL(snapLong())))),
			states: withKey(longKey, pipeline.StateDescriptor{Name: "m", Kind: "MAP", Value: simple("java.lang.Long"), MapKey: simple("java.lang.String"), TTL: pipeline.TTLOn}),
			want:   VerdictOK, outcomes: []StateOutcome{StateCompatible, StateCompatible},
		},
		{
			name: "POJO field added", backend: BackendHeap,
			meta: meta(keyed("last", "VALUE", snapPojo(event, savepointinfo.PojoField{Name: "user", Serializer: snapString()}))),
			states: withKey(longKey, desc("last", "VALUE", eventPojo(
				pipeline.TypeField{Name: "user", Type: simple("java.lang.String")},
				pipeline.TypeField{Name: "amount", Type: simple("java.lang.Long")}), pipeline.TTLOff)),
			want: VerdictOK, outcomes: []StateOutcome{StateCompatible, StateMigrated},
		},
		{
			name: "value type Int to Long", meta: meta(keyed("count", "VALUE", snapInt())), backend: BackendHeap,
			states: withKey(longKey, desc("count", "VALUE", simple("java.lang.Long"), pipeline.TTLOff)),
			want:   VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails}, msg: "old state serializer (org.apache.flink.api.common.typeutils.base.IntSerializer)",
		},
		{
			name: "POJO class changed",
			meta: meta(keyed("last", "VALUE", snapPojo("com.acme.OldEvent", savepointinfo.PojoField{Name: "user", Serializer: snapString()}))),
			states: withKey(longKey, desc("last", "VALUE", eventPojo(
				pipeline.TypeField{Name: "user", Type: simple("java.lang.String")}), pipeline.TTLOff)),
			want: VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails}, msg: "PojoSerializer",
		},
		{
			// pojo_field_type_changed_rocksdb: the state serializer check.
			name: "POJO field type changed, RocksDB", backend: BackendRocksDB,
			meta: meta(keyed("last", "VALUE", snapPojo(event, savepointinfo.PojoField{Name: "amount", Serializer: snapLong()}))),
			states: withKey(longKey, desc("last", "VALUE", eventPojo(
				pipeline.TypeField{Name: "amount", Type: simple("java.lang.String")}), pipeline.TTLOff)),
			want: VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails},
			msg: "The new state serializer (org.apache.flink.api.java.typeutils.runtime.PojoSerializer) must not be incompatible",
		},
		{
			// pojo_field_type_changed: the heap backend fails while it reads the data.
			name: "POJO field type changed, heap", backend: BackendHeap,
			meta: meta(keyed("last", "VALUE", snapPojo(event, savepointinfo.PojoField{Name: "amount", Serializer: snapLong()}))),
			states: withKey(longKey, desc("last", "VALUE", eventPojo(
				pipeline.TypeField{Name: "amount", Type: simple("java.lang.String")}), pipeline.TTLOff)),
			want: VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails},
			msg: "Can not set java.lang.String field com.acme.Event.amount to java.lang.Long",
		},
		{
			// pojo_to_kryo_rocksdb: Kryo against the saved POJO snapshot.
			name: "POJO falls back to Kryo, RocksDB", backend: BackendRocksDB,
			meta:   meta(keyed("last", "VALUE", snapPojo(event, savepointinfo.PojoField{Name: "amount", Serializer: snapLong()}))),
			states: withKey(longKey, desc("last", "VALUE", &pipeline.TypeInfo{Family: "kryo", Class: event}, pipeline.TTLOff)),
			want:   VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails}, msg: "KryoSerializer",
		},
		{
			// pojo_to_kryo: the class lost its no-argument constructor.
			name: "POJO falls back to Kryo, heap", backend: BackendHeap,
			meta:   meta(keyed("last", "VALUE", snapPojo(event, savepointinfo.PojoField{Name: "amount", Serializer: snapLong()}))),
			states: withKey(longKey, desc("last", "VALUE", &pipeline.TypeInfo{Family: "kryo", Class: event}, pipeline.TTLOff)),
			want:   VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails}, msg: "com.acme.Event.<init>()",
		},
		{
			// A Kryo class that keeps a no-argument constructor and its field
			// types reads at heap restore, then fails at registration.
			name: "POJO falls back to Kryo with a constructor, heap", backend: BackendHeap,
			meta:   meta(keyed("last", "VALUE", snapPojo(event, savepointinfo.PojoField{Name: "amount", Serializer: snapLong()}))),
			states: withKey(longKey, desc("last", "VALUE", &pipeline.TypeInfo{Family: "kryo", Class: event, NoArgConstructor: true}, pipeline.TTLOff)),
			want:   VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails}, msg: "For heap backends, the new state serializer (org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer)",
		},
		{
			name: "POJO field type not inferred",
			meta: meta(keyed("last", "VALUE", snapPojo(event, savepointinfo.PojoField{Name: "tags", Serializer: &savepointinfo.Serializer{Snapshot: kryoSnap, Family: "kryo", Type: "java.util.List"}}))),
			states: withKey(longKey, desc("last", "VALUE", eventPojo(
				pipeline.TypeField{Name: "tags", Type: &pipeline.TypeInfo{Unknown: "List: depends on the Flink version"}}), pipeline.TTLOff)),
			want: VerdictOK, outcomes: []StateOutcome{StateCompatible, StateUnchecked}, msg: "field tags",
		},
		{
			// avro_compatible (hashmap) and avro_compatible_rocksdb.
			name: "GenericRecord schema gains a field with a default, heap", backend: BackendHeap,
			meta:   meta(keyed("tally", "VALUE", &savepointinfo.Serializer{Snapshot: avroSnap, Family: "avro", Type: "org.apache.avro.generic.GenericRecord", AvroSchema: tallyV1})),
			states: withKey(longKey, desc("tally", "VALUE", &pipeline.TypeInfo{Family: "avro", Class: "org.apache.avro.generic.GenericRecord", AvroSchema: tallyV2}, pipeline.TTLOff)),
			want:   VerdictOK, outcomes: []StateOutcome{StateCompatible, StateMigrated},
		},
		{
			name: "GenericRecord schema gains a field with a default, RocksDB", backend: BackendRocksDB,
			meta:   meta(keyed("tally", "VALUE", &savepointinfo.Serializer{Snapshot: avroSnap, Family: "avro", Type: "org.apache.avro.generic.GenericRecord", AvroSchema: tallyV1})),
			states: withKey(longKey, desc("tally", "VALUE", &pipeline.TypeInfo{Family: "avro", Class: "org.apache.avro.generic.GenericRecord", AvroSchema: tallyV2}, pipeline.TTLOff)),
			want:   VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails}, msg: "Index 1 out of bounds for length 1",
		},
		{
			name:   "GenericRecord schema gains a field with a default, backend unknown",
			meta:   meta(keyed("tally", "VALUE", &savepointinfo.Serializer{Snapshot: avroSnap, Family: "avro", Type: "org.apache.avro.generic.GenericRecord", AvroSchema: tallyV1})),
			states: withKey(longKey, desc("tally", "VALUE", &pipeline.TypeInfo{Family: "avro", Class: "org.apache.avro.generic.GenericRecord", AvroSchema: tallyV2}, pipeline.TTLOff)),
			want:   VerdictOK, outcomes: []StateOutcome{StateCompatible, StateUnchecked}, msg: "does not tell which backend",
		},
		{
			// A canonical savepoint restored with --state-backend rocksdb.
			name: "GenericRecord schema gains a field with a default, --state-backend rocksdb", optBackend: BackendRocksDB,
			meta:   meta(keyed("tally", "VALUE", &savepointinfo.Serializer{Snapshot: avroSnap, Family: "avro", Type: "org.apache.avro.generic.GenericRecord", AvroSchema: tallyV1})),
			states: withKey(longKey, desc("tally", "VALUE", &pipeline.TypeInfo{Family: "avro", Class: "org.apache.avro.generic.GenericRecord", AvroSchema: tallyV2}, pipeline.TTLOff)),
			want:   VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails}, msg: "Index 1 out of bounds for length 1",
		},
		{
			// avro_compatible as the e2e suite checks it: a canonical savepoint
			// restored with --state-backend hashmap, which Flink restores.
			name: "GenericRecord schema gains a field with a default, --state-backend hashmap", optBackend: BackendHeap,
			meta:   meta(keyed("tally", "VALUE", &savepointinfo.Serializer{Snapshot: avroSnap, Family: "avro", Type: "org.apache.avro.generic.GenericRecord", AvroSchema: tallyV1})),
			states: withKey(longKey, desc("tally", "VALUE", &pipeline.TypeInfo{Family: "avro", Class: "org.apache.avro.generic.GenericRecord", AvroSchema: tallyV2}, pipeline.TTLOff)),
			want:   VerdictOK, outcomes: []StateOutcome{StateCompatible, StateMigrated},
		},
		{
			// avro_incompatible: a field added without a default.
			name: "GenericRecord schema gains a field without a default", backend: BackendHeap,
			meta:   meta(keyed("tally", "VALUE", &savepointinfo.Serializer{Snapshot: avroSnap, Family: "avro", Type: "org.apache.avro.generic.GenericRecord", AvroSchema: tallyV1})),
			states: withKey(longKey, desc("tally", "VALUE", &pipeline.TypeInfo{Family: "avro", Class: "org.apache.avro.generic.GenericRecord", AvroSchema: tallyNoDefault}, pipeline.TTLOff)),
			want:   VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails}, msg: "For heap backends, the new state serializer (org.apache.flink.formats.avro.typeutils.AvroSerializer)",
		},
		{
			// enum_constant_removed: Flink names the enum by its Class, "class <name>".
			name:   "enum constant removed",
			meta:   meta(keyed("color", "VALUE", &savepointinfo.Serializer{Snapshot: enumSnap, Family: "enum", Type: "com.acme.Color", EnumConstants: []string{"RED", "GREEN"}})),
			states: withKey(longKey, desc("color", "VALUE", &pipeline.TypeInfo{Family: "enum", Class: "com.acme.Color", EnumConstants: []string{"RED"}}, pipeline.TTLOff)),
			want:   VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails},
			msg: "Could not create a restore serializer for enum class com.acme.Color. Probably because an enum value was removed.",
		},
		{
			name:   "enum constant added",
			meta:   meta(keyed("color", "VALUE", &savepointinfo.Serializer{Snapshot: enumSnap, Family: "enum", Type: "com.acme.Color", EnumConstants: []string{"RED"}})),
			states: withKey(longKey, desc("color", "VALUE", &pipeline.TypeInfo{Family: "enum", Class: "com.acme.Color", EnumConstants: []string{"RED", "BLUE"}}, pipeline.TTLOff)),
			want:   VerdictOK, outcomes: []StateOutcome{StateCompatible, StateCompatible},
		},
		{
			// hx_keyed_state_renamed: Flink restores; the old state is orphaned.
			name: "state renamed", meta: meta(keyed("count", "VALUE", snapLong())),
			states: withKey(longKey, desc("counter", "VALUE", simple("java.lang.Long"), pipeline.TTLOff)),
			want:   VerdictOK, outcomes: []StateOutcome{StateCompatible, StateDropped, StateNew},
		},
		{
			// Registered in processElement and in processBroadcastElement: one state.
			name: "new state registered twice", meta: meta(keyed("count", "VALUE", snapLong())),
			states: withKey(longKey, desc("count", "VALUE", simple("java.lang.Long"), pipeline.TTLOff),
				desc("seen", "LIST", simple("java.lang.Long"), pipeline.TTLOff), desc("seen", "LIST", simple("java.lang.Long"), pipeline.TTLOff)),
			want: VerdictOK, outcomes: []StateOutcome{StateCompatible, StateCompatible, StateNew},
		},
		{
			name: "state renamed, function not fully known", meta: meta(keyed("count", "VALUE", snapLong())),
			states: pipeline.OperatorStates{Key: longKey, Descriptors: []pipeline.StateDescriptor{desc("counter", "VALUE", simple("java.lang.Long"), pipeline.TTLOff)}, Incomplete: "a state context is passed to helper"},
			want:   VerdictOK, outcomes: []StateOutcome{StateCompatible, StateUnchecked, StateNew}, msg: "a state context is passed",
		},
		{
			name: "value type not inferred", meta: meta(keyed("count", "VALUE", snapLong())),
			states: withKey(longKey, desc("count", "VALUE", &pipeline.TypeInfo{Unknown: "class Foo is not in the analysed sources"}, pipeline.TTLOff)),
			want:   VerdictOK, outcomes: []StateOutcome{StateCompatible, StateUnchecked}, msg: "class Foo is not in the analysed sources",
		},
		{
			name: "key not inferred", meta: meta(keyed("count", "VALUE", snapLong())),
			states: withKey(&pipeline.TypeInfo{Unknown: "the return type of the key selector lambda is not inferred"}, desc("count", "VALUE", simple("java.lang.Long"), pipeline.TTLOff)),
			want:   VerdictOK, outcomes: []StateOutcome{StateUnchecked, StateCompatible}, msg: "lambda",
		},
		{
			name: "operator list to union", meta: savepointinfo.OperatorStateMeta{States: []savepointinfo.StateMeta{{Name: "buffer", Backend: "OPERATOR", Kind: "SPLIT_DISTRIBUTE", Value: snapLong()}}},
			states: pipeline.OperatorStates{Complete: true, Descriptors: []pipeline.StateDescriptor{desc("buffer", "UNION", simple("java.lang.Long"), pipeline.TTLOff)}},
			want:   VerdictFails, outcomes: []StateOutcome{StateFails},
			msg: "Incompatible state assignment modes. Was [SPLIT_DISTRIBUTE], registered with [UNION].",
		},
		{
			name: "operator list element changed", meta: savepointinfo.OperatorStateMeta{States: []savepointinfo.StateMeta{{Name: "buffer", Backend: "OPERATOR", Kind: "UNION", Value: snapLong()}}},
			states: pipeline.OperatorStates{Complete: true, Descriptors: []pipeline.StateDescriptor{desc("buffer", "UNION", simple("java.lang.String"), pipeline.TTLOff)}},
			want:   VerdictFails, outcomes: []StateOutcome{StateFails},
			msg: "The new state typeSerializer for operator state must not be incompatible.",
		},
		{
			name: "broadcast value type changed",
			meta: savepointinfo.OperatorStateMeta{States: []savepointinfo.StateMeta{{Name: "rules", Backend: "BROADCAST", Kind: "BROADCAST", Key: snapString(), Value: snapLong()}}},
			states: pipeline.OperatorStates{Complete: true, Descriptors: []pipeline.StateDescriptor{
				{Name: "rules", Kind: "BROADCAST", MapKey: simple("java.lang.String"), Value: simple("java.lang.Integer"), TTL: pipeline.TTLOff},
			}},
			want: VerdictFails, outcomes: []StateOutcome{StateFails},
			msg: "The new value typeSerializer for broadcast state must not be incompatible.",
		},
		{
			name: "broadcast key type changed",
			meta: savepointinfo.OperatorStateMeta{States: []savepointinfo.StateMeta{{Name: "rules", Backend: "BROADCAST", Kind: "BROADCAST", Key: snapString(), Value: snapLong()}}},
			states: pipeline.OperatorStates{Complete: true, Descriptors: []pipeline.StateDescriptor{
				{Name: "rules", Kind: "BROADCAST", MapKey: simple("java.lang.Long"), Value: simple("java.lang.Long"), TTL: pipeline.TTLOff},
			}},
			want: VerdictFails, outcomes: []StateOutcome{StateFails},
			msg: "The new key typeSerializer for broadcast state must not be incompatible.",
		},
		{
			name: "value type changed, last-state route", meta: meta(keyed("count", "VALUE", snapLong())), route: RouteLastState, backend: BackendRocksDB,
			states: withKey(longKey, desc("count", "VALUE", simple("java.lang.String"), pipeline.TTLOff)),
			want:   VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails}, msg: "The new state serializer",
		},
		{
			name: "saved state not fully read", meta: savepointinfo.OperatorStateMeta{KeySerializer: snapLong(), Unread: []string{"keyed stream of subtask 0: unknown snapshot class x.Y"}},
			states: withKey(longKey, desc("count", "VALUE", simple("java.lang.Long"), pipeline.TTLOff)),
			want:   VerdictOK, outcomes: []StateOutcome{StateUnchecked, StateCompatible}, msg: "unknown snapshot class x.Y",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			res := runStateCase(t, c)
			if res.Verdict != c.want {
				t.Errorf("verdict %s, want %s; failures %v", res.Verdict, c.want, res.Failures)
			}
			var got []StateOutcome
			msg := ""
			for _, f := range res.Entries[0].States {
				got = append(got, f.Outcome)
				if msg == "" && (f.Outcome == StateFails || f.Outcome == StateUnchecked) {
					msg = f.Message
				}
			}
			if strings.Join(outcomeStrings(got), ",") != strings.Join(outcomeStrings(c.outcomes), ",") {
				t.Errorf("outcomes %v, want %v (%v)", got, c.outcomes, res.Entries[0].States)
			}
			if !strings.Contains(msg, c.msg) {
				t.Errorf("message %q does not contain %q", msg, c.msg)
			}
			for _, f := range res.Entries[0].States {
				if f.Outcome == StateUnchecked && !containsSub(res.Unchecked, f.Message) {
					t.Errorf("unchecked state %q is not listed in Result.Unchecked %v", f.Name, res.Unchecked)
				}
			}
		})
	}
}

func outcomeStrings(os []StateOutcome) []string {
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = string(o)
	}
	return out
}

func containsSub(list []string, s string) bool {
	for _, l := range list {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

// A job without decoded state meta info, or from a manifest, gets no
// state findings: nothing is claimed compatible.
func TestPredictStatesNotDecoded(t *testing.T) {
	t.Parallel()
	op := pinned("counter", "process", report.StatefulYes)
	res := Predict(&Job{Operators: []*Operator{op}}, []Saved{savedWithState("counter")}, Options{})
	if len(res.Entries[0].States) != 0 || len(res.Unchecked) != 0 {
		t.Errorf("findings without state meta info: %v %v", res.Entries[0].States, res.Unchecked)
	}
	meta := savepointinfo.OperatorStateMeta{KeySerializer: snapLong(), States: []savepointinfo.StateMeta{keyed("count", "VALUE", snapLong())}}
	s := savedWithState("counter")
	s.StateMeta = &meta
	res = Predict(&Job{Operators: []*Operator{op}}, []Saved{s}, Options{})
	for _, f := range res.Entries[0].States {
		if f.Outcome != StateUnchecked {
			t.Errorf("a manifest operator's state was judged: %v", f)
		}
	}
	if res.Verdict != VerdictOK {
		t.Errorf("verdict %s, want OK (unchecked states leave it)", res.Verdict)
	}
}

func TestAvroEvolution(t *testing.T) {
	t.Parallel()
	v1 := `{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"id","type":"long"}]}`
	v2Default := `{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"id","type":"long"},{"name":"email","type":"string","default":""}]}`
	v2NoDefault := `{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"id","type":"long"},{"name":"email","type":"string"}]}`
	v2Renamed := `{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"id","type":"string"}]}`
	old := &savepointinfo.Serializer{Snapshot: avroSnap, Family: "avro", Type: "com.acme.User", AvroSchema: v1}
	cases := []struct {
		schema string
		want   verdict
	}{
		{v1, asIs},
		{` { "type" : "record", "namespace":"com.acme", "name":"User","fields":[{"name":"id","type":"long"}]}`, asIs},
		{v2Default, migrate},        // a field added with a default: Avro's resolution reads old data
		{v2NoDefault, incompatible}, // a field added without a default cannot be filled
		{v2Renamed, incompatible},   // long cannot be read as string
	}
	for _, c := range cases {
		r := resolve(old, &pipeline.TypeInfo{Family: "avro", Class: "com.acme.User", AvroSchema: c.schema}, 0)
		if r.verdict != c.want {
			t.Errorf("%s: verdict %d (%s), want %d", c.schema, r.verdict, r.why, c.want)
		}
	}
}

// A Java record is a POJO from Flink 1.19 on (record_field_added,
// record_field_type_changed in the harness); saved with Kryo, or run on an
// older Flink, it is not one.
func TestRecordStates(t *testing.T) {
	t.Parallel()
	rec := "com.acme.Reading"
	record := func(field *pipeline.TypeInfo) *pipeline.TypeInfo {
		return &pipeline.TypeInfo{
			Family: "pojo", Class: rec, NoArgConstructor: true, Record: true,
			Fields: []pipeline.TypeField{{Name: "count", Type: field}},
		}
	}
	savedPojo := snapPojo(rec, savepointinfo.PojoField{Name: "count", Serializer: snapLong()})
	savedKryo := &savepointinfo.Serializer{Snapshot: "org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializerSnapshot", Family: "kryo", Type: rec}
	states := func(v *pipeline.TypeInfo) pipeline.OperatorStates {
		return pipeline.OperatorStates{Complete: true, Key: simple("java.lang.Long"), Descriptors: []pipeline.StateDescriptor{desc("reading", "VALUE", v, pipeline.TTLOff)}}
	}
	meta := func(s *savepointinfo.Serializer) savepointinfo.OperatorStateMeta {
		return savepointinfo.OperatorStateMeta{KeySerializer: snapLong(), States: []savepointinfo.StateMeta{keyed("reading", "VALUE", s)}}
	}
	for _, c := range []stateCase{
		{
			name: "component type changed, heap", backend: BackendHeap, version: FlinkVersion{2, 3},
			meta: meta(savedPojo), states: states(record(simple("java.lang.String"))),
			want: VerdictFails, outcomes: []StateOutcome{StateCompatible, StateFails}, msg: "argument type mismatch",
		},
		{
			name: "unchanged", version: FlinkVersion{1, 20},
			meta: meta(savedPojo), states: states(record(simple("java.lang.Long"))),
			want: VerdictOK, outcomes: []StateOutcome{StateCompatible, StateCompatible},
		},
		{
			name: "saved with Kryo, version unknown",
			meta: meta(savedKryo), states: states(record(simple("java.lang.Long"))),
			want: VerdictOK, outcomes: []StateOutcome{StateCompatible, StateUnchecked}, msg: "saved with Kryo",
		},
		{
			name: "saved with Kryo, Flink 1.18 keeps Kryo", version: FlinkVersion{1, 18},
			meta: meta(savedKryo), states: states(record(simple("java.lang.Long"))),
			want: VerdictOK, outcomes: []StateOutcome{StateCompatible, StateCompatible},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			res := runStateCase(t, c)
			var got []StateOutcome
			for _, f := range res.Entries[0].States {
				got = append(got, f.Outcome)
			}
			if res.Verdict != c.want || !slices.Equal(got, c.outcomes) {
				t.Fatalf("verdict %s, outcomes %v; want %s, %v (failures %v, unchecked %v)", res.Verdict, got, c.want, c.outcomes, res.Failures, res.Unchecked)
			}
			if c.msg != "" && !strings.Contains(strings.Join(append(res.Failures, res.Unchecked...), "\n"), c.msg) {
				t.Errorf("no %q in %v %v", c.msg, res.Failures, res.Unchecked)
			}
		})
	}
}

// A POJO's List field is compared with what the savepoint holds: Kryo from
// Flink 1.x, which reads any list back, or Flink 2's nullable list
// serializer, which refuses another element type (pojo_list_field_kept,
// pojo_list_element_changed in the harness).
func TestListFieldStates(t *testing.T) {
	t.Parallel()
	event := "com.acme.Event"
	list := func(elem string) *pipeline.TypeInfo {
		return &pipeline.TypeInfo{Family: "list", Class: "java.util.List", Collection: true, Args: []*pipeline.TypeInfo{simple(elem)}}
	}
	nullable := func(s *savepointinfo.Serializer) *savepointinfo.Serializer {
		return &savepointinfo.Serializer{Snapshot: "org.apache.flink.api.java.typeutils.runtime.NullableSerializer$NullableSerializerSnapshot", Family: "nullable", Nested: []*savepointinfo.Serializer{s}}
	}
	flink1 := &savepointinfo.Serializer{Snapshot: "org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializerSnapshot", Family: "kryo", Type: "java.util.List"}
	flink2 := nullable(snapList(nullable(snapString())))
	meta := func(field *savepointinfo.Serializer) savepointinfo.OperatorStateMeta {
		return savepointinfo.OperatorStateMeta{KeySerializer: snapLong(), States: []savepointinfo.StateMeta{
			keyed("event", "VALUE", snapPojo(event, savepointinfo.PojoField{Name: "seen", Serializer: field})),
		}}
	}
	states := func(elem string) pipeline.OperatorStates {
		return pipeline.OperatorStates{Complete: true, Key: simple("java.lang.Long"), Descriptors: []pipeline.StateDescriptor{
			desc("event", "VALUE", eventPojo(pipeline.TypeField{Name: "seen", Type: list(elem)}), pipeline.TTLOff),
		}}
	}
	for _, c := range []stateCase{
		{name: "Kryo, same elements", meta: meta(flink1), states: states("java.lang.String"), want: VerdictOK},
		{name: "Kryo, other elements", meta: meta(flink1), states: states("java.lang.Long"), want: VerdictOK},
		{name: "Flink 2, same elements", meta: meta(flink2), states: states("java.lang.String"), want: VerdictOK},
		{
			name: "Flink 2, other elements", backend: BackendHeap, meta: meta(flink2), states: states("java.lang.Long"),
			want: VerdictFails, msg: "For heap backends, the new state serializer (org.apache.flink.api.java.typeutils.runtime.PojoSerializer)",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			res := runStateCase(t, c)
			if res.Verdict != c.want || len(res.Unchecked) > 0 {
				t.Fatalf("verdict %s, want %s (failures %v, unchecked %v)", res.Verdict, c.want, res.Failures, res.Unchecked)
			}
			if c.msg != "" && !strings.Contains(strings.Join(res.Failures, "\n"), c.msg) {
				t.Errorf("no %q in %v", c.msg, res.Failures)
			}
		})
	}
}
