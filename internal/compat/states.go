package compat

import (
	"fmt"
	"slices"
	"strings"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"

	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/savepointinfo"
)

// The state check compares, for each restored operator, the states the
// savepoint describes (savepointinfo.OperatorStateMeta) with the state
// descriptors the new code registers (pipeline.OperatorStates), by the rules
// of docs/state-meta-format.md §6: the key serializer when the backend is
// restored, then per state its kind, TTL and serializers.

// StateOutcome is what happens to one state on restore.
type StateOutcome string

// State outcomes.
const (
	StateCompatible StateOutcome = "compatible" // read as it is
	StateMigrated   StateOutcome = "migrated"   // Flink migrates it (POJO fields added, TTL on 2.2+, …)
	StateFails      StateOutcome = "fails"      // the restore fails; Message quotes Flink
	StateDropped    StateOutcome = "dropped"    // saved, registered by nothing: never read again (warning)
	StateNew        StateOutcome = "new"        // registered, not saved: starts empty (info)
	StateUnchecked  StateOutcome = "unchecked"  // not compared; Message says why
)

// StateFinding is the prediction for one state of a restored operator, or
// for its key serializer (Key set, Name empty).
type StateFinding struct {
	Name string
	// Kind is the saved kind (the new one for StateNew), as Flink spells it.
	Kind    string
	Key     bool
	Outcome StateOutcome
	// Message quotes Flink's error for StateFails, and explains the others.
	Message string
}

// StateBackend is the keyed state backend that restores the state, when the
// savepoint tells it (a native RocksDB savepoint restores only into RocksDB).
type StateBackend string

// State backends; the zero value is unknown (canonical savepoints restore
// into either).
const (
	BackendUnknown StateBackend = ""
	BackendHeap    StateBackend = "heap"
	BackendRocksDB StateBackend = "rocksdb"
)

// BackendOf tells the backend from the keyed handle kinds of an entry
// (savepointinfo.Operator.KeyedHandles): incremental handles are RocksDB's
// native format; others are restored by whichever backend the job sets.
func BackendOf(keyedHandles []string) StateBackend {
	if slices.Contains(keyedHandles, "incremental") {
		return BackendRocksDB
	}
	return BackendUnknown
}

// FlinkVersion is the Flink version the new job runs on; zero when not
// known. Only TTL changes depend on it (§6.5).
type FlinkVersion struct{ Major, Minor int }

// since2 reports whether v is known and at least 2.minor: the TTL rules
// changed in 2.1 and 2.2.
func (v FlinkVersion) since2(minor int) bool {
	return v.Major > 2 || v.Major == 2 && v.Minor >= minor
}

func (v FlinkVersion) known() bool { return v.Major > 0 }

// recordsFor applies the Flink version to the Java records in t: Flink
// 1.19 and later serialize a public record as a POJO (as inferred), earlier
// versions with Kryo. A record saved with Kryo and read as a POJO is left
// unchecked by resolve.
func recordsFor(t *pipeline.TypeInfo, v FlinkVersion) *pipeline.TypeInfo {
	if t == nil || !v.known() || v.Major > 1 || v.Minor >= 19 || !hasRecord(t) {
		return t
	}
	if t.Record {
		return &pipeline.TypeInfo{Family: "kryo", Class: t.Class, Unknown: "a record before Flink 1.19 is serialized with Kryo"}
	}
	c := *t
	c.Args = make([]*pipeline.TypeInfo, len(t.Args))
	for i, a := range t.Args {
		c.Args[i] = recordsFor(a, v)
	}
	c.Fields = make([]pipeline.TypeField, len(t.Fields))
	for i, f := range t.Fields {
		f.Type = recordsFor(f.Type, v)
		c.Fields[i] = f
	}
	return &c
}

func hasRecord(t *pipeline.TypeInfo) bool {
	if t == nil {
		return false
	}
	return t.Record || slices.ContainsFunc(t.Args, hasRecord) ||
		slices.ContainsFunc(t.Fields, func(f pipeline.TypeField) bool { return hasRecord(f.Type) })
}

