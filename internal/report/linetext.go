package report

import (
	"bytes"
	"runtime"
	"sync"
)

// AttachLineText sets each diagnostic's LineText to its source line. Every
// file with findings is read once, files in parallel, and only the flagged
// lines are kept: printers and fingerprints then need no file access, and
// no file content outlives this call. source returns a file's content, or
// nil when it cannot be read (LineText stays empty).
func AttachLineText(diags []Diagnostic, source func(file string) []byte) {
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
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			for file := range next {
				src := source(file)
				for _, i := range byFile[file] {
					// Each goroutine writes only the diagnostics of its own file.
					diags[i].LineText = string(LineOf(src, diags[i].Line))
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

// LineOf returns line n (1-based) of src without its line terminator, or
// nil when src has fewer lines.
func LineOf(src []byte, n int) []byte {
	if n < 1 {
		return nil
	}
	for i := 1; i < n; i++ {
		k := bytes.IndexByte(src, '\n')
		if k < 0 {
			return nil
		}
		src = src[k+1:]
	}
	if k := bytes.IndexByte(src, '\n'); k >= 0 {
		src = src[:k]
	}
	return bytes.TrimRight(src, "\r")
}
