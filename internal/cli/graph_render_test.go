package cli

import (
	"bytes"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/analyzer/analyzertest"
	"github.com/uidcheck/uidcheck/internal/atomicfile"
)

// The render checks hand uidcheck's output to the real consumers: Graphviz's
// dot parses the DOT and lays out the SVG, Mermaid's own parser (npm, run by
// node) reads the Mermaid, Go's XML parser reads every SVG, and headless
// Chromium opens the HTML and SVG. Locally they skip when a tool is missing;
// under CI (CI set, as .ci/run runs) a missing tool fails the test, so a
// green CI means the checks ran.

const renderDir = "../../testdata/render"

// requireTool returns the path of a render tool, or skips (fails under CI).
func requireTool(t *testing.T, name, installHint string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is required under CI: %s", name, installHint)
	}
	t.Skipf("%s not found (%s); CI runs this check", name, installHint)
	return ""
}

// requireNodeModules skips (fails under CI) when testdata/render has no
// installed npm packages.
func requireNodeModules(t *testing.T) string {
	t.Helper()
	node := requireTool(t, "node", "Node 20")
	if _, err := os.Stat(filepath.Join(renderDir, "node_modules", "mermaid")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("testdata/render/node_modules is missing under CI: run npm ci --prefix testdata/render")
		}
		t.Skip("testdata/render/node_modules missing: run npm ci --prefix testdata/render")
	}
	return node
}

// renderCase is one input of the render checks.
type renderCase struct {
	name string
	args []string // paths and flags after "graph"
}

func renderCases(t *testing.T) []renderCase {
	t.Helper()
	gen := t.TempDir()
	if _, err := analyzertest.GenerateJobs(gen, 12); err != nil {
		t.Fatal(err)
	}
	return []renderCase{
		{"sample", []string{"../../testdata/sample"}},
		{"sample-savepoint", []string{"../../testdata/sample", "-s", migrationSavepoint}},
		{"sample-savepoint-n", []string{"../../testdata/sample", "-s", migrationSavepoint, "-n"}},
		{"migration", []string{"../../testdata/migration-job"}},
		{"migration-savepoint", []string{"../../testdata/migration-job", "-s", migrationSavepoint}},
		{"edges", []string{renderDir + "/edges"}},
		{"harness", []string{"../../testdata/flink-harness"}},
		{"fixshapes", []string{"../../testdata/fixshapes"}},
		{"genjobs", []string{gen}},
	}
}

// writeGraphs runs graph in every format for every case and returns the
// files written, by extension.
func writeGraphs(t *testing.T, dir string, layouts ...string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, c := range renderCases(t) {
		for _, f := range []struct{ format, layout, ext string }{
			{"mermaid", "auto", "mmd"},
			{"dot", "auto", "dot"},
			{"svg", "builtin", "builtin.svg"},
			{"html", "builtin", "builtin.html"},
		} {
			writeGraph(t, dir, c, f.format, f.layout, f.ext, out)
		}
		for _, l := range layouts {
			writeGraph(t, dir, c, "svg", l, l+".svg", out)
			writeGraph(t, dir, c, "html", l, l+".html", out)
		}
	}
	return out
}

func writeGraph(t *testing.T, dir string, c renderCase, format, layout, ext string, out map[string][]string) {
	t.Helper()
	path := filepath.Join(dir, c.name+"."+ext)
	args := append([]string{"graph", "--format", format, "--layout", layout, "-o", path}, c.args...)
	code, stdout, stderr := runCLI(t, args...)
	if code != ExitOK {
		t.Fatalf("graph %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, stdout, stderr)
	}
	out[ext] = append(out[ext], path)
}

// parseSVG checks that data is well-formed XML with an <svg> root and
// returns the number of node groups (class "node …").
func parseSVG(t *testing.T, name string, data []byte) int {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	root, nodes := "", 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", name, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root == "" {
			root = se.Name.Local
		}
		for _, a := range se.Attr {
			if se.Name.Local == "g" && a.Name.Local == "class" && strings.HasPrefix(a.Value, "node") {
				nodes++
			}
		}
	}
	if root != "svg" {
		t.Fatalf("%s: root element %q, want svg", name, root)
	}
	return nodes
}

