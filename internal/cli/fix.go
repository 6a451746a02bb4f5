package cli

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/aymanbagabas/go-udiff"

	"github.com/uidcheck/uidcheck/analyzer/uidfix"
	"github.com/uidcheck/uidcheck/internal/atomicfile"
	"github.com/uidcheck/uidcheck/internal/buildfile"
	"github.com/uidcheck/uidcheck/internal/processors"
	"github.com/uidcheck/uidcheck/internal/report"
)

// planFixes turns missinguid's plain ".uid(…)" appends into edits that
// compile in their place (package uidfix), adding setUidHash pins. A finding
// whose operator cannot take a uid there keeps no fix and says why in
// FixNote. The JSON output shows the same edits --fix applies.
func planFixes(r *report.Result, pins *fixPins, unchanged func(name string, src []byte) bool) error {
	byFile, files := fixRequests(r, pins)
	versions := buildfile.NewFinder()
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("fix %s: %w", file, err)
		}
		if !unchanged(file, src) {
			return fmt.Errorf("fix %s: %w during the run; run uidcheck again", file, atomicfile.ErrChanged)
		}
		ps := byFile[file]
		reqs := make([]uidfix.Request, len(ps))
		major := versions.FlinkMajor(file)
		for i, p := range ps {
			reqs[i] = p.req
			reqs[i].FlinkMajor = major
			reqs[i].Call = spanText(src, p.diag)
		}
		plans, err := uidfix.PlanFile(src, reqs)
		if err != nil {
			return fmt.Errorf("fix %s: %w", file, err)
		}
		for i, plan := range plans {
			d := ps[i].diag
			if plan.Reason != "" {
				d.Fixes, d.FixNote = nil, "not fixed: "+plan.Reason
				continue
			}
			fix := report.Fix{Message: fmt.Sprintf("Add .uid(%q)", reqs[i].UID)}
			if reqs[i].UIDHash != "" {
				fix.Message += fmt.Sprintf(" and pin the current ID with .setUidHash(%q)", reqs[i].UIDHash)
			}
			for _, e := range plan.Edits {
				fix.Edits = append(fix.Edits, report.Edit{File: file, Offset: e.Offset, End: e.End, NewText: e.NewText})
			}
			d.Fixes = []report.Fix{fix}
		}
	}
	return nil
}

// spanText returns the source text a finding's range covers: for
// missinguid, the name of the creating method.
func spanText(src []byte, d *report.Diagnostic) string {
	offset := func(line, col int) int {
		off := 0
		for range line - 1 {
			i := bytes.IndexByte(src[off:], '\n')
			if i < 0 {
				return -1
			}
			off += i + 1
		}
		return off + col - 1
	}
	start, end := offset(d.Line, d.Column), offset(d.EndLine, d.EndColumn)
	if start < 0 || end < start || end > len(src) {
		return ""
	}
	return string(src[start:end])
}

// pendingFix is one finding whose plain append awaits planning.
type pendingFix struct {
	diag *report.Diagnostic
	req  uidfix.Request
}

// fixRequests collects missinguid's plain appends by file, in the order the
// files first appear; findings a savepoint forbids to fix lose their fix.
func fixRequests(r *report.Result, pins *fixPins) (map[string][]pendingFix, []string) {
	byFile := map[string][]pendingFix{}
	var files []string
	for i := range r.Diagnostics {
		d := &r.Diagnostics[i]
		if len(d.Fixes) == 0 || len(d.Fixes[0].Edits) != 1 {
			continue
		}
		e := d.Fixes[0].Edits[0]
		uid, ok := uidfix.ParseSetter(e.NewText)
		if !ok || e.Offset != e.End {
			continue
		}
		req := uidfix.Request{CallEnd: e.Offset, UID: uid}
		if pins != nil {
			key := posKey(d.File, d.Line, d.Column)
			if why, ok := pins.blocked[key]; ok {
				d.Fixes, d.FixNote = nil, why
				continue
			}
			req.UIDHash = pins.pins[key]
		}
		if byFile[e.File] == nil {
			files = append(files, e.File)
		}
		byFile[e.File] = append(byFile[e.File], pendingFix{d, req})
	}
	return byFile, files
}

