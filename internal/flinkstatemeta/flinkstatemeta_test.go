package flinkstatemeta

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/uidcheck/uidcheck/savepointinfo"
)

// The savepoints the harness took with state in files (relative handles,
// snapshot compression on; RocksDB native with its meta file, hashmap
// canonical with broadcast state, hashmap native on 1.20) read as Flink's
// own proxies read them, recorded in flink-statemeta.json.
func TestAgreesWithRecordedFlinkReading(t *testing.T) {
	dirs, _ := filepath.Glob("../../testdata/savepoints/statefiles-*")
	if len(dirs) < 3 {
		t.Fatalf("want at least 3 statefiles-* savepoints, found %d", len(dirs))
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var fl Reading
			data, err := os.ReadFile(filepath.Join(dir, "flink-statemeta.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &fl); err != nil {
				t.Fatal(err)
			}
			m, err := savepointinfo.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			files := 0
			for _, op := range m.Operators {
				files += len(op.Files)
			}
			n, diffs := Compare(m, &fl)
			for _, d := range diffs {
				t.Error(d)
			}
			if n == 0 || files == 0 {
				t.Errorf("%d states compared, %d state files: the savepoint does not test reading from files", n, files)
			}
		})
	}
}
