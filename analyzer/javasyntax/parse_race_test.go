package javasyntax_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/uidcheck/uidcheck/analyzer/driver"
	"github.com/uidcheck/uidcheck/analyzer/javasyntax"
)

// TestParseTwiceAtOnce: Sources are documented as safe for concurrent
// use, Parse included (run with -race). Both calls see every file.
func TestParseTwiceAtOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const job = "import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\nclass J%d { void m() { StreamExecutionEnvironment.getExecutionEnvironment(); } }\n"
	for i := range 20 {
		if err := os.WriteFile(filepath.Join(dir, "J"+string(rune('a'+i))+".java"), fmt.Appendf(nil, job, i), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := driver.Collect([]string{dir})
	syn, _, err := javasyntax.Scan(context.Background(), files, os.ReadFile, 0, false)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var seen [2]atomic.Int64
	for k := range 2 {
		wg.Go(func() {
			err := syn.Parse(func(int, *javasyntax.File) { seen[k].Add(1) })
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for k := range seen {
		if n := seen[k].Load(); n != int64(len(syn.Pending)) || n != 20 {
			t.Errorf("Parse %d saw %d files, want 20", k, n)
		}
	}
}
