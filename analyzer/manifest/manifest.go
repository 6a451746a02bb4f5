// Package manifest reads and writes uid manifests (uids.lock): for each job,
// every operator that has a uid, with its OperatorID, whether it keeps
// state, the creating call and its position. Committed next to the code, a
// manifest makes a renamed or removed uid visible in a plain pull-request
// diff, and the removeduid and changeduid rules compare the code with it.
//
// The format is line-oriented and sorted, so that diffs are small:
//
//	# uidcheck uid manifest, format 1
//	job com.example.OrdersJob#main
//	unpinned 1
//		"orders-dedup"	6c4f323f22da8fb6e34f80c61be7a689	stateful	process	src/main/java/com/example/OrdersJob.java:42
package manifest

import (
	"bufio"
	"bytes"
	"fmt"
	"go/token"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/uidcheck/uidcheck/analyzer/pipeline"
	"github.com/uidcheck/uidcheck/flinkid"
)

const header = "# uidcheck uid manifest, format 1"

// Manifest maps job names to their operators with a uid.
type Manifest struct {
	Jobs map[string][]Entry
	// Unpinned counts, per job, the operators without a resolved uid: their
	// IDs depend on the graph, which the manifest does not record.
	Unpinned map[string]int
}

// Entry is one operator with a uid.
type Entry struct {
	UID        string
	OperatorID string
	Stateful   string // "stateful", "stateless" or "unknown"
	Call       string
	File       string
	Line       int
	// Op is the model operator when the entry was built from code.
	Op *pipeline.Operator
}

// FromModel lists every operator with a resolved uid, job by job.
func FromModel(fset *token.FileSet, m *pipeline.Model) *Manifest {
	out := &Manifest{Jobs: map[string][]Entry{}, Unpinned: map[string]int{}}
	for _, job := range m.Jobs {
		entries := []Entry{}
		for _, op := range job.Operators {
			if op.UID.State != pipeline.UIDResolved {
				out.Unpinned[job.Name]++
				continue
			}
			p := fset.Position(op.Pos)
			entries = append(entries, Entry{
				UID: op.UID.Value, OperatorID: flinkid.FromUID(op.UID.Value).String(), Stateful: statefulWord(op.Stateful),
				Call: op.Call, File: p.Filename, Line: p.Line, Op: op,
			})
		}
		sortEntries(entries)
		out.Jobs[job.Name] = entries
	}
	return out
}

func statefulWord(s pipeline.Stateful) string {
	switch s {
	case pipeline.StatefulYes:
		return "stateful"
	case pipeline.StatefulNo:
		return "stateless"
	case pipeline.StatefulUnknown:
	}
	return "unknown"
}

func sortEntries(e []Entry) {
	sort.SliceStable(e, func(i, j int) bool {
		if e[i].File != e[j].File {
			return e[i].File < e[j].File
		}
		return e[i].Line < e[j].Line
	})
}

// Write prints the manifest in its sorted text form.
func (m *Manifest) Write(w io.Writer) error {
	var b bytes.Buffer
	b.WriteString(header + "\n")
	names := make([]string, 0, len(m.Jobs))
	for name := range m.Jobs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(&b, "job %s\n", name)
		fmt.Fprintf(&b, "unpinned %d\n", m.Unpinned[name])
		for _, e := range m.Jobs[name] {
			fmt.Fprintf(&b, "\t%s\t%s\t%s\t%s\t%s:%d\n", strconv.Quote(e.UID), e.OperatorID, e.Stateful, e.Call, e.File, e.Line)
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// Parse reads a manifest; errors name the line.
func Parse(name string, r io.Reader) (*Manifest, error) {
	m := &Manifest{Jobs: map[string][]Entry{}, Unpinned: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	job, n := "", 0
	for sc.Scan() {
		n++
		line := sc.Text()
		switch {
		case n == 1 && line != header:
			return nil, fmt.Errorf("%s:1: not a uid manifest: want %q", name, header)
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "job "):
			job = strings.TrimPrefix(line, "job ")
			m.Jobs[job] = []Entry{}
		case strings.HasPrefix(line, "unpinned ") && job != "":
			count, err := strconv.Atoi(strings.TrimPrefix(line, "unpinned "))
			if err != nil || count < 0 {
				return nil, fmt.Errorf("%s:%d: want \"unpinned N\", the count of operators without uid", name, n)
			}
			m.Unpinned[job] = count
		case strings.HasPrefix(line, "\t") && job != "":
			e, err := parseEntry(strings.TrimPrefix(line, "\t"))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, n, err)
			}
			m.Jobs[job] = append(m.Jobs[job], e)
		default:
			return nil, fmt.Errorf("%s:%d: want \"job NAME\" or a tab-indented operator line", name, n)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if n == 0 {
		return nil, fmt.Errorf("%s: empty file, not a uid manifest", name)
	}
	return m, nil
}

func parseEntry(s string) (Entry, error) {
	f := strings.Split(s, "\t")
	if len(f) != 5 {
		return Entry{}, fmt.Errorf("want 5 tab-separated fields (uid, operator ID, statefulness, call, file:line), have %d", len(f))
	}
	uid, err := strconv.Unquote(f[0])
	if err != nil {
		return Entry{}, fmt.Errorf("uid %s: want a quoted string", f[0])
	}
	at := strings.LastIndexByte(f[4], ':')
	line, err := strconv.Atoi(f[4][at+1:])
	if at < 0 || err != nil {
		return Entry{}, fmt.Errorf("position %q: want file:line", f[4])
	}
	return Entry{UID: uid, OperatorID: f[1], Stateful: f[2], Call: f[3], File: f[4][:at], Line: line}, nil
}

// Change is a difference between a manifest and the code.
type Change struct {
	Job string
	Old Entry
	// New is the code's operator at the old one's place with another uid
	// (or none); nil when the operator is gone.
	New *Entry
}

// Diff compares the manifest with the code's manifest. An operator keeps its
// identity across edits through its file, call and rank among the job's
// operators with a uid of that call in that file; the uid alone cannot
// identify it, since the uid is what changed. Jobs that are gone from the
// code are skipped: that is a different change than a uid's.
func Diff(old, code *Manifest) []Change {
	var out []Change
	names := make([]string, 0, len(old.Jobs))
	for name := range old.Jobs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		current, ok := code.Jobs[name]
		if !ok {
			continue
		}
		have := map[string]bool{}
		for _, e := range current {
			have[e.UID] = true
		}
		now := places(current)
		for i, p := range placesOf(old.Jobs[name]) {
			e := old.Jobs[name][i]
			if have[e.UID] {
				continue
			}
			c := Change{Job: name, Old: e}
			if j, ok := now[p]; ok && !hasUID(old.Jobs[name], current[j].UID) {
				c.New = &current[j]
			}
			out = append(out, c)
		}
	}
	return out
}

func hasUID(entries []Entry, uid string) bool {
	for _, e := range entries {
		if e.UID == uid {
			return true
		}
	}
	return false
}

type place struct {
	file, call string
	rank       int
}

// placesOf gives each entry its (file, call, rank of that call in the file).
func placesOf(entries []Entry) []place {
	out := make([]place, len(entries))
	rank := map[[2]string]int{}
	for i, e := range entries {
		k := [2]string{e.File, e.Call}
		out[i] = place{e.File, e.Call, rank[k]}
		rank[k]++
	}
	return out
}

// places indexes entries by their place.
func places(entries []Entry) map[place]int {
	out := map[place]int{}
	for i, p := range placesOf(entries) {
		out[p] = i
	}
	return out
}