// checkStates adds the state findings of a restored entry; failures go to
// res.Failures, unchecked states to res.Unchecked.
func checkStates(res *Result, e *Entry, opts Options) {
	meta := e.Saved.StateMeta
	if meta == nil || e.Match == nil {
		return
	}
	var st *pipeline.OperatorStates
	if e.Match.Source != nil && (e.Match.SubOperator == "" || e.Match.SubOperator == "Writer") {
		st = e.Match.Source.States
	}
	backend := e.Saved.Backend
	if backend == BackendUnknown {
		backend = opts.StateBackend
	}
	c := stateCheck{e: e, meta: meta, st: st, backend: backend, version: opts.FlinkVersion}
	// A state whose description could not be read is not known to match:
	// say so rather than let the entry pass as checked.
	for _, why := range meta.Unread {
		c.add(StateFinding{Outcome: StateUnchecked, Message: "not read from the savepoint: " + why})
	}
	c.key()
	c.states()
	for _, f := range e.States {
		switch f.Outcome {
		case StateFails:
			res.Failures = append(res.Failures, fmt.Sprintf("%s (%s)", f.Message, c.where(f)))
		case StateUnchecked:
			res.Unchecked = append(res.Unchecked, fmt.Sprintf("%s: %s", c.where(f), f.Message))
		case StateCompatible, StateMigrated, StateDropped, StateNew:
		}
	}
	if e.Outcome == OutcomeRestored {
		for _, f := range e.States {
			if f.Outcome == StateFails {
				e.Outcome, e.Reason = OutcomeFails, f.Message
				break
			}
		}
	}
}

type stateCheck struct {
	e       *Entry
	meta    *savepointinfo.OperatorStateMeta
	st      *pipeline.OperatorStates
	backend StateBackend
	version FlinkVersion
}

func (c *stateCheck) add(f StateFinding) { c.e.States = append(c.e.States, f) }

// where names the state and the operator for the flat lists of a result.
func (c *stateCheck) where(f StateFinding) string {
	what := fmt.Sprintf("state %q", f.Name)
	switch {
	case f.Key:
		what = "key serializer"
	case f.Name == "":
		what = "states"
	}
	return fmt.Sprintf("%s of %s at %s", what, c.e.Match.Call, c.e.Match.Pos())
}

// key checks the keyed backend's key serializer: Flink restores it with
// the backend, before any state is registered, and accepts only a
// serializer that needs no migration (§6.3).
func (c *stateCheck) key() {
	if c.meta.KeySerializer == nil {
		return
	}
	f := StateFinding{Key: true, Kind: "KEY"}
	if c.st == nil || c.st.Key == nil {
		f.Outcome, f.Message = StateUnchecked, "the new job's key type is not inferred"
		c.add(f)
		return
	}
	r := resolve(c.meta.KeySerializer, recordsFor(c.st.Key, c.version), 0)
	switch r.verdict {
	case asIs:
		f.Outcome, f.Message = StateCompatible, "the key type "+c.st.Key.String()+" is unchanged"
	case unknown:
		f.Outcome, f.Message = StateUnchecked, "key type: "+r.why
	case migrate, incompatible:
		f.Outcome = StateFails
		f.Message = fmt.Sprintf("The new key serializer (%s) must be compatible with the previous key serializer (%s).",
			serializerOf(c.st.Key), savedSerializer(c.meta.KeySerializer))
	}
	c.add(f)
}

// stateClass groups states that Flink registers in one namespace: keyed
// state, operator list state, broadcast state.
func stateClass(kind string) string {
	switch {
	case pipeline.Keyed(kind):
		return "keyed"
	case kind == pipeline.StateBroadcast:
		return "broadcast"
	}
	return "operator"
}

func savedClass(s *savepointinfo.StateMeta) string {
	switch s.Backend {
	case "KEY_VALUE", "KEY_VALUE_V2":
		return "keyed"
	case "BROADCAST":
		return "broadcast"
	}
	return "operator"
}

