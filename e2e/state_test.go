//go:build e2e

package e2e

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// flinkExpect is what Flink does when v2 of a state scenario resumes from
// v1's savepoint, as docs/state-meta-format.md §6 describes it.
type flinkExpect struct {
	status string // running or failed
	// message is the root cause Flink raises, with * for what varies
	// between runs (a serializer's @hash, the rest of a toString).
	message string
	// kept are the keyed states whose every key the restored job read back;
	// fresh the states it found empty for every key (new names); unread the
	// states v1 saved that v2 never reads (silently dropped).
	kept, fresh, unread []string
}

func failsWith(message string) flinkExpect { return flinkExpect{status: "failed", message: message} }

// Flink's messages (§6.4); new and old are serializer class names.
func heapValue(newSer, oldSer string) string {
	return "For heap backends, the new state serializer (" + newSer + "*) must not be incompatible with the old state serializer (" + oldSer + "*)."
}

func rocksValue(newSer, oldSer string) string {
	return "The new state serializer (" + newSer + "*) must not be incompatible with the old state serializer (" + oldSer + "*)."
}

func keySerializer(newSer, oldSer string) string {
	return "The new key serializer (" + newSer + "*) must be compatible with the previous key serializer (" + oldSer + "*)."
}

const (
	longSer   = "org.apache.flink.api.common.typeutils.base.LongSerializer"
	stringSer = "org.apache.flink.api.common.typeutils.base.StringSerializer"
	mapSer    = "org.apache.flink.api.common.typeutils.base.MapSerializer"
	ttlSer    = "org.apache.flink.runtime.state.ttl.TtlStateFactory$TtlSerializer"
	pojoSer   = "org.apache.flink.api.java.typeutils.runtime.PojoSerializer"
	kryoSer   = "org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer"
	avroSer   = "org.apache.flink.formats.avro.typeutils.AvroSerializer"
	tupleSer  = "org.apache.flink.api.java.typeutils.runtime.TupleSerializer"
)