// TestGraphBuiltinSVGParses needs no external tool: every built-in SVG is
// well-formed XML with a node group per operator and savepoint entry.
func TestGraphBuiltinSVGParses(t *testing.T) {
	t.Parallel()
	files := writeGraphs(t, t.TempDir())
	for _, f := range files["builtin.svg"] {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if n := parseSVG(t, f, data); n < 3 {
			t.Errorf("%s: %d node groups", f, n)
		}
	}
	for _, f := range files["builtin.html"] {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		svg := regexp.MustCompile(`(?s)<svg.*</svg>`).Find(data)
		if svg == nil {
			t.Fatalf("%s: no inline SVG", f)
		}
		parseSVG(t, f, svg)
		if bytes.Contains(data, []byte("<script")) || bytes.Contains(data, []byte("src=\"http")) {
			t.Errorf("%s: the page must be self-contained, without scripts or remote resources", f)
		}
	}
}

// TestGraphDotRenders has Graphviz parse every DOT file and lay out the
// SVG that graph --format svg writes; Go's XML parser then reads them.
func TestGraphDotRenders(t *testing.T) {
	t.Parallel()
	dot := requireTool(t, "dot", "apt-get install graphviz")
	dir := t.TempDir()
	files := writeGraphs(t, dir, "dot")
	for _, f := range files["dot"] {
		out, err := exec.CommandContext(t.Context(), dot, "-Tsvg", f).Output()
		if err != nil {
			if ee, ok := errors.AsType[*exec.ExitError](err); ok {
				t.Fatalf("dot rejects %s: %v: %s", f, err, ee.Stderr)
			}
			t.Fatal(err)
		}
		parseSVG(t, f, out)
	}
	for _, f := range files["dot.svg"] {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if n := parseSVG(t, f, data); n < 3 {
			t.Errorf("%s: %d nodes", f, n)
		}
	}
}

// harnessScenario is the directory of the real-Flink harness scenarios.
const harnessScenario = "../../testdata/flink-harness/src/main/java/harness/scenarios/"

