// Command bareparse parses every Java file under a directory with
// tree-sitter, as many parsers at once as check uses and through the same calls, and
// does nothing else. It is the baseline scripts/bench-check.sh times `uidcheck check` against.
package main

import (
	"fmt"
	"os"
	"sync"

	"github.com/uidcheck/uidcheck/analyzer/driver"
	"github.com/uidcheck/uidcheck/analyzer/javasyntax"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: bareparse DIR")
		os.Exit(2)
	}
	files, errs := driver.Collect(os.Args[1:])
	for _, err := range errs {
		fmt.Fprintf(os.Stderr, "bareparse: %v\n", err)
	}
	next := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var total int64
	for range javasyntax.ParseWorkers() { // as many parsers as check uses
		wg.Go(func() {
			p := javasyntax.NewBareParser()
			defer p.Close()
			for name := range next {
				src, err := os.ReadFile(name)
				if err != nil {
					fmt.Fprintf(os.Stderr, "bareparse: %v\n", err)
					continue
				}
				if err := p.Parse(src); err != nil {
					fmt.Fprintf(os.Stderr, "bareparse: %s: %v\n", name, err)
					continue
				}
				mu.Lock()
				total += int64(len(src))
				mu.Unlock()
			}
		})
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	fmt.Printf("%d files, %d bytes\n", len(files), total)
}