// fixedFile is one file --fix rewrote, with both contents, so that the run
// can put the original back.
type fixedFile struct {
	path          string
	before, after []byte
	fixes         int
}

// applyFixes applies the first fix of every finding, or prints the result
// as a unified diff. The driver analyses a file reached by several paths
// (a symlink, "./X.java" and "X.java", a file and its directory) once,
// under one name, so each file is edited once; a file whose content is no
// longer what was analysed is not edited.
func applyFixes(f *Factory, r *report.Result, unchanged func(name string, src []byte) bool, diffOnly bool) ([]fixedFile, error) {
	byFile, files := editsByFile(r)
	var out []fixedFile
	for _, name := range files {
		t := byFile[name]
		src, err := os.ReadFile(name)
		if err != nil {
			return out, fmt.Errorf("fix %s: %w", name, err)
		}
		if !unchanged(name, src) {
			return out, fmt.Errorf("fix %s: %w during the run; run uidcheck again", name, atomicfile.ErrChanged)
		}
		fixed, err := applyEdits(src, t.edits)
		if err != nil {
			return out, fmt.Errorf("fix %s: %w", name, err)
		}
		if diffOnly {
			slash := filepath.ToSlash(name)
			if _, err := fmt.Fprint(f.IO.Out, udiff.Unified("a/"+slash, "b/"+slash, string(src), string(fixed))); err != nil {
				return out, err
			}
			continue
		}
		if err := atomicfile.Replace(name, src, fixed); err != nil {
			return out, fmt.Errorf("fix %s: %w", name, err)
		}
		out = append(out, fixedFile{path: name, before: src, after: fixed, fixes: t.fixes})
	}
	return out, nil
}

// editTarget is the edits for one file.
type editTarget struct {
	edits []report.Edit
	fixes int
}

// editsByFile groups the first fix of every finding by file, dropping
// identical edits (two operators pinned in one statement share the comment
// line above it), and returns the files sorted.
func editsByFile(r *report.Result) (map[string]*editTarget, []string) {
	byFile := map[string]*editTarget{}
	var files []string
	for _, d := range r.Diagnostics {
		if len(d.Fixes) == 0 {
			continue
		}
		for i, e := range d.Fixes[0].Edits {
			t := byFile[e.File]
			if t == nil {
				t = &editTarget{}
				byFile[e.File] = t
				files = append(files, e.File)
			}
			if !slices.Contains(t.edits, e) {
				t.edits = append(t.edits, e)
				if i == 0 {
					t.fixes++
				}
			}
		}
	}
	sort.Strings(files)
	return byFile, files
}

// restoreFixed puts the original content back into every fixed file that
// still holds what --fix wrote.
func restoreFixed(files []fixedFile) error {
	var errs []error
	for _, ff := range files {
		if err := atomicfile.Replace(ff.path, ff.after, ff.before); err != nil {
			errs = append(errs, fmt.Errorf("restore %s: %w", ff.path, err))
		}
	}
	return errors.Join(errs...)
}

// applyEdits applies edits to src. Identical edits count once; insertions
// at one offset are applied in the order given; edits that overlap
// otherwise are an error.
func applyEdits(src []byte, edits []report.Edit) ([]byte, error) {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Offset < edits[j].Offset })
	var out strings.Builder
	last := 0
	for _, e := range edits {
		if e.Offset < last || e.End < e.Offset || e.End > len(src) {
			return nil, fmt.Errorf("edit at offset %d overlaps another or lies outside the file", e.Offset)
		}
		out.Write(src[last:e.Offset])
		out.WriteString(e.NewText)
		last = e.End
	}
	out.Write(src[last:])
	return []byte(out.String()), nil
}

// unfixed keeps the findings that --fix could not fix.
func unfixed(diags []report.Diagnostic) []report.Diagnostic {
	kept := diags[:0]
	for _, d := range diags {
		if len(d.Fixes) == 0 {
			kept = append(kept, d)
		}
	}
	return kept
}

// lineRefs matches the line numbers messages cite ("X.java:12"), which
// move when a fix inserts a statement.
var lineRefs = regexp.MustCompile(`:\d+\b`)