// TestGraphMermaidParses runs Mermaid's own parser over every Mermaid
// file, and over the diagram of the Markdown reports.
func TestGraphMermaidParses(t *testing.T) {
	t.Parallel()
	node := requireNodeModules(t)
	dir := t.TempDir()
	files := writeGraphs(t, dir)["mmd"]
	for i, args := range [][]string{
		{"compat", "--format", "markdown", "-s", migrationSavepoint, "../../testdata/sample"},
		{"compat", "--format", "markdown", "-s", migrationSavepoint, "../../testdata/migration-job"},
		{"check", "--format", "markdown", "../../testdata/sample"},
		// Several jobs, a duplicate uid, windows and broadcast state.
		{
			"check", "--format", "markdown", harnessScenario + "duplicate_uid", harnessScenario + "window_kept",
			harnessScenario + "broadcast_kept", harnessScenario + "nouid_unchanged", "../../testdata/flink-harness/src/main/java/harness/common",
		},
		// The collapsed graph of a 1,000-operator job.
		{"check", "--format", "markdown", writeBigJob(t, t.TempDir(), 1000)},
	} {
		_, stdout, stderr := runCLI(t, args...)
		block := regexp.MustCompile("(?s)```mermaid\n(.*?)```").FindStringSubmatch(stdout)
		if block == nil {
			t.Fatalf("%v: no mermaid block\n%s\n%s", args, stdout, stderr)
		}
		f := filepath.Join(dir, "markdown"+string(rune('0'+i))+".mmd")
		if err := os.WriteFile(f, []byte(block[1]), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	cmd := exec.CommandContext(t.Context(), node, append([]string{"check-mermaid.mjs"}, files...)...)
	cmd.Dir = renderDir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("mermaid rejects a diagram: %v\n%s", err, out)
	}
	if got := strings.Count(string(out), "ok "); got != len(files) {
		t.Fatalf("mermaid accepted %d of %d files:\n%s", got, len(files), out)
	}
}

// TestGraphScreenshot opens the HTML and SVG of the sample job with a
// savepoint in headless Chromium: no console error, no network request,
// the graph visible with its nodes. The PNGs go to a temporary directory;
// docs/graph-sample.png is the committed copy the README shows.
func TestGraphScreenshot(t *testing.T) {
	node := requireNodeModules(t)
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		requireTool(t, "chromium", "apt-get install chromium")
	}
	node, err := filepath.Abs(node)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// From the repository root, so the picture shows the paths a user sees.
	t.Chdir("../..")
	var files []string
	for _, f := range []struct{ format, layout, name string }{
		{"html", "auto", "sample.html"}, {"svg", "auto", "sample.svg"}, {"svg", "builtin", "sample-builtin.svg"},
	} {
		path := filepath.Join(dir, f.name)
		code, _, stderr := runCLI(t, "graph", "--format", f.format, "--layout", f.layout, "-o", path,
			"-s", "testdata/savepoints/new-stateful-udf-flink1.16-rocksdb-savepoint", "testdata/sample")
		if code != ExitOK {
			t.Fatalf("graph: exit %d: %s", code, stderr)
		}
		files = append(files, path)
	}
	// Mermaid's own renderer (its browser bundle from node_modules) on the
	// Mermaid text, in a page made here.
	code, mmd, stderr := runCLI(t, "graph", "-s", "testdata/savepoints/new-stateful-udf-flink1.16-rocksdb-savepoint", "testdata/sample")
	if code != ExitOK {
		t.Fatalf("graph: exit %d: %s", code, stderr)
	}
	bundle, err := filepath.Abs("testdata/render/node_modules/mermaid/dist/mermaid.min.js")
	if err != nil {
		t.Fatal(err)
	}
	page := "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n<pre class=\"mermaid\">" + html.EscapeString(mmd) +
		"</pre>\n<script src=\"" + (&url.URL{Scheme: "file", Path: bundle}).String() + "\"></script>\n" +
		"<script>mermaid.initialize({startOnLoad: true, securityLevel: 'strict'});</script>\n</body></html>\n"
	mermaidPage := filepath.Join(dir, "sample-mermaid.html")
	if err := os.WriteFile(mermaidPage, []byte(page), 0o600); err != nil {
		t.Fatal(err)
	}
	files = append(files, mermaidPage)
	// 5 operators and 8 savepoint entries: at least 13 node groups.
	cmd := exec.CommandContext(t.Context(), node, append([]string{"screenshot.mjs", dir, "13"}, files...)...)
	cmd.Dir = "testdata/render"
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("screenshot check failed: %v\n%s", err, out)
	}
	t.Logf("%s", out)
	for _, f := range files {
		png := strings.TrimSuffix(f, filepath.Ext(f)) + "-" + strings.TrimPrefix(filepath.Ext(f), ".") + ".png"
		if st, err := os.Stat(png); err != nil || st.Size() < 10_000 {
			t.Errorf("%s: screenshot missing or too small (%v)", png, err)
		}
	}
	// UIDCHECK_UPDATE_DOCS=1 refreshes the picture the README shows.
	if os.Getenv("UIDCHECK_UPDATE_DOCS") != "" {
		data, err := os.ReadFile(filepath.Join(dir, "sample-html.png"))
		if err != nil {
			t.Fatal(err)
		}
		if err := atomicfile.Write("docs/graph-sample.png", data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