// stateScenarios are the harness scenarios of #18 (state names, kinds and
// serializers), with what Flink 1.x and 2.x do. TTL is the one place the
// versions differ: 2.2+ migrates a state whose TTL was switched (§6.5).
var stateScenarios = map[string]struct{ flink1, flink2 flinkExpect }{
	"state_value_type_changed":         both(failsWith(heapValue(stringSer, longSer))),
	"state_value_type_changed_rocksdb": both(failsWith(rocksValue(stringSer, longSer))),
	"state_key_type_changed":           both(failsWith(keySerializer(stringSer, longSer))),
	"state_key_type_changed_rocksdb":   both(failsWith(keySerializer(stringSer, longSer))),
	"state_kind_changed":               both(failsWith("Incompatible key/value state types. Was [VALUE], registered with [LIST].")),
	"state_ttl_enabled": {
		failsWith(heapValue(ttlSer, longSer)), flinkExpect{status: "running", kept: []string{"count"}},
	},
	"state_ttl_enabled_rocksdb": {
		failsWith(rocksValue(ttlSer, longSer)), flinkExpect{status: "running", kept: []string{"count"}},
	},
	"state_ttl_disabled": {
		failsWith(heapValue(longSer, ttlSer)), flinkExpect{status: "running", kept: []string{"count"}},
	},
	"state_ttl_disabled_rocksdb": {
		failsWith(rocksValue(longSer, ttlSer)), flinkExpect{status: "running", kept: []string{"count"}},
	},
	"state_kept":    both(flinkExpect{status: "running", kept: []string{"count"}}),
	"state_renamed": both(flinkExpect{status: "running", fresh: []string{"total"}, unread: []string{"count"}}),
	"state_removed": both(flinkExpect{status: "running", kept: []string{"count"}, unread: []string{"last"}}),
	// The heap backend reads all state at restore with a serializer built
	// from the old snapshot, which writes the old field types into the new
	// class: it fails there, before any compatibility check.
	"pojo_field_added":                both(flinkExpect{status: "running", kept: []string{"event"}}),
	"pojo_field_added_rocksdb":        both(flinkExpect{status: "running", kept: []string{"event"}}),
	"pojo_field_type_changed":         both(failsWith("Can not set java.lang.String field harness.scenarios.pojo_field_type_changed.model.Event.count to java.lang.Long")),
	"pojo_field_type_changed_rocksdb": both(failsWith(rocksValue(pojoSer, pojoSer))),
	"pojo_to_kryo":                    both(failsWith("harness.scenarios.pojo_to_kryo.model.Event.<init>()")),
	"pojo_to_kryo_rocksdb":            both(failsWith(rocksValue(kryoSer, pojoSer))),
	"enum_constant_added":             both(flinkExpect{status: "running", kept: []string{"level"}}),
	"enum_constant_removed": both(failsWith("Could not create a restore serializer for enum class " +
		"harness.scenarios.enum_constant_removed.model.Level. Probably because an enum value was removed.")),
	"avro_compatible": both(flinkExpect{status: "running", kept: []string{"tally"}}),
	// RocksDB migrates each value by reading it with the old schema and
	// writing that record with the new one, which a GenericRecord of the old
	// schema cannot fill (AvroSerializer via migrateSerializedValue).
	"avro_compatible_rocksdb": both(failsWith("Index 1 out of bounds for length 1")),
	"avro_incompatible":       both(failsWith(heapValue(avroSer, avroSer))),
	// A specific record is read back into the new class, which the new
	// schema can write: RocksDB migrates it.
	"avro_specific_compatible":          both(flinkExpect{status: "running", kept: []string{"tally"}}),
	"avro_specific_compatible_rocksdb":  both(flinkExpect{status: "running", kept: []string{"tally"}}),
	"mapstate_key_type_changed":         both(failsWith(heapValue(mapSer, mapSer))),
	"mapstate_key_type_changed_rocksdb": both(failsWith(rocksValue(mapSer, mapSer))),
	"opstate_list_to_union":             both(failsWith("Incompatible state assignment modes. Was [SPLIT_DISTRIBUTE], registered with [UNION].")),
	"opstate_union_to_list":             both(failsWith("Incompatible state assignment modes. Was [UNION], registered with [SPLIT_DISTRIBUTE].")),
	"broadcast_value_type_changed":      both(failsWith("The new value typeSerializer for broadcast state must not be incompatible.")),
	// Flink's own operators: the window contents (reduced value,
	// accumulator, elements), a keyed reduce's last value, and a key type
	// that a lambda computes.
	"window_kept":                  both(flinkExpect{status: "running"}),
	"window_reduce_type_changed":   both(failsWith(heapValue(stringSer, longSer))),
	"window_aggregate_acc_changed": both(failsWith(heapValue(tupleSer, longSer))),
	"window_key_type_changed":      both(failsWith(keySerializer(stringSer, longSer))),
	"window_reduce_to_process":     both(failsWith("Incompatible key/value state types. Was [REDUCING], registered with [LIST].")),
	"keyed_reduce_type_changed":    both(failsWith(heapValue(stringSer, longSer))),
	// A Java record is a POJO built through its canonical constructor
	// (Flink 1.19+): the heap backend passes the old value to it.
	"record_field_added":        both(flinkExpect{status: "running", kept: []string{"reading"}}),
	"record_field_type_changed": both(failsWith("argument type mismatch")),
	// A POJO's List field: Kryo on 1.x, which reads any list back; Flink 2's
	// list serializer, which refuses another element type.
	"pojo_list_field_kept": both(flinkExpect{status: "running", kept: []string{"event"}}),
	"pojo_list_element_changed": {
		flinkExpect{status: "running", kept: []string{"event"}}, failsWith(heapValue(pojoSer, pojoSer)),
	},
}

func both(e flinkExpect) struct{ flink1, flink2 flinkExpect } {
	return struct{ flink1, flink2 flinkExpect }{e, e}
}

