// Command corpuseval measures uidcheck against the hand-labelled development
// corpus in testdata/corpus: it runs `uidcheck check --format json` on a
// checkout of each repository and compares the operators and missinguid
// findings with the labels. scripts/corpus-eval.sh builds uidcheck, fetches
// the checkouts and runs it.
//
//	corpuseval -uidcheck BIN -checkouts DIR [-corpus testdata/corpus] [-include-tests] [-v]
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/uidcheck/uidcheck/internal/report"
)

// repo is one entry of repos.json.
type repo struct {
	Repo          string   `json:"repo"`
	Commit        string   `json:"commit"`
	LabelledFiles []string `json:"labelled_files"`
}

// label is one hand-labelled operator of labels.jsonl.
type label struct {
	Repo     string  `json:"repo"`
	File     string  `json:"file"`
	Line     int     `json:"line"`
	Call     string  `json:"call"`
	UID      *string `json:"uid"`
	Stateful bool    `json:"stateful"`
	// Test marks an operator that only test jobs create (JUnit or TestNG
	// methods, *Test and *ITCase classes, helpers called only from them):
	// uidcheck leaves it out unless run with --include-tests.
	Test   bool   `json:"test,omitempty"`
	Reason string `json:"reason"`
}

// found is a tool operator reduced to what labels say.
type found struct {
	file, call string
	line, col  int
	uid        string // "" none, "?" unresolved, "hash:…" setUidHash
	stateful   string // "true", "false", "unknown"
}

// counts are the metrics of one repository or of all.
type counts struct {
	labelled, found         int
	statefulOK, uidOK       int
	tp, fp, fn              int
	noPipelineFindings      int
	unstableErrors          int
	unlabelledToolOperators int
}

func (c *counts) add(o counts) {
	c.labelled += o.labelled
	c.found += o.found
	c.statefulOK += o.statefulOK
	c.uidOK += o.uidOK
	c.tp += o.tp
	c.fp += o.fp
	c.fn += o.fn
	c.noPipelineFindings += o.noPipelineFindings
	c.unstableErrors += o.unstableErrors
	c.unlabelledToolOperators += o.unlabelledToolOperators
}

func main() {
	corpus := flag.String("corpus", "testdata/corpus", "corpus `DIR` with repos.json and labels.jsonl")
	checkouts := flag.String("checkouts", "", "`DIR` holding a checkout of each repository as owner+name")
	bin := flag.String("uidcheck", "uidcheck", "uidcheck `BINARY` to evaluate")
	verbose := flag.Bool("v", false, "list every disagreement")
	includeTests := flag.Bool("include-tests", false, "run uidcheck with --include-tests and expect the operators of test jobs too")
	flag.Parse()
	if *checkouts == "" {
		fmt.Fprintln(os.Stderr, "corpuseval: -checkouts is required")
		os.Exit(2)
	}
	if err := run(os.Stdout, *corpus, *checkouts, *bin, *includeTests, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "corpuseval:", err)
		os.Exit(2)
	}
}

func run(w io.Writer, corpus, checkouts, bin string, includeTests, verbose bool) error {
	var repos []repo
	if err := readJSON(filepath.Join(corpus, "repos.json"), &repos); err != nil {
		return err
	}
	labels, err := readLabels(filepath.Join(corpus, "labels.jsonl"))
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "repository\tfound/labelled\tstateful ok\tuid ok\tmissinguid P\tR\tTP/FP/FN\tno-pipeline findings\tunstableuid errors\t")
	var total counts
	var notes []string
	for _, r := range repos {
		dir := filepath.Join(checkouts, strings.ReplaceAll(r.Repo, "/", "+"))
		out, err := runCheck(bin, dir, includeTests)
		if err != nil {
			return fmt.Errorf("%s: %w", r.Repo, err)
		}
		var mine []label
		for _, l := range labels {
			// Without --include-tests an operator of a test job is not
			// expected: if uidcheck still reports it, it is a false alarm.
			if l.Repo == r.Repo && (includeTests || !l.Test) {
				mine = append(mine, l)
			}
		}
		c, n := evaluate(r, mine, out, dir)
		total.add(c)
		notes = append(notes, n...)
		writeRow(tw, r.Repo, c)
	}
	writeRow(tw, "total", total)
	if err := tw.Flush(); err != nil {
		return err
	}
	if verbose {
		for _, n := range notes {
			fmt.Fprintln(w, n)
		}
	}
	return nil
}

