package cli

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/uidcheck/uidcheck/internal/report"
)

// applyFixes applies the first suggested fix of every finding, or prints
// them as a diff. An operator built in a helper that several jobs call gets
// one fix: edits at the same place are applied once.
func applyFixes(f *Factory, r *report.Result, diffOnly bool) error {
	byFile := map[string][]report.Edit{}
	seen := map[string]bool{}
	for _, d := range r.Diagnostics {
		if len(d.Fixes) == 0 {
			continue
		}
		for _, e := range d.Fixes[0].Edits {
			key := fmt.Sprintf("%s:%d:%d", e.File, e.Offset, e.End)
			if !seen[key] {
				seen[key] = true
				byFile[e.File] = append(byFile[e.File], e)
			}
		}
	}
	files := make([]string, 0, len(byFile))
	for file := range byFile {
		files = append(files, file)
	}
	sort.Strings(files)
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("fix %s: %w", file, err)
		}
		fixed, err := applyEdits(src, byFile[file])
		if err != nil {
			return fmt.Errorf("fix %s: %w", file, err)
		}
		if diffOnly {
			if _, err := fmt.Fprint(f.IO.Out, lineDiff(file, src, fixed)); err != nil {
				return err
			}
			continue
		}
		info, err := os.Stat(file)
		if err != nil {
			return fmt.Errorf("fix %s: %w", file, err)
		}
		if err := os.WriteFile(file, fixed, info.Mode().Perm()); err != nil {
			return fmt.Errorf("fix %s: %w", file, err)
		}
		fmt.Fprintf(f.IO.ErrOut, "uidcheck: fixed %s (%d uids added)\n", file, len(byFile[file]))
	}
	return nil
}

// applyEdits applies non-overlapping edits to src.
func applyEdits(src []byte, edits []report.Edit) ([]byte, error) {
	sort.Slice(edits, func(i, j int) bool { return edits[i].Offset < edits[j].Offset })
	var out bytes.Buffer
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
	return out.Bytes(), nil
}

// lineDiff prints the changed lines of a file in unified-diff form, one
// hunk per changed line: fixes only insert text within a line.
func lineDiff(file string, before, after []byte) string {
	a, b := strings.Split(string(before), "\n"), strings.Split(string(after), "\n")
	if len(a) != len(b) {
		return fmt.Sprintf("--- %s\n+++ %s\n(fixes changed the number of lines)\n", file, file)
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- a/%s\n+++ b/%s\n", file, file)
	for i := range a {
		if a[i] != b[i] {
			fmt.Fprintf(&out, "@@ -%d +%d @@\n-%s\n+%s\n", i+1, i+1, a[i], b[i])
		}
	}
	return out.String()
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