// messagePattern turns an expected message with * wildcards into a regexp
// that finds it in a text; anchored, it must be the whole text (Flink's root
// cause), unanchored it may be quoted inside one (a uidcheck failure that
// also says where).
func messagePattern(m string, anchored bool) *regexp.Regexp {
	parts := strings.Split(m, "*")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	re := strings.Join(parts, `.*?`)
	if anchored {
		re = `^` + re + `$`
	}
	return regexp.MustCompile(re)
}

// compatStateFinding is one per-state finding of `uidcheck compat --format
// json` (entries[].states): outcome compatible, migrated, fails, dropped,
// new or unchecked.
type compatStateFinding struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Outcome string `json:"outcome"`
	Message string `json:"message"`
}

// compatStateReport is the part of the compat JSON report this test reads.
type compatStateReport struct {
	Verdict  string   `json:"verdict"`
	Failures []string `json:"failures"`
	Entries  []struct {
		States []compatStateFinding `json:"states"`
	} `json:"entries"`
}

// TestStateScenarios checks each state scenario in two parts. "flink"
// requires that Flink did what the expectation table says: running or
// failed, the root-cause message, and for a running job which states the
// restored job read back, found empty, or never read. "uidcheck" requires
// compat's verdict (with and without -n), its quoted failure and its
// per-state findings to equal Flink's, given the Flink version and the
// backend the scenario restored with (--flink-version, --state-backend).
func TestStateScenarios(t *testing.T) {
	seen := map[string]int{}
	var rows []string
	for _, run := range scenarioRuns(t) {
		var o outcomeFile
		readJSON(t, filepath.Join(run, "outcome.json"), &o)
		exp, ok := stateScenarios[o.Scenario]
		if !ok {
			continue
		}
		seen[o.Scenario]++
		want := exp.flink2
		if strings.HasPrefix(o.FlinkVersion, "1.") {
			want = exp.flink1
		}
		t.Run(o.Scenario+"/"+o.FlinkVersion, func(t *testing.T) {
			t.Run("flink", func(t *testing.T) { checkFlinkOutcome(t, o, want) })
			t.Run("uidcheck", func(t *testing.T) { checkCompatAgainstFlink(t, o, want) })
		})
		rows = append(rows, stateRow(o))
	}
	for name := range stateScenarios {
		if seen[name] == 0 {
			t.Errorf("scenario %s has no outcome: was it run?", name)
		}
	}
	sort.Strings(rows)
	t.Logf("\n| scenario | Flink | backend | outcome | Flink's message / state read |\n|---|---|---|---|---|\n%s", strings.Join(rows, "\n"))
}

func checkFlinkOutcome(t *testing.T, o outcomeFile, want flinkExpect) {
	t.Helper()
	got := o.Resume
	if got.Status != want.status {
		t.Fatalf("Flink %s: %s, expected %s (message %q)", o.FlinkVersion, got.Status, want.status, got.Message)
	}
	if want.status == "failed" {
		if !messagePattern(want.message, true).MatchString(got.Message) {
			t.Errorf("Flink's message %q does not match %q", got.Message, want.message)
		}
		if o.ResumeAllowNon.Status != "failed" {
			t.Errorf("with allowNonRestoredState Flink %s; a state that does not fit is not skipped by it", o.ResumeAllowNon.Status)
		}
		return
	}
	for _, s := range want.kept {
		r, ok := got.StateRead[s]
		if !ok || r.Keys == 0 || r.Restored != r.Keys {
			t.Errorf("state %q: restored job read %+v, want every key restored", s, r)
		}
	}
	for _, s := range want.fresh {
		r, ok := got.StateRead[s]
		if !ok || r.Keys == 0 || r.Restored != 0 {
			t.Errorf("state %q: restored job read %+v, want every key empty", s, r)
		}
	}
	for _, s := range want.unread {
		if _, ok := o.V1StateRead[s]; !ok {
			t.Errorf("state %q: v1 never wrote it (v1 read %v)", s, o.V1StateRead)
		}
		if r, ok := got.StateRead[s]; ok {
			t.Errorf("state %q: the restored job reads it (%+v); it should be gone from v2", s, r)
		}
	}
	var listed []string
	for s := range got.StateRead {
		listed = append(listed, s)
	}
	wantListed := slices.Concat(want.kept, want.fresh)
	slices.Sort(listed)
	slices.Sort(wantListed)
	if !slices.Equal(listed, wantListed) {
		t.Errorf("restored job read states %v, expected %v", listed, wantListed)
	}
}

