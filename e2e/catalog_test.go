//go:build e2e

package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/internal/catalogen"
)

// harnessArtifacts are the Flink jars the harness build downloads for both
// profiles: CI regenerates their part of the catalog, which depends on no
// other jar, and scripts/catalog-gen.sh regenerates the whole.
var harnessArtifacts = []string{
	"flink-core", "flink-java", "flink-core-api", "flink-streaming-java", "flink-runtime",
	"flink-connector-files", "flink-connector-datagen", "flink-connector-base", "flink-file-sink-common", "flink-cep",
}

// TestCatalogRegeneration checks that the committed catalog_generated.json
// is what the generator makes of Flink's own jars: their checksums match,
// and their entries are the same, entry for entry.
func TestCatalogRegeneration(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "analyzer", "flinkapi", "catalog_generated.json"))
	if err != nil {
		t.Fatal(err)
	}
	var committed catalogen.Catalog
	if err := json.Unmarshal(data, &committed); err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(os.Getenv("HOME"), ".m2", "repository")
	var subset []catalogen.Artifact
	for _, a := range committed.Artifacts {
		_, rest, _ := strings.Cut(a.Coords, ":")
		id, _, _ := strings.Cut(rest, ":")
		if !slices.Contains(harnessArtifacts, id) {
			continue
		}
		jar, err := os.ReadFile(catalogen.JarPath(repo, a.Coords))
		if err != nil {
			continue // not a dependency of the harness in this release
		}
		if sum := sha256.Sum256(jar); hex.EncodeToString(sum[:]) != a.SHA256 {
			t.Errorf("%s: the jar's SHA-256 differs from the one the catalog was generated from", a.Coords)
		}
		subset = append(subset, a)
	}
	if len(subset) < 12 {
		t.Fatalf("only %d of the catalog's Flink jars are in %s; the harness build downloads them", len(subset), repo)
	}
	fresh, err := catalogen.Generate(repo, subset)
	if err != nil {
		t.Fatal(err)
	}
	pairs := func(entries []catalogen.Entry, coords []catalogen.Artifact) map[string]bool {
		m := map[string]bool{}
		for _, e := range entries {
			for _, f := range e.From {
				if slices.ContainsFunc(coords, func(a catalogen.Artifact) bool { return a.Coords == f }) {
					e.From = nil
					b, _ := json.Marshal(e)
					m[f+" "+string(b)] = true
				}
			}
		}
		return m
	}
	want, got := pairs(committed.Entries, subset), pairs(fresh.Entries, subset)
	for k := range got {
		if !want[k] {
			t.Errorf("regenerated but not committed: %s", k)
		}
	}
	for k := range want {
		if !got[k] {
			t.Errorf("committed but not regenerated: %s", k)
		}
	}
	t.Logf("%d artifacts, %d entries regenerated and matched", len(subset), len(got))
}