// states compares each saved state with the descriptor of its name, and
// lists the descriptors nothing was saved for.
func (c *stateCheck) states() {
	type key struct{ class, name string }
	byName := map[key]*pipeline.StateDescriptor{}
	if c.st != nil {
		for i := range c.st.Descriptors {
			d := &c.st.Descriptors[i]
			if d.Unresolved == "" {
				byName[key{stateClass(d.Kind), d.Name}] = d
			}
		}
	}
	saved := map[key]bool{}
	for i := range c.meta.States {
		s := &c.meta.States[i]
		if s.Backend == "PRIORITY_QUEUE" {
			continue // timers: Flink's own, checked against its own serializers
		}
		k := key{savedClass(s), s.Name}
		saved[k] = true
		if d := byName[k]; d != nil {
			c.add(c.compare(s, d))
			continue
		}
		c.add(c.missing(s))
	}
	if c.st == nil || len(c.meta.Unread) > 0 {
		return // a new descriptor may match a state the savepoint did not let us read
	}
	for _, d := range c.st.Descriptors {
		k := key{stateClass(d.Kind), d.Name}
		if d.Unresolved == "" && !saved[k] {
			saved[k] = true // a state registered in two methods is one state
			c.add(StateFinding{
				Name: d.Name, Kind: d.Kind, Outcome: StateNew,
				Message: "the new code registers state " + quote(d.Name) + ", which the savepoint does not hold: it starts empty",
			})
		}
	}
}

