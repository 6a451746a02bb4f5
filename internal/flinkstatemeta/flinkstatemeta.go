// Package flinkstatemeta compares uidcheck's reading of a savepoint's state
// descriptions with Flink's own, as the harness's harness.StateMeta prints
// it (testdata/flink-harness). The unit tests compare against recorded
// output, the e2e suite against a live run.
package flinkstatemeta

import (
	"fmt"
	"maps"

	"github.com/uidcheck/uidcheck/savepointinfo"
)

// Reading is one savepoint as Flink's KeyedBackendSerializationProxy and
// OperatorBackendSerializationProxy read it.
type Reading struct {
	Dir       string     `json:"dir"`
	Error     string     `json:"error"`
	Operators []Operator `json:"operators"`
}

// Operator is one operator's merged states.
type Operator struct {
	OperatorID    string  `json:"operator_id"`
	KeySerializer string  `json:"key_serializer"`
	States        []State `json:"states"`
}

// State is one state: its serializers by Flink's key, as snapshot classes.
type State struct {
	Name        string            `json:"name"`
	Backend     string            `json:"backend"`
	Kind        *string           `json:"kind"`
	Serializers map[string]string `json:"serializers"`
}

// Compare reads m's state descriptions and lists every difference from
// Flink's reading; it returns the number of states compared.
func Compare(m *savepointinfo.Metadata, fl *Reading) (states int, diffs []string) {
	if len(m.Operators) != len(fl.Operators) {
		return 0, []string{fmt.Sprintf("%d operators, Flink read %d", len(m.Operators), len(fl.Operators))}
	}
	for i, op := range m.Operators {
		want := fl.Operators[i]
		sm, err := m.StateMeta(op, nil)
		if err != nil {
			diffs = append(diffs, fmt.Sprintf("operator %s: %v", op.ID, err))
			continue
		}
		if len(sm.Unread) > 0 {
			diffs = append(diffs, fmt.Sprintf("operator %s: Flink read every description, uidcheck did not: %v", op.ID, sm.Unread))
		}
		key := ""
		if sm.KeySerializer != nil {
			key = sm.KeySerializer.Snapshot
		}
		if op.ID.String() != want.OperatorID || key != want.KeySerializer || len(sm.States) != len(want.States) {
			diffs = append(diffs, fmt.Sprintf("operator %s: key %q and %d states, Flink read operator %s with key %q and %d states",
				op.ID, key, len(sm.States), want.OperatorID, want.KeySerializer, len(want.States)))
			continue
		}
		for j, st := range sm.States {
			w := want.States[j]
			kind := ""
			if w.Kind != nil {
				kind = *w.Kind
			}
			got := serializerClasses(st)
			if st.Name != w.Name || st.Backend != w.Backend || st.Kind != kind || !maps.Equal(got, w.Serializers) {
				diffs = append(diffs, fmt.Sprintf("operator %s state %d:\n got %s %s %s %v\nFlink %s %s %s %v",
					op.ID, j, st.Name, st.Backend, st.Kind, got, w.Name, w.Backend, kind, w.Serializers))
			}
			states++
		}
	}
	return states, diffs
}

// serializerClasses maps a state's serializer keys to snapshot classes, as
// Flink's StateMetaInfoSnapshot holds them.
func serializerClasses(st savepointinfo.StateMeta) map[string]string {
	out := map[string]string{}
	keyName := "KEY_SERIALIZER"
	if st.Backend == "KEY_VALUE_V2" {
		keyName = "USER_KEY_SERIALIZER"
	}
	for k, s := range map[string]*savepointinfo.Serializer{"VALUE_SERIALIZER": st.Value, "NAMESPACE_SERIALIZER": st.Namespace, keyName: st.Key} {
		if s != nil {
			out[k] = s.Snapshot
		}
	}
	return out
}
