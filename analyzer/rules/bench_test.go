package rules_test

import (
	"context"
	"os"
	"strconv"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/analyzertest"
	"github.com/uidcheck/uidcheck/analyzer/driver"
	"github.com/uidcheck/uidcheck/analyzer/javasyntax"
	"github.com/uidcheck/uidcheck/analyzer/rules"
)

// The benchmarks compare a whole check with a bare tree-sitter parse of the
// same files on the same cores. By default they generate 10,000 job-dense
// files (UIDCHECK_BENCH_FILES changes the count); UIDCHECK_BENCH_DIR points
// them at an existing tree instead, such as a checkout of a real repository.
//
//	go test ./analyzer/rules -run '^$' -bench . -benchtime 3x

var benchTree = sync.OnceValues(func() ([]string, error) {
	dir := os.Getenv("UIDCHECK_BENCH_DIR")
	if dir == "" {
		n := 10000
		if s := os.Getenv("UIDCHECK_BENCH_FILES"); s != "" {
			v, err := strconv.Atoi(s)
			if err != nil {
				return nil, err
			}
			n = v
		}
		tmp, err := os.MkdirTemp("", "uidcheck-bench-")
		if err != nil {
			return nil, err
		}
		if _, err := analyzertest.GenerateJobs(tmp, n); err != nil {
			return nil, err
		}
		dir = tmp
	}
	files, errs := driver.Collect([]string{dir})
	if len(errs) > 0 {
		return nil, errs[0]
	}
	return files, nil
})

func loadBenchTree(b *testing.B) ([]string, [][]byte, int64) {
	b.Helper()
	files, err := benchTree()
	if err != nil {
		b.Fatal(err)
	}
	srcs := make([][]byte, len(files))
	var total int64
	for i, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		srcs[i] = src
		total += int64(len(src))
	}
	return files, srcs, total
}

// BenchmarkBareParse parses every file with tree-sitter, as many parsers
// at once as check and through the same calls, and does nothing else: the
// baseline.
func BenchmarkBareParse(b *testing.B) {
	_, srcs, total := loadBenchTree(b)
	b.SetBytes(total)
	b.ResetTimer()
	for range b.N {
		next := make(chan []byte)
		var wg sync.WaitGroup
		for range javasyntax.ParseWorkers() { // as many parsers as check uses
			wg.Go(func() {
				p := javasyntax.NewBareParser()
				defer p.Close()
				for src := range next {
					if err := p.Parse(src); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for _, src := range srcs {
			next <- src
		}
		close(next)
		wg.Wait()
	}
}

// BenchmarkCheck runs the default rules over the files, as `uidcheck check`
// does: reading, pre-filter, parsing, lowering, the pipeline model and the
// rules.
func BenchmarkCheck(b *testing.B) {
	files, _, total := loadBenchTree(b)
	var as []*analysis.Analyzer
	for _, r := range rules.All() {
		as = append(as, r.Analyzer)
	}
	b.SetBytes(total)
	b.ResetTimer()
	for range b.N {
		res, err := driver.Run(context.Background(), files, as, driver.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Files) != len(files) {
			b.Fatalf("analysed %d of %d files", len(res.Files), len(files))
		}
	}
}
