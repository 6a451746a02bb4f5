package savepointinfo

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode checks that no input makes the decoder panic, hang or allocate
// beyond its limits. It is seeded with real files from several versions.
func FuzzDecode(f *testing.F) {
	for _, name := range smallFixtures {
		if b, err := os.ReadFile(filepath.Join(localFixtures, name, MetadataFileName)); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		m, err := Decode(bytes.NewReader(in), WithSize(int64(len(in))))
		if err == nil && m.Size != int64(len(in)) {
			t.Fatalf("decoded %d of %d bytes without error", m.Size, len(in))
		}
		// Unknown size must not change the verdict on well-formed input.
		if _, err2 := Decode(bytes.NewReader(in)); (err == nil) != (err2 == nil) {
			t.Fatalf("size-aware error %v, size-unaware error %v", err, err2)
		}
	})
}

// FuzzStateMeta checks that reading the state descriptions of any file
// Decode accepts never panics, hangs or allocates beyond its limits. It is
// seeded with real files whose state is inline, so mutations land in the
// keyed and operator proxies as well as in the handles that locate them.
func FuzzStateMeta(f *testing.F) {
	// The state files of the statefiles-* savepoints are served with every
	// input (their names are unique), so mutated handles reach them too.
	files := memOpener{}
	dirs, _ := filepath.Glob(filepath.Join(localFixtures, "statefiles-*"))
	for _, dir := range dirs {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil && e.Name() != MetadataFileName {
				files[e.Name()] = b
			}
		}
	}
	for _, name := range append(dirs, stateMetaSeeds...) {
		if b, err := os.ReadFile(filepath.Join(name, MetadataFileName)); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		m, err := Decode(bytes.NewReader(in), WithSize(int64(len(in))))
		if err != nil {
			return
		}
		o := memOpener{MetadataFileName: in}
		maps.Copy(o, files)
		for _, op := range m.Operators {
			sm, err := m.StateMeta(op, o)
			if err == nil && sm == nil {
				t.Fatal("no result and no error")
			}
		}
	})
}

// stateMetaSeeds hold inline keyed and operator state of many kinds: POJO,
// Avro, Kryo, TTL, table and CEP snapshots, broadcast and union state.
var stateMetaSeeds = []string{
	filepath.Join(localFixtures, "harness-flink2.3.0-uid_renamed"),
	filepath.Join(localFixtures, "state-processor-api-table-state"),
	filepath.Join(localFixtures, "sql-restore-async-calc_1-async-calc-nested"),
	filepath.Join(fixtureDir, "sql-restore-match_1-match-skip-past-last-row"),
	filepath.Join(fixtureDir, "sql-restore-over-aggregate_1-over-aggregate-lag-1.18"),
	filepath.Join(fixtureDir, "sql-restore-rank_1-rank-test-retract-strategy"),
	filepath.Join(fixtureDir, "e2e-state-evolution-flink1.7-savepoint"),
	filepath.Join(fixtureDir, "state-processor-api-table-state-avro"),
	filepath.Join(fixtureDir, "sql-restore-join_1-join-with-state-ttl-hint"),
	filepath.Join(fixtureDir, "stateful-scala-udf-flink1.14-hashmap-savepoint"),
}

// FuzzStateStream feeds the keyed and the operator proxy readers any bytes
// as a state stream. It is seeded with real streams: inline ones, state
// files (compressed, RocksDB meta files) and table, CEP, POJO, Avro and
// Kryo descriptions.
func FuzzStateStream(f *testing.F) {
	dirs, _ := filepath.Glob(filepath.Join(localFixtures, "statefiles-*"))
	for _, dir := range append(dirs, stateMetaSeeds...) {
		streams, _ := stateStreams(f, dir)
		for _, b := range streams {
			f.Add(b[:min(len(b), 64<<10)])
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, operator := range []bool{false, true} {
			c := newCursor(bytes.NewReader(in), int64(len(in)), Limits{}.withDefaults())
			p := &proxyReader{c: c, end: int64(len(in))}
			var res proxyResult
			if operator {
				res = p.operatorProxy()
			} else {
				res = p.keyedProxy()
			}
			if c.err == nil && p.stop == "" {
				p.checkBound(&stateStream{kind: streamRocksMeta, bound: -1}, res)
			}
			if c.off > int64(len(in)) {
				t.Fatalf("read to %d of %d bytes", c.off, len(in))
			}
		}
	})
}
