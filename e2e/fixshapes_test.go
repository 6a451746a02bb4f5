//go:build e2e

package e2e

import (
	"bufio"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fixShapesDir is the fix-shapes corpus of issue 15 (see its README.md):
// common/ compiles against Flink 1.20 and 2.x, flink1/ and flink2/ against
// one version only.
var fixShapesDir = filepath.Join(repoRoot, "testdata", "fixshapes")

// fixShapesVersions pairs each version folder of the corpus with the
// variable scripts/e2e.sh sets to that Flink version's classpath file.
var fixShapesVersions = []struct{ dir, classpathVar, version string }{
	{"flink1", "UIDCHECK_E2E_CLASSPATH_FLINK1", "1.20.5"},
	{"flink2", "UIDCHECK_E2E_CLASSPATH_FLINK2", "2.3.0"},
}

// fixMarker is one expectation written in the corpus as a trailing
// "// fix: uid" or "// fix: none <reason>" comment, on the line that holds
// the method name of the call creating the operator.
type fixMarker struct {
	File   string // slash-separated, relative to the root given to fixMarkers
	Line   int    // 1-based
	Want   string // "uid": --fix must add a uid that compiles; "none": no constant uid
	Reason string // why not, for "none"; empty for "uid"
}

// fixMarkerRE matches a marker comment. Anything after "// fix:" that is not
// "uid" or "none <reason>" is a malformed marker and fails the caller.
var (
	fixMarkerRE  = regexp.MustCompile(`//\s*fix:(.*)$`)
	fixMarkerArg = regexp.MustCompile(`^\s*(?:(uid)\s*|(none)\s+(\S.*?)\s*)$`)
)

// fixMarkers returns the markers of every .java file under root/dir for each
// dir, in file and line order. A "//" inside a string literal is not a
// comment: the corpus has no text blocks, so counting the double quotes
// before it is enough.
func fixMarkers(t *testing.T, root string, dirs ...string) []fixMarker {
	t.Helper()
	var markers []fixMarker
	for _, dir := range dirs {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".java") {
				return err
			}
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			for line := 1; sc.Scan(); line++ {
				text := sc.Text()
				loc := fixMarkerRE.FindStringSubmatchIndex(text)
				if loc == nil || strings.Count(strings.ReplaceAll(text[:loc[0]], `\"`, ""), `"`)%2 != 0 {
					continue
				}
				arg := fixMarkerArg.FindStringSubmatch(text[loc[2]:loc[3]])
				if arg == nil {
					t.Fatalf("%s:%d: malformed marker %q: want \"// fix: uid\" or \"// fix: none <reason>\"", rel, line, text[loc[0]:])
				}
				m := fixMarker{File: filepath.ToSlash(rel), Line: line, Want: arg[1], Reason: arg[3]}
				if m.Want == "" {
					m.Want = arg[2]
				}
				markers = append(markers, m)
			}
			return sc.Err()
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return markers
}

// TestFixShapesCompileUnfixed compiles the unmodified corpus with javac:
// common/ and flink1/ against Flink 1.20's jars, common/ and flink2/ against
// 2.x's, so that a --fix whose output does not compile is the fix's fault.
func TestFixShapesCompileUnfixed(t *testing.T) {
	markers := fixMarkers(t, fixShapesDir, "common", "flink1", "flink2")
	files := map[string]bool{}
	for _, m := range markers {
		files[m.File] = true
	}
	// Issue 15 asks for at least 40 shapes; the corpus has more.
	if len(files) < 45 {
		t.Errorf("%d corpus files have // fix: markers, want at least 45", len(files))
	}
	t.Logf("%d // fix: markers in %d files", len(markers), len(files))
	for _, v := range fixShapesVersions {
		t.Run(v.dir, func(t *testing.T) {
			javac(t, classpathOf(t, v.classpathVar), javaFiles(t, filepath.Join(fixShapesDir, "common"), filepath.Join(fixShapesDir, v.dir)))
		})
	}
}

// classpathOf reads the classpath file scripts/e2e.sh names in the
// environment variable, and skips the test without one.
func classpathOf(t *testing.T, variable string) string {
	t.Helper()
	cpFile := os.Getenv(variable)
	if cpFile == "" {
		t.Skipf("%s is not set: run scripts/e2e.sh", variable)
	}
	classpath, err := os.ReadFile(cpFile)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(classpath))
}

// javaFiles lists the .java files under dirs.
func javaFiles(t *testing.T, dirs ...string) []string {
	t.Helper()
	var files []string
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".java") {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// javac compiles files against classpath into a temporary directory and
// fails the test with javac's messages if they do not compile.
func javac(t *testing.T, classpath string, files []string) {
	t.Helper()
	args := append([]string{"-proc:none", "-nowarn", "-Xmaxerrs", "1000", "-d", t.TempDir(), "-cp", classpath}, files...)
	if out, err := exec.Command("javac", args...).CombinedOutput(); err != nil {
		t.Fatalf("javac: %v\n%s", err, out)
	}
}