// missing is the finding for a saved state that no inferred descriptor
// registers: dropped when every registration of the operator is known.
func (c *stateCheck) missing(s *savepointinfo.StateMeta) StateFinding {
	f := StateFinding{Name: s.Name, Kind: s.Kind, Outcome: StateUnchecked}
	switch {
	case c.st == nil:
		f.Message = "the new operator's states are registered by code the state check does not model"
	case !c.st.Complete:
		f.Message = "not every state of the new operator is known: " + c.st.Incomplete
	case s.Backend == "BROADCAST":
		// Descriptors given to broadcast() are registered even when the
		// function never reads them; those are not collected.
		f.Message = "broadcast state may be registered through broadcast(descriptor)"
	default:
		f.Outcome = StateDropped
		f.Message = "the new code registers no state named " + quote(s.Name) +
			": Flink restores without error and the saved state is never read again (a renamed descriptor?)"
	}
	return f
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// compare applies Flink's checks to one saved state and the descriptor
// registered under its name.
func (c *stateCheck) compare(s *savepointinfo.StateMeta, d *pipeline.StateDescriptor) StateFinding {
	f := StateFinding{Name: s.Name, Kind: s.Kind}
	if hasRecord(d.Value) || hasRecord(d.MapKey) {
		v := *d
		v.Value, v.MapKey = recordsFor(d.Value, c.version), recordsFor(d.MapKey, c.version)
		d = &v
	}
	switch savedClass(s) {
	case "keyed":
		c.compareKeyed(s, d, &f)
	case "broadcast":
		c.compareBroadcast(s, d, &f)
	default:
		c.compareOperator(s, d, &f)
	}
	return f
}

// compareOperator checks operator list state: the distribution mode, then
// the element serializer. Operator state is read eagerly with the saved
// serializer, so a migration needs nothing more.
func (c *stateCheck) compareOperator(s *savepointinfo.StateMeta, d *pipeline.StateDescriptor, f *StateFinding) {
	if s.Kind != d.Kind {
		f.Outcome = StateFails
		f.Message = fmt.Sprintf("Incompatible state assignment modes. Was [%s], registered with [%s].", s.Kind, d.Kind)
		return
	}
	c.outcome(resolve(s.Value, d.Value, 0), f, "The new state typeSerializer for operator state must not be incompatible.")
}

// compareBroadcast checks broadcast state's key, then value serializer.
func (c *stateCheck) compareBroadcast(s *savepointinfo.StateMeta, d *pipeline.StateDescriptor, f *StateFinding) {
	r := resolve(s.Key, d.MapKey, 0)
	if r.verdict == incompatible {
		f.Outcome, f.Message = StateFails, "The new key typeSerializer for broadcast state must not be incompatible."
		return
	}
	v := resolve(s.Value, d.Value, 0)
	if v.verdict == incompatible {
		f.Outcome, f.Message = StateFails, "The new value typeSerializer for broadcast state must not be incompatible."
		return
	}
	c.outcome(worst(r, v), f, "")
}

// outcome turns a resolution into a finding; failMsg is the message of an
// incompatible result. Every caller accepts a migration: the heap backend
// and operator state were read with the old serializer already, RocksDB
// rewrites the values (§6.3).
func (c *stateCheck) outcome(r resolution, f *StateFinding, failMsg string) {
	switch r.verdict {
	case asIs:
		f.Outcome, f.Message = StateCompatible, "unchanged"
	case migrate:
		f.Outcome, f.Message = StateMigrated, "Flink migrates the state on restore: "+r.why
	case incompatible:
		f.Outcome, f.Message = StateFails, failMsg
		if r.early != "" {
			f.Message = r.early
		}
	case unknown:
		f.Outcome, f.Message = StateUnchecked, r.why
	}
}

// compareKeyed checks keyed state in Flink's order (§6.3): the kind, then
// the state serializer with its TTL wrapping.
func (c *stateCheck) compareKeyed(s *savepointinfo.StateMeta, d *pipeline.StateDescriptor, f *StateFinding) {
	if s.Kind != d.Kind {
		f.Outcome = StateFails
		f.Message = fmt.Sprintf("Incompatible key/value state types. Was [%s], registered with [%s].", s.Kind, d.Kind)
		return
	}
	if s.Backend == "KEY_VALUE_V2" {
		f.Outcome, f.Message = StateUnchecked, "State V2 (ForSt backend) is not checked"
		return
	}
	old, err := peel(s)
	if err != "" {
		f.Outcome, f.Message = StateUnchecked, err
		return
	}
	if msg := heapRead(old.value, d.Value); msg != "" && c.backend != BackendRocksDB {
		f.Outcome, f.Message = StateFails, msg
		if c.backend == BackendUnknown {
			f.Message += " (the hashmap backend, while it restores; RocksDB fails when the state is registered: " + c.incompatible(d, d.TTL == pipeline.TTLOn, s) + ")"
		}
		return
	}
	if d.TTL == pipeline.TTLUnknown {
		f.Outcome, f.Message = StateUnchecked, "whether the new descriptor enables TTL is not inferred"
		return
	}
	newTTL := d.TTL == pipeline.TTLOn
	r := resolve(old.value, d.Value, 0)
	var keyR resolution
	if s.Kind == pipeline.StateMap {
		keyR = resolve(old.mapKey, d.MapKey, 0)
		if keyR.verdict == migrate && c.backend == BackendRocksDB {
			f.Outcome = StateFails
			f.Message = "The new serializer for a MapState requires state migration in order for the job to proceed, since the key schema has changed. However, migration for MapState currently only allows value schema evolutions."
			return
		}
		r = worst(r, keyR)
	}
	if old.ttl != newTTL {
		c.ttlChange(r, f, d, newTTL, s)
		return
	}
	if r.verdict == migrate && d.Value.Class == flinkapi.AvroGenericRecord && c.genericRecordMigration(f) {
		return
	}
	c.outcome(r, f, c.incompatible(d, newTTL, s))
}

// genericRecordMigration decides the migration of an Avro GenericRecord
// state whose schema evolved compatibly (state-meta-format.md §6.3): the
// heap backend reads the records with the old schema and keeps them;
// RocksDB writes each record read with the old schema through the new
// schema's writer, which fails. It reports whether it decided f.
func (c *stateCheck) genericRecordMigration(f *StateFinding) bool {
	switch c.backend {
	case BackendRocksDB:
		f.Outcome = StateFails
		f.Message = "RocksDB migrates the GenericRecord state by writing each record, read with the saved schema, with the new schema's writer, which fails (for an added field: java.lang.ArrayIndexOutOfBoundsException: Index 1 out of bounds for length 1)"
		return true
	case BackendUnknown:
		f.Outcome = StateUnchecked
		f.Message = "the Avro GenericRecord schema evolved compatibly: the hashmap backend restores it, RocksDB fails to migrate it, and the savepoint does not tell which backend restores"
		return true
	case BackendHeap:
	}
	return false
}

// ttlChange decides a state whose TTL was switched on or off (§6.5):
// incompatible up to 2.0, migrated by RocksDB and refused by the heap
// backend on 2.1, migrated by both from 2.2 on.
func (c *stateCheck) ttlChange(r resolution, f *StateFinding, d *pipeline.StateDescriptor, newTTL bool, s *savepointinfo.StateMeta) {
	change := "TTL switched off"
	if newTTL {
		change = "TTL switched on"
	}
	if r.verdict == incompatible {
		c.outcome(r, f, c.incompatible(d, newTTL, s))
		return
	}
	switch {
	case !c.version.known():
		f.Outcome = StateUnchecked
		f.Message = change + ": Flink up to 2.0 refuses this and 2.2+ migrates it; the new job's Flink version is not known (no flink version in its pom.xml or build.gradle)"
	case c.version.since2(2):
		if r.verdict == unknown {
			f.Outcome, f.Message = StateUnchecked, change+" (migrated by Flink 2.2+), but the value type is not checked: "+r.why
			return
		}
		f.Outcome, f.Message = StateMigrated, change+": Flink 2.2+ migrates every value on restore"
	case c.version.since2(1) && c.backend == BackendRocksDB:
		f.Outcome, f.Message = StateMigrated, change+": RocksDB on Flink 2.1 migrates every value on restore"
	case c.version.since2(1) && c.backend == BackendHeap:
		f.Outcome = StateFails
		f.Message = fmt.Sprintf("For heap backends, the new state serializer (%s) must not need ttl state migration with the old state serializer (%s).",
			stateSerializer(d, newTTL), savedSerializer(s.Value))
	case c.version.since2(1):
		f.Outcome = StateUnchecked
		f.Message = change + ": on Flink 2.1 RocksDB migrates it and the heap backend refuses it; the backend is not known from the savepoint"
	default:
		f.Outcome, f.Message = StateFails, c.incompatible(d, newTTL, s)
	}
}

// incompatible renders the backend's message for an incompatible state
// serializer (§6.4); the serializers are named by class, Flink adds
// "@<hash>".
func (c *stateCheck) incompatible(d *pipeline.StateDescriptor, newTTL bool, s *savepointinfo.StateMeta) string {
	nw, old := stateSerializer(d, newTTL), savedSerializer(s.Value)
	rocks := fmt.Sprintf("The new state serializer (%s) must not be incompatible with the old state serializer (%s).", nw, old)
	switch c.backend {
	case BackendRocksDB:
		return rocks
	case BackendHeap:
		return "For heap backends, t" + rocks[1:]
	case BackendUnknown:
	}
	return "For heap backends, t" + rocks[1:] + " (RocksDB: \"" + rocks + "\")"
}

// peeled is a saved keyed state serializer without its list/map and TTL
// wrapping.
type peeled struct {
	value, mapKey *savepointinfo.Serializer
	ttl           bool
}

// peel unwraps the saved state serializer by kind (§4.3, §6.5): LIST is
// list[element], MAP is map[key, value], and TTL wraps the value or
// element as ttl[Long, value].
func peel(s *savepointinfo.StateMeta) (peeled, string) {
	var p peeled
	v := s.Value
	if v == nil {
		return p, "the saved value serializer is not decoded"
	}
	switch s.Kind {
	case pipeline.StateList:
		if v.Family != "list" || len(v.Nested) != 1 {
			return p, "the saved LIST state has no list serializer"
		}
		v = v.Nested[0]
	case pipeline.StateMap:
		if v.Family != "map" || len(v.Nested) != 2 {
			return p, "the saved MAP state has no map serializer"
		}
		p.mapKey, v = v.Nested[0], v.Nested[1]
	}
	if v != nil && v.Family == "ttl" {
		if len(v.Nested) != 2 {
			return p, "the saved TTL serializer has no value serializer"
		}
		p.ttl, v = true, v.Nested[1]
	}
	p.value = v
	return p, ""
}

// stateSerializer names the serializer class a descriptor registers as
// its state serializer (what Flink's messages print).
func stateSerializer(d *pipeline.StateDescriptor, ttl bool) string {
	switch d.Kind {
	case pipeline.StateList:
		return flinkSerializers["list"]
	case pipeline.StateMap:
		return flinkSerializers["map"]
	}
	if ttl {
		return flinkSerializers["ttl"]
	}
	return serializerOf(d.Value)
}

// flinkSerializers are the serializer classes of each family.
var flinkSerializers = map[string]string{
	"list":  "org.apache.flink.api.common.typeutils.base.ListSerializer",
	"map":   "org.apache.flink.api.common.typeutils.base.MapSerializer",
	"ttl":   "org.apache.flink.runtime.state.ttl.TtlStateFactory$TtlSerializer",
	"pojo":  "org.apache.flink.api.java.typeutils.runtime.PojoSerializer",
	"kryo":  "org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer",
	"tuple": "org.apache.flink.api.java.typeutils.runtime.TupleSerializer",
	"row":   "org.apache.flink.api.java.typeutils.runtime.RowSerializer",
	"enum":  "org.apache.flink.api.common.typeutils.base.EnumSerializer",
	"avro":  "org.apache.flink.formats.avro.typeutils.AvroSerializer",
	"array": "org.apache.flink.api.common.typeutils.base.GenericArraySerializer",
}

func serializerOf(t *pipeline.TypeInfo) string {
	if t == nil {
		return "?"
	}
	if t.Serializer != "" {
		return t.Serializer
	}
	if s, ok := flinkSerializers[t.Family]; ok {
		return s
	}
	return "?"
}

// savedSerializer is the serializer class of a snapshot class
// ("…LongSerializer$LongSerializerSnapshot" → "…LongSerializer",
// "…PojoSerializerSnapshot" → "…PojoSerializer").
func savedSerializer(s *savepointinfo.Serializer) string {
	if s == nil {
		return "?"
	}
	name := s.Snapshot
	if i := strings.LastIndexByte(name, '$'); i >= 0 {
		outer := name[:i]
		if name[i+1:] == outer[strings.LastIndexByte(outer, '.')+1:]+"Snapshot" {
			return outer
		}
	}
	return strings.TrimSuffix(name, "Snapshot")
}

// String renders a finding for text output.
func (f StateFinding) String() string {
	if f.Key {
		return fmt.Sprintf("key: %s: %s", f.Outcome, f.Message)
	}
	return fmt.Sprintf("state %q (%s): %s: %s", f.Name, f.Kind, f.Outcome, f.Message)
}

// stateFailed reports whether a state finding failed (checkStates has
// already listed those failures).
func stateFailed(fs []StateFinding) bool {
	for _, f := range fs {
		if f.Outcome == StateFails {
			return true
		}
	}
	return false
}

// heapRead predicts the heap backend's reading of a POJO state's data
// (state-meta-format.md §6.3): while it restores, before any state is
// registered, it reads every value with the saved snapshot's restore
// serializer, which instantiates the new class and sets the saved fields
// on it by reflection. It returns the error Java raises, "" when the read
// succeeds.
func heapRead(old *savepointinfo.Serializer, nw *pipeline.TypeInfo) string {
	if old == nil || old.Family != "pojo" || nw == nil || nw.Class == "" || old.Type != nw.Class {
		return ""
	}
	if (nw.Family == "pojo" || nw.Family == "kryo") && !nw.NoArgConstructor {
		return nw.Class + ".<init>()"
	}
	if nw.Family != "pojo" {
		return ""
	}
	for _, of := range old.Fields {
		if nw.Record {
			// A record is built through its canonical constructor, which
			// refuses an argument of the old type.
			for _, f := range nw.Fields {
				if f.Name == of.Name && of.Serializer != nil && resolve(of.Serializer, f.Type, 0).verdict == incompatible {
					return "argument type mismatch"
				}
			}
			continue
		}
		for _, f := range nw.Fields {
			// A List field keeps its Java class whatever its elements: the
			// reflective write succeeds and the serializer check fails.
			if f.Name != of.Name || of.Serializer == nil || f.Type.Collection || resolve(of.Serializer, f.Type, 0).verdict != incompatible {
				continue
			}
			declared := f.Primitive
			if declared == "" {
				declared = f.Type.Class
			}
			was := of.Serializer.Type
			if was == "" {
				was = savedSerializer(of.Serializer)
			}
			return fmt.Sprintf("Can not set %s field %s.%s to %s", declared, nw.Class, f.Name, was)
		}
	}
	return ""
}