// checkCompatAgainstFlink runs compat on v2 against v1's savepoint, for the
// Flink version that ran it, and requires Flink's outcome: the verdict with
// and without -n, Flink's message among the failures, and for a running job
// the per-state findings the probes proved (kept: compatible or migrated,
// fresh: new, unread: dropped).
func checkCompatAgainstFlink(t *testing.T, o outcomeFile, want flinkExpect) {
	t.Helper()
	for _, withN := range []bool{false, true} {
		// --flink-version: whether a TTL switch restores depends on it (§6.5),
		// and the scenarios have no build file to read it from.
		// --state-backend: a canonical savepoint does not record the backend,
		// and some failures differ between them; a user knows theirs.
		args := []string{
			"compat", "--format", "json", "--fail-on", "never", "--flink-version", o.FlinkVersion,
			"--state-backend", o.Backend, "--savepoint", o.Savepoint,
		}
		if withN {
			args = append(args, "-n")
		}
		var rep compatStateReport
		if err := json.Unmarshal(uidcheck(t, append(args, versionDirs(o.Jobs, "v2")...)...), &rep); err != nil {
			t.Fatal(err)
		}
		if v := flinkVerdict(o.Resume, o.ResumeAllowNon, withN); rep.Verdict != v {
			t.Errorf("-n=%v: uidcheck %q, Flink %q (%s)\n  uidcheck failures: %q", withN, rep.Verdict, v, o.Resume.Message, rep.Failures)
		}
		if withN {
			continue
		}
		if want.status == "failed" {
			pat := messagePattern(want.message, false)
			if !slices.ContainsFunc(rep.Failures, pat.MatchString) {
				t.Errorf("no uidcheck failure quotes Flink's message %q\n  uidcheck failures: %q", o.Resume.Message, rep.Failures)
			}
			continue
		}
		outcomes := map[string]string{}
		for _, e := range rep.Entries {
			for _, s := range e.States {
				if s.Name != "" {
					outcomes[s.Name] = s.Outcome
				}
			}
		}
		for _, s := range want.kept {
			if got := outcomes[s]; got != "compatible" && got != "migrated" {
				t.Errorf("state %q: uidcheck %q; Flink restored every key", s, got)
			}
		}
		for _, s := range want.fresh {
			if got := outcomes[s]; got != "new" {
				t.Errorf("state %q: uidcheck %q; Flink started it empty", s, got)
			}
		}
		for _, s := range want.unread {
			if got := outcomes[s]; got != "dropped" {
				t.Errorf("state %q: uidcheck %q; Flink restored it into nothing the new job reads", s, got)
			}
		}
	}
}

var hashSuffix = regexp.MustCompile(`@[0-9a-f]+`)

// stateRow is one line of the measured table (docs/real-flink.md).
func stateRow(o outcomeFile) string {
	detail := hashSuffix.ReplaceAllString(o.Resume.Message, "@…")
	if o.Resume.Status == "running" {
		var parts []string
		for name, r := range o.Resume.StateRead {
			parts = append(parts, name+" "+strconv.Itoa(r.Restored)+"/"+strconv.Itoa(r.Keys)+" keys restored")
		}
		for name := range o.V1StateRead {
			if _, ok := o.Resume.StateRead[name]; !ok {
				parts = append(parts, name+" never read")
			}
		}
		sort.Strings(parts)
		detail = strings.Join(parts, "; ")
	}
	return "| " + o.Scenario + " | " + o.FlinkVersion + " | " + o.Backend + " | " + o.Resume.Status + " | " + detail + " |"
}
