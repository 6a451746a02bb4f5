// Command catalog-gen writes analyzer/flinkapi/catalog_generated.json from
// the jars named in scripts/catalog-artifacts.txt, read from the local Maven
// repository (scripts/catalog-gen.sh downloads them first).
//
//	catalog-gen -artifacts scripts/catalog-artifacts.txt -repo ~/.m2/repository -o analyzer/flinkapi/catalog_generated.json
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/uidcheck/uidcheck/internal/atomicfile"
	"github.com/uidcheck/uidcheck/internal/catalogen"
)

func main() {
	list := flag.String("artifacts", "scripts/catalog-artifacts.txt", "the artifact list")
	repo := flag.String("repo", os.Getenv("HOME")+"/.m2/repository", "the local Maven repository")
	out := flag.String("o", "analyzer/flinkapi/catalog_generated.json", "the catalog to write")
	flag.Parse()
	if err := run(*list, *repo, *out); err != nil {
		fmt.Fprintln(os.Stderr, "catalog-gen:", err)
		os.Exit(2)
	}
}

func run(list, repo, out string) error {
	f, err := os.Open(list)
	if err != nil {
		return err
	}
	arts, err := catalogen.ReadArtifactList(f)
	_ = f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", list, err)
	}
	cat, err := catalogen.Generate(repo, arts)
	if err != nil {
		return err
	}
	data, err := cat.Encode()
	if err != nil {
		return err
	}
	return atomicfile.Write(out, data, 0o644)
}
