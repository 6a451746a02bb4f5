package savepointinfo

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// TestStateMetaFixtures reads the state descriptions of every operator of
// every real _metadata file in testdata/savepoints. Every stream must be
// read completely or named in Unread; malformed bytes fail the test.
func TestStateMetaFixtures(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(localFixtures, "*", MetadataFileName))
	more, _ := filepath.Glob(filepath.Join(fixtureDir, "*", MetadataFileName))
	files = append(files, more...)
	if extra := os.Getenv("UIDCHECK_STATEMETA_DIRS"); extra != "" {
		for _, d := range filepath.SplitList(extra) {
			m, _ := filepath.Glob(filepath.Join(d, MetadataFileName))
			files = append(files, m...)
		}
	}
	keyed, operator, states := 0, 0, 0
	unread := map[string]int{}
	for _, f := range files {
		m, err := Open(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, op := range m.Operators {
			sm, err := m.StateMeta(op, nil)
			if err != nil {
				t.Errorf("%s operator %s: %v", f, op.ID, err)
				continue
			}
			keyed += sm.keyedStreams
			operator += sm.operatorStreams
			states += len(sm.States)
			for _, u := range sm.Unread {
				unread[u]++
			}
		}
	}
	t.Logf("%d files: %d keyed and %d operator descriptions read completely, %d states", len(files), keyed, operator, states)
	var reasons []string
	for u := range unread {
		reasons = append(reasons, u)
	}
	sort.Strings(reasons)
	missing := 0
	for _, u := range reasons {
		if strings.Contains(u, "files that could not be opened") {
			missing += unread[u] // the collection keeps _metadata files only
			continue
		}
		t.Logf("unread in %d operators: %s", unread[u], u)
		if !expectedUnread.MatchString(u) {
			t.Errorf("unexpected reason: %s", u)
		}
	}
	t.Logf("%d operators with state files not kept in the collection", missing)
	// The counts of the collection as of this change: a reader that stops
	// early or fails lowers them.
	if os.Getenv("UIDCHECK_STATEMETA_DIRS") == "" && (keyed != 643 || operator != 1099 || states != 2110) {
		t.Errorf("read %d keyed and %d operator descriptions with %d states, want 643, 1099 and 2110", keyed, operator, states)
	}
}

// expectedUnread are the descriptions the fixtures hold that this package
// does not read: formats older than Flink 1.7 and 1.17's lost legacy
// snapshots, and changelog increments.
var expectedUnread = regexp.MustCompile(`description version 5 \(written by Flink 1.6|a legacy TypeSerializerConfigSnapshot|changelog increment\(s\) after the last materialization`)

// A snapshot class that is not known ends its state's description; the
// next state's is found by its fixed bytes, and the result stands because
// the description then ends exactly at its bound. The last operator state
// before the broadcast states is not skipped: reading stops there.
func TestStateMetaSkipsUnknownSnapshot(t *testing.T) {
	t.Parallel()
	raw := readFixture(t, "harness-flink2.3.0-uid_renamed")
	void := []byte("VoidNamespaceSerializer$VoidNamespaceSerializerSnapshot")
	bytesArray := []byte("BytePrimitiveArraySerializer$BytePrimitiveArraySerializerSnapshot")
	in := bytes.Clone(raw)
	// The namespace serializer of state "count", the first after its name.
	at := bytes.Index(in, []byte("\x00\x05count"))
	k := bytes.Index(in[at:], void)
	if at < 0 || k < 0 {
		t.Fatal("fixture layout changed")
	}
	in[at+k+len(void)-1] = 'X'
	k = bytes.Index(in, bytesArray)
	in[k+len(bytesArray)-1] = 'X'
	m, err := Decode(bytes.NewReader(in), WithSize(int64(len(in))))
	if err != nil {
		t.Fatal(err)
	}
	o := memOpener{MetadataFileName: in}
	var keyed, source *OperatorStateMeta
	for _, op := range m.Operators {
		sm, err := m.StateMeta(op, o)
		if err != nil {
			t.Fatal(err)
		}
		switch op.UID {
		case "counter":
			keyed = sm
		case "numbers":
			source = sm
		}
	}
	if len(keyed.States) != 3 || keyed.States[0].Namespace.Unparsed == "" || keyed.States[2].Value.Family != "composite" ||
		len(keyed.Unread) != 1 || !strings.Contains(keyed.Unread[0], "ends exactly where the handle says") {
		t.Errorf("keyed: states %+v, unread %v", keyed.States, keyed.Unread)
	}
	if len(source.States) != 1 || source.States[0].Value.Unparsed == "" ||
		len(source.Unread) != 1 || !strings.Contains(source.Unread[0], "the states after it in this stream are not read") {
		t.Errorf("source: states %+v, unread %v", source.States, source.Unread)
	}
}

// A skip is kept only when the description then ends at the bound the
// handle gives; with any other bound the states after the skip are
// dropped and named as not read, without an error.
func TestStateMetaSkipNeedsExactBound(t *testing.T) {
	t.Parallel()
	proxy := bytes.Clone(realKeyedProxy(t))
	void := []byte("VoidNamespaceSerializer$VoidNamespaceSerializerSnapshot")
	k := bytes.Index(proxy, void)
	proxy[k+len(void)-1] = 'X'
	for _, tc := range []struct {
		bound  int64
		states int
		unread string
	}{
		{int64(len(proxy)), 3, "ends exactly where the handle says"},
		{int64(len(proxy)) - 1, 1, "the states after it in this stream are not read"},
	} {
		out := &OperatorStateMeta{}
		r := &stateReader{meta: memFile{bytes.NewReader(proxy)}, out: out, seen: map[stateKey]bool{}, unread: map[string]bool{}}
		s := &stateStream{kind: streamKeyGroups, bound: tc.bound, loc: streamLoc{inline: true, size: int64(len(proxy))}}
		if err := r.stream(stateRef{}, "keyed state", s); err != nil {
			t.Fatalf("bound %d: %v", tc.bound, err)
		}
		unread := sortedKeys(r.unread)
		if len(out.States) != tc.states || len(unread) != 1 || !strings.Contains(unread[0], tc.unread) {
			t.Errorf("bound %d: %d states, unread %v; want %d states and %q", tc.bound, len(out.States), unread, tc.states, tc.unread)
		}
	}
}

// A handle whose first key group lies far past its stream must not make
// the reader look for Java objects (table types) that far: found by
// FuzzStateMeta as inputs taking seconds, each stream allocating 16 MiB.
func TestStateMetaBoundPastStream(t *testing.T) {
	streams, located := stateStreams(t, filepath.Join(fixtureDir, "sql-restore-join_1-join-with-state-ttl-hint"))
	for i, b := range streams {
		if located[i].kind != streamKeyGroups || !bytes.Contains(b, []byte("RowDataSerializerSnapshot")) {
			continue
		}
		r := &stateReader{meta: memFile{bytes.NewReader(b)}, out: &OperatorStateMeta{}, seen: map[stateKey]bool{}, unread: map[string]bool{}}
		s := &stateStream{kind: streamKeyGroups, bound: 1 << 40, loc: streamLoc{inline: true, size: int64(len(b))}}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		err := r.stream(stateRef{}, "keyed state", s)
		runtime.ReadMemStats(&after)
		if err == nil || !strings.Contains(err.Error(), "first state offset") {
			t.Errorf("bound past the stream: %v", err)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
			t.Errorf("allocated %d bytes for a %d-byte stream", n, len(b))
		}
		return
	}
	t.Fatal("no keyed stream with table types in the fixture")
}