func writeRow(w io.Writer, name string, c counts) {
	fmt.Fprintf(w, "%s\t%d/%d (%s)\t%s\t%s\t%s\t%s\t%d/%d/%d\t%d\t%d\t\n", name,
		c.found, c.labelled, pct(c.found, c.labelled), ratio(c.statefulOK, c.found), ratio(c.uidOK, c.found),
		ratio(c.tp, c.tp+c.fp), ratio(c.tp, c.tp+c.fn), c.tp, c.fp, c.fn, c.noPipelineFindings, c.unstableErrors)
}

func pct(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(a)/float64(b))
}

func ratio(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", float64(a)/float64(b))
}

// runCheck runs uidcheck in the checkout, so that file paths in its output
// are relative to the repository root like the labels'.
func runCheck(bin, dir string, includeTests bool) (*report.Result, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("no checkout: %w", err)
	}
	abs, err := filepath.Abs(bin)
	if err == nil && strings.ContainsRune(bin, filepath.Separator) {
		bin = abs
	}
	tests := "--include-tests=false"
	if includeTests {
		tests = "--include-tests"
	}
	cmd := exec.CommandContext(context.Background(), bin, "check", "--format", "json", "--fail-on", "none", "--color", "never", tests, ".")
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		// Exit 2 with output means some files could not be analysed; the
		// rest still counts and the files are named on stderr.
		if !errors.As(err, &exit) || stdout.Len() == 0 {
			return nil, fmt.Errorf("uidcheck: %w: %s", err, stderr.String())
		}
		fmt.Fprintf(os.Stderr, "corpuseval: %s: %s", dir, stderr.String())
	}
	var out report.Result
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return nil, fmt.Errorf("uidcheck output: %w", err)
	}
	return &out, nil
}

// evaluate compares one repository's labels with uidcheck's output, over
// the labelled files.
func evaluate(r repo, labels []label, out *report.Result, dir string) (counts, []string) {
	var c counts
	var notes []string
	note := func(format string, args ...any) {
		notes = append(notes, r.Repo+": "+fmt.Sprintf(format, args...))
	}
	inScope := map[string]bool{}
	for _, f := range r.LabelledFiles {
		inScope[f] = true
	}
	labelledFile := map[string]bool{}
	for _, l := range labels {
		labelledFile[l.File] = true
		if !inScope[l.File] {
			note("label %s:%d is in a file not listed in labelled_files", l.File, l.Line)
		}
	}
	ops := callSites(out, inScope)
	missing, stray := findings(out, labelledFile, dir)
	c.noPipelineFindings = len(stray)
	for _, n := range stray {
		note("finding in a file without a pipeline: %s", n)
	}
	for _, n := range unstableErrors(out, inScope) {
		c.unstableErrors++
		note("unstableuid error (judge whether the uid really differs per submission): %s", n)
	}
	used := make([]bool, len(ops))
	for _, l := range labels {
		c.labelled++
		want := l.Stateful && l.UID == nil && !collectSink[l.Call]
		i := match(ops, used, l)
		if i < 0 {
			note("not found: %s:%d %s", l.File, l.Line, l.Call)
			if want {
				c.fn++
			}
			continue
		}
		used[i] = true
		f := ops[i]
		c.found++
		if f.stateful == strconv.FormatBool(l.Stateful) {
			c.statefulOK++
		} else {
			note("stateful: %s:%d %s: uidcheck %s, label %v (%s)", l.File, l.Line, l.Call, f.stateful, l.Stateful, l.Reason)
		}
		wantUID := ""
		if l.UID != nil {
			wantUID = *l.UID
		}
		if f.uid == wantUID {
			c.uidOK++
		} else {
			note("uid: %s:%d %s: uidcheck %q, label %q", l.File, l.Line, l.Call, f.uid, wantUID)
		}
		predicted := missing[fmt.Sprintf("%s:%d:%d", f.file, f.line, f.col)]
		switch {
		case predicted && want:
			c.tp++
		case predicted:
			c.fp++
			note("missinguid false alarm: %s:%d %s (%s)", l.File, l.Line, l.Call, l.Reason)
		case want:
			c.fn++
			note("missinguid missed: %s:%d %s (%s)", l.File, l.Line, l.Call, l.Reason)
		}
	}
	for i, f := range ops {
		if used[i] {
			continue
		}
		c.unlabelledToolOperators++
		note("operator not in the labels: %s:%d %s", f.file, f.line, f.call)
		if missing[fmt.Sprintf("%s:%d:%d", f.file, f.line, f.col)] {
			c.fp++
		}
	}
	return c, notes
}

