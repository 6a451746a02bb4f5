//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/internal/report"
)

// TestFixShapesFixed runs `check --fix` on a copy of the fix-shapes corpus
// for each Flink version and holds it to the corpus markers and to javac:
//   - every fixed file compiles against that version's jars;
//   - every "// fix: uid" operator was found and has no missinguid finding
//     after the fix; every "// fix: none" line is left as it was;
//   - the fix adds no finding, and a second --fix changes nothing.
func TestFixShapesFixed(t *testing.T) {
	for _, v := range fixShapesVersions {
		t.Run(v.dir, func(t *testing.T) {
			classpath := classpathOf(t, v.classpathVar)
			dir := t.TempDir()
			for _, sub := range []string{"common", v.dir} {
				if out, err := exec.Command("cp", "-r", filepath.Join(fixShapesDir, sub), dir).CombinedOutput(); err != nil {
					t.Fatalf("cp: %v\n%s", err, out)
				}
			}
			// A project's build file names its Flink version; --fix reads it
			// for the edits that depend on it.
			pom := fmt.Sprintf("<project><properties><flink.version>%s</flink.version></properties></project>\n", v.version)
			if err := os.WriteFile(filepath.Join(dir, "pom.xml"), []byte(pom), 0o644); err != nil {
				t.Fatal(err)
			}
			markers := fixMarkers(t, dir, "common", v.dir)
			before := checkJSON(t, dir)
			original := readTree(t, dir)

			cmd := exec.Command(uidcheckPath, "check", "--fix", "--color", "never", dir)
			out, err := cmd.CombinedOutput()
			if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() > 1) {
				t.Fatalf("check --fix: %v\n%s", err, out)
			}
			javac(t, classpath, javaFiles(t, dir))

			after := checkJSON(t, dir)
			fixedMarkers := fixMarkers(t, dir, "common", v.dir)
			if len(fixedMarkers) != len(markers) {
				t.Fatalf("%d markers after the fix, %d before", len(fixedMarkers), len(markers))
			}
			found, fixed := missingAt(before), missingAt(after)
			var wrong []string
			uids, fixedOK := 0, 0
			for i, m := range markers {
				fm := fixedMarkers[i]
				switch m.Want {
				case "uid":
					uids++
					switch {
					case !found[m.File+":"+fmt.Sprint(m.Line)]:
						wrong = append(wrong, fmt.Sprintf("%s:%d: fix: uid, but no missinguid finding before the fix", m.File, m.Line))
					case fixed[fm.File+":"+fmt.Sprint(fm.Line)]:
						wrong = append(wrong, fmt.Sprintf("%s:%d: fix: uid, but still a missinguid finding after it", m.File, m.Line))
					default:
						fixedOK++
					}
				case "none":
					if lineOf(t, original, m) != lineOf(t, snapshotFile(t, dir, fm.File), fm) {
						wrong = append(wrong, fmt.Sprintf("%s:%d: fix: none (%s), but the line was edited", m.File, m.Line, m.Reason))
					}
				}
			}
			if fresh := added(before.Diagnostics, after.Diagnostics); len(fresh) > 0 {
				for _, d := range fresh {
					wrong = append(wrong, fmt.Sprintf("%s:%d: new finding after the fix: %s (%s)", d.File, d.Line, d.Message, d.Rule))
				}
			}
			again := readTree(t, dir)
			if out, err := exec.Command(uidcheckPath, "check", "--fix", dir).CombinedOutput(); err != nil && !strings.Contains(err.Error(), "exit status 1") {
				t.Fatalf("second check --fix: %v\n%s", err, out)
			}
			if !sameFiles(again, readTree(t, dir)) {
				wrong = append(wrong, "a second --fix changed the sources")
			}
			sort.Strings(wrong)
			t.Logf("%s: %d of %d fix: uid operators fixed; %d fix: none lines", v.dir, fixedOK, uids, len(markers)-uids)
			if len(wrong) > 0 {
				t.Errorf("%d disagreements with the corpus markers:\n%s", len(wrong), strings.Join(wrong, "\n"))
			}
		})
	}
}

func checkJSON(t *testing.T, dir string) report.Result {
	t.Helper()
	var r report.Result
	if err := json.Unmarshal(uidcheck(t, "check", "--format", "json", "--fail-on", "none", dir), &r); err != nil {
		t.Fatal(err)
	}
	for i := range r.Diagnostics {
		if rel, err := filepath.Rel(dir, r.Diagnostics[i].File); err == nil {
			r.Diagnostics[i].File = filepath.ToSlash(rel)
		}
	}
	return r
}

// missingAt is the set of "file:line" with a missinguid finding.
func missingAt(r report.Result) map[string]bool {
	out := map[string]bool{}
	for _, d := range r.Diagnostics {
		if d.Rule == "missinguid" {
			out[d.File+":"+fmt.Sprint(d.Line)] = true
		}
	}
	return out
}

// lineNumbers matches the line numbers messages cite, which a fix that
// inserts a statement moves.
var lineNumbers = regexp.MustCompile(`:\d+`)

// added returns the findings of after that before lacks, by rule, file and
// message without line numbers.
func added(before, after []report.Diagnostic) []report.Diagnostic {
	count := map[string]int{}
	key := func(d report.Diagnostic) string {
		return d.Rule + "|" + d.File + "|" + lineNumbers.ReplaceAllString(d.Message, "")
	}
	for _, d := range before {
		count[key(d)]++
	}
	var out []report.Diagnostic
	for _, d := range after {
		if k := key(d); count[k] > 0 {
			count[k]--
		} else {
			out = append(out, d)
		}
	}
	return out
}

// readTree reads every Java file under dir, by slash path relative to dir.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, p := range javaFiles(t, dir) {
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.ToSlash(rel)] = string(data)
	}
	return out
}

func snapshotFile(t *testing.T, dir, file string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{file: string(data)}
}

func lineOf(t *testing.T, files map[string]string, m fixMarker) string {
	t.Helper()
	lines := strings.Split(files[m.File], "\n")
	if m.Line > len(lines) {
		t.Fatalf("%s has no line %d", m.File, m.Line)
	}
	return lines[m.Line-1]
}

func sameFiles(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
