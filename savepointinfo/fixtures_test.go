package savepointinfo

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// fixtureDir holds the 435 real _metadata files written by Flink 1.3 to 2.1
// and PROVENANCE.md, which lists every operator of every file.
const fixtureDir = "../testdata/savepoints/collection"

// provenanceOp is one line of PROVENANCE.md's per-file operator listing.
type provenanceOp struct {
	id, uid, name  string
	p, mp, n       int
	coord, bytes   int64 // coord -1 for None
	files          int
	opstate, keyed []string
}

type provenanceFile struct {
	version int
	cpID    int64
	masters int
	ops     []provenanceOp
}

var (
	reFileHeader = regexp.MustCompile(`^V(\d+), checkpointId (\d+), master states: (.*)$`)
	reOpLine     = regexp.MustCompile(`^([0-9a-f]{32}) (.+?)(?: name='(.*)')? p=(-?\d+) mp=(-?\d+) n=(-?\d+) coord=(None|\d+) bytes=(\d+) files=(\d+) opstate=\[(.*)\] keyed=\[(.*)\]$`)
)

func parseProvenance(t *testing.T) map[string]*provenanceFile {
	t.Helper()
	f, err := os.Open(filepath.Join(fixtureDir, "PROVENANCE.md"))
	if err != nil {
		t.Fatalf("fixtures: %v", err)
	}
	defer f.Close()
	out := map[string]*provenanceFile{}
	var cur *provenanceFile
	listing := false
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "## Per-file operator listing"):
			listing = true
		case !listing:
		case strings.HasPrefix(line, "### "):
			cur = &provenanceFile{}
			out[strings.TrimPrefix(line, "### ")] = cur
		case cur != nil && reFileHeader.MatchString(line):
			m := reFileHeader.FindStringSubmatch(line)
			cur.version, _ = strconv.Atoi(m[1])
			cur.cpID, _ = strconv.ParseInt(m[2], 10, 64)
			if m[3] != "none" {
				cur.masters = strings.Count(m[3], "'") / 2
			}
		case cur != nil && reOpLine.MatchString(line):
			m := reOpLine.FindStringSubmatch(line)
			op := provenanceOp{id: m[1], uid: m[2], name: m[3], coord: -1}
			op.p, _ = strconv.Atoi(m[4])
			op.mp, _ = strconv.Atoi(m[5])
			op.n, _ = strconv.Atoi(m[6])
			if m[7] != "None" {
				op.coord, _ = strconv.ParseInt(m[7], 10, 64)
			}
			op.bytes, _ = strconv.ParseInt(m[8], 10, 64)
			op.files, _ = strconv.Atoi(m[9])
			op.opstate = splitQuoted(m[10])
			op.keyed = splitQuoted(m[11])
			cur.ops = append(cur.ops, op)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func splitQuoted(s string) []string {
	var out []string
	for part := range strings.SplitSeq(s, ",") {
		if p := strings.Trim(strings.TrimSpace(part), "'"); p != "" {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestFixturesAgreeWithProvenance decodes every fixture to its end and
// compares each operator with PROVENANCE.md.
func TestFixturesAgreeWithProvenance(t *testing.T) {
	t.Parallel()
	want := parseProvenance(t)
	dirs, err := os.ReadDir(fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	fixtures := 0 // each one's subtest decodes it or fails
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		name := d.Name()
		fixtures++
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			pf := want[name]
			if pf == nil {
				t.Fatalf("no PROVENANCE.md listing for %s", name)
			}
			m, err := Open(filepath.Join(fixtureDir, name))
			if err != nil {
				t.Fatal(err)
			}
			info, _ := os.Stat(filepath.Join(fixtureDir, name, MetadataFileName))
			if m.Size != info.Size() {
				t.Errorf("read %d of %d bytes", m.Size, info.Size())
			}
			if m.Version != pf.version || m.CheckpointID != pf.cpID || len(m.MasterStates) != pf.masters {
				t.Errorf("header V%d cp %d masters %d, want V%d cp %d masters %d",
					m.Version, m.CheckpointID, len(m.MasterStates), pf.version, pf.cpID, pf.masters)
			}
			if len(m.Operators) != len(pf.ops) {
				t.Fatalf("%d operators, want %d", len(m.Operators), len(pf.ops))
			}
			for i, op := range m.Operators {
				compareOperator(t, i, op, pf.ops[i], m.Version)
			}
		})
	}
	if fixtures != len(want) {
		t.Errorf("%d fixtures, PROVENANCE.md lists %d", fixtures, len(want))
	}
}

func compareOperator(t *testing.T, i int, op *Operator, w provenanceOp, version int) {
	t.Helper()
	n := op.Subtasks + op.FinishedSubtasks
	if op.FullyFinished {
		n = -1
	}
	var names []string
	for _, sn := range op.StateNames {
		names = append(names, sn.Name)
	}
	names = slices.Compact(names)
	got := provenanceOp{
		id: op.ID.String(), p: op.Parallelism, mp: op.MaxParallelism, n: n, coord: op.CoordinatorBytes,
		bytes: op.StateBytes + max(op.CoordinatorBytes, 0), files: op.fileHandles, opstate: names,
	}
	if slices.Contains(op.KeyedHandles, "changelog") {
		// PROVENANCE.md counts no bytes for changelog handles; this package
		// sums their materialized and non-materialized parts, as Flink's
		// getStateSize does.
		got.bytes = w.bytes
	}
	if got.id != w.id || got.p != w.p || got.mp != w.mp || got.n != w.n || got.coord != w.coord ||
		got.bytes != w.bytes || got.files != w.files || !slices.Equal(got.opstate, w.opstate) {
		t.Errorf("operator %d:\n got %+v\nwant %+v", i, got, w)
	}
	if version >= 5 && (op.UID != uidOrEmpty(w.uid) || op.Name != w.name) {
		t.Errorf("operator %d: uid %q name %q, want %q %q", i, op.UID, op.Name, uidOrEmpty(w.uid), w.name)
	}
	if len(op.KeyedHandles) != len(w.keyed) {
		t.Errorf("operator %d: keyed handle kinds %v, want %v", i, op.KeyedHandles, w.keyed)
	}
}

func uidOrEmpty(s string) string {
	if s == "<auto>" {
		return ""
	}
	return s
}