// collectSink names the calls that create a collect sink (collect is
// DataStreamUtils.collect): stateful, but it
// cannot carry a uid and its job is never resumed, so missinguid must not
// report it (issue 16).
var collectSink = map[string]bool{"executeAndCollect": true, "collectAsync": true, "collect": true}

// unstableErrors describes the unstableuid errors in the labelled files. A
// uid derived from configuration is stable and must not be an error; only a
// reader can tell, so they are listed rather than scored.
func unstableErrors(out *report.Result, inScope map[string]bool) []string {
	var errs []string
	for _, d := range out.Diagnostics {
		if d.Rule == "unstableuid" && d.Severity == report.SeverityError && inScope[d.File] {
			errs = append(errs, fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Message))
		}
	}
	return errs
}

// findings returns the positions of missinguid findings (errors and
// warnings) and describes findings in files that use no DataStream API.
func findings(out *report.Result, labelledFile map[string]bool, dir string) (missing map[string]bool, stray []string) {
	missing = map[string]bool{}
	for _, d := range out.Diagnostics {
		if d.Rule == "missinguid" && d.Severity != report.SeverityInfo {
			missing[fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Column)] = true
		}
		if !labelledFile[d.File] && !buildsPipeline(filepath.Join(dir, d.File)) {
			stray = append(stray, fmt.Sprintf("%s:%d: %s (%s)", d.File, d.Line, d.Message, d.Rule))
		}
	}
	return missing, stray
}

// callSites reduces uidcheck's operators in the labelled files to one entry
// per call site: helpers called from several jobs are listed once per job,
// Sink V2 parts once per part.
func callSites(out *report.Result, inScope map[string]bool) []found {
	var ops []found
	seen := map[string]bool{}
	for _, o := range out.Operators {
		key := fmt.Sprintf("%s:%d:%d:%s", o.File, o.Line, o.Column, o.Call)
		if !inScope[o.File] || seen[key] {
			continue
		}
		seen[key] = true
		f := found{file: o.File, line: o.Line, col: o.Column, call: o.Call, stateful: fmt.Sprint(o.Stateful)}
		switch {
		case o.UIDHash != nil:
			f.uid = "hash:" + *o.UIDHash
		case o.UID != nil:
			f.uid = *o.UID
		case o.UIDExpr != nil:
			f.uid = "?"
		}
		ops = append(ops, f)
	}
	return ops
}

// match finds the first unused operator at the label's file, line and call
// (a line may hold two calls of one method), or -1.
func match(ops []found, used []bool, l label) int {
	for i, f := range ops {
		if !used[i] && f.file == l.File && f.line == l.Line && f.call == l.Call {
			return i
		}
	}
	return -1
}

// buildsPipeline reports whether a file uses Flink's DataStream API at all;
// findings elsewhere are false alarms by definition.
func buildsPipeline(path string) bool {
	src, err := os.ReadFile(path)
	if err != nil {
		return true // cannot tell: do not count it
	}
	return bytes.Contains(src, []byte("org.apache.flink.streaming")) || bytes.Contains(src, []byte("org.apache.flink.datastream"))
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func readLabels(path string) ([]label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []label
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var l label
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if l.Repo == "" || l.File == "" || l.Line < 1 || l.Call == "" || l.Reason == "" {
			return nil, fmt.Errorf("%s:%d: want repo, file, line, call, stateful and reason", path, n)
		}
		out = append(out, l)
	}
	return out, sc.Err()
}
