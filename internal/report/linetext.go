package report

import (
	"runtime"
	"sync"
)

// AttachLineText sets each diagnostic's LineText to its source line. Only
// the flagged lines are read, files in parallel: printers and fingerprints
// then need no file access, and no file content outlives this call. lines
// returns the text of the given 1-based lines of a file (nil for a line it
// does not have), or an error when the file cannot be read (LineText stays
// empty).
//
// Reading a few lines is mostly system calls (open, stat, read, close), so
// more goroutines than cores overlap them: on 10,000 generated jobs with
// 20,000 findings, four per core took 100-140 ms where one took 135-160.
func AttachLineText(diags []Diagnostic, lines func(file string, lines []int) ([][]byte, error)) {
	byFile := map[string][]int{}
	var files []string
	for i, d := range diags {
		if _, ok := byFile[d.File]; !ok {
			files = append(files, d.File)
		}
		byFile[d.File] = append(byFile[d.File], i)
	}
	next := make(chan string)
	var wg sync.WaitGroup
	for range min(4*runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			for file := range next {
				idx := byFile[file]
				want := make([]int, len(idx))
				for k, i := range idx {
					want[k] = diags[i].Line
				}
				text, err := lines(file, want)
				if err != nil {
					continue
				}
				for k, i := range idx {
					// Each goroutine writes only the diagnostics of its own file.
					diags[i].LineText = string(text[k])
				}
			}
		})
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
}
