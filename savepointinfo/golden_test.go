package savepointinfo

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.json")

// TestGoldenDumps keeps a JSON dump of what the decoder reads from a spread
// of fixtures (format versions 2 to 6, key-group, coordinator, master-state
// and finished-operator cases), so that any change in decoding shows in review.
func TestGoldenDumps(t *testing.T) {
	t.Parallel()
	for _, name := range smallFixtures {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m, err := Open(filepath.Join(localFixtures, name))
			if err != nil {
				t.Fatal(err)
			}
			m.Path = filepath.ToSlash(filepath.Join("testdata", "savepoints", name, MetadataFileName))
			got, err := json.MarshalIndent(m, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, append(got, '\n'), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if string(append(got, '\n')) != string(want) {
				t.Errorf("decoded %s differs from %s; rerun with -update after checking", name, golden)
			}
		})
	}
}
