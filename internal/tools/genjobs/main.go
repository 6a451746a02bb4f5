// Command genjobs writes a tree of synthetic Flink job files for
// scripts/bench-check.sh: genjobs DIR [FILES].
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/uidcheck/uidcheck/analyzer/analyzertest"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: genjobs DIR [FILES]")
		os.Exit(2)
	}
	files := 10000
	if len(os.Args) > 2 {
		n, err := strconv.Atoi(os.Args[2])
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "genjobs: invalid file count %q\n", os.Args[2])
			os.Exit(2)
		}
		files = n
	}
	n, err := analyzertest.GenerateJobs(os.Args[1], files)
	if err != nil {
		fmt.Fprintf(os.Stderr, "genjobs: %v\n", err)
		os.Exit(2)
	}
	fmt.Printf("%d files, %d bytes\n", files, n)
}