// newFindings returns the findings of after that before does not have,
// comparing rule, category, file and message (without line numbers).
func newFindings(before, after []report.Diagnostic) []report.Diagnostic {
	key := func(d report.Diagnostic) string {
		return strings.Join([]string{d.Rule, d.Category, d.File, lineRefs.ReplaceAllString(d.Message, "")}, "\x00")
	}
	count := map[string]int{}
	for _, d := range before {
		count[key(d)]++
	}
	var fresh []report.Diagnostic
	for _, d := range after {
		k := key(d)
		if count[k] > 0 {
			count[k]--
			continue
		}
		fresh = append(fresh, d)
	}
	return fresh
}

// fixStage plans the fixes (for --fix, --diff and the JSON output) and
// prints them as a diff or applies them.
func fixStage(ctx context.Context, opts *checkOptions, aopts analyzeOptions, res *analysisResult, analysed []report.Diagnostic) error {
	var pins *fixPins
	if opts.savepoint != "" {
		var renamed []report.Diagnostic
		var err error
		if pins, renamed, err = savepointPins(ctx, opts.f, opts.savepoint, res); err != nil {
			return err
		}
		res.report.Diagnostics = append(res.report.Diagnostics, renamed...)
		slices.SortStableFunc(res.report.Diagnostics, func(a, b report.Diagnostic) int {
			return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
		})
	}
	if err := planFixes(res.report, pins, res.run.Unchanged); err != nil {
		return err
	}
	switch {
	case opts.diff:
		_, err := applyFixes(opts.f, res.report, res.run.Unchanged, true)
		return err
	case opts.fix:
		if err := fixAndVerify(ctx, opts, aopts, res, analysed); err != nil {
			return err
		}
		res.report.Diagnostics = unfixed(res.report.Diagnostics)
	}
	return nil
}

// fixAndVerify applies the planned fixes, analyses the tree again and puts
// every original back if the fixes made a finding appear that the first
// analysis did not have (analysed): an edit must never make things worse.
func fixAndVerify(ctx context.Context, opts *checkOptions, aopts analyzeOptions, res *analysisResult, analysed []report.Diagnostic) error {
	ew := opts.f.IO.ErrOut
	fixed, err := applyFixes(opts.f, res.report, res.run.Unchanged, false)
	if err != nil {
		return errors.Join(err, restoreFixed(fixed))
	}
	if len(fixed) == 0 {
		return nil
	}
	// The second analysis prints nothing: its file errors were printed by
	// the first.
	quiet := &Factory{IO: &IOStreams{In: opts.f.IO.In, Out: io.Discard, ErrOut: io.Discard, Getenv: opts.f.IO.Getenv}}
	again, err := analyze(ctx, quiet, aopts, defaultAnalyzers())
	if err != nil {
		return errors.Join(fmt.Errorf("check the fixed files: %w", err), restoreFixed(fixed))
	}
	if again.report.Diagnostics, err = processors.Run(again.report.Diagnostics, processors.Config{C: opts.config}); err != nil {
		return errors.Join(err, restoreFixed(fixed))
	}
	if fresh := newFindings(analysed, again.report.Diagnostics); len(fresh) > 0 {
		for _, d := range fresh {
			fmt.Fprintf(ew, "uidcheck: after the fix: %s:%d:%d: %s (%s)\n", d.File, d.Line, d.Column, d.Message, d.Rule)
		}
		if err := restoreFixed(fixed); err != nil {
			return err
		}
		return fmt.Errorf("--fix would add %d new finding(s), shown above; every file is left as it was", len(fresh))
	}
	total := 0
	for _, ff := range fixed {
		fmt.Fprintf(ew, "uidcheck: fixed %s (%d uids added)\n", ff.path, ff.fixes)
		total += ff.fixes
	}
	if opts.savepoint == "" {
		fmt.Fprintf(ew, "uidcheck: warning: %d operators got their first uid, which changes their OperatorID: state that savepoints hold "+
			"under their auto-generated IDs is not restored (run -s fails, or -n drops it). If a savepoint of this job exists, "+
			"undo and run `uidcheck check --fix --savepoint PATH` to keep their current IDs with setUidHash.\n", total)
	}
	return nil
}
