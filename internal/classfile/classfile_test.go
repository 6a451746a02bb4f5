package classfile

import (
	"archive/zip"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// compileFixtures compiles testdata/fixture with javac into a temporary
// directory. Without javac the test is skipped, except under CI.
func compileFixtures(t *testing.T) string {
	t.Helper()
	javac, err := exec.LookPath("javac")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("javac not found")
		}
		t.Skip("javac not found")
	}
	out := t.TempDir()
	srcs, _ := filepath.Glob("testdata/fixture/*.java")
	cmd := exec.CommandContext(t.Context(), javac, append([]string{"-d", out}, srcs...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("javac: %v\n%s", err, b)
	}
	return out
}

func parseFile(t *testing.T, path string) *Class {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return c
}

func method(t *testing.T, c *Class, name string) Method {
	t.Helper()
	for _, m := range c.Methods {
		if m.Name == name {
			return m
		}
	}
	t.Fatalf("%s has no method %s", c.Name, name)
	return Method{}
}

func hasCall(m Method, op byte, owner, name string) bool {
	return slices.ContainsFunc(m.Calls, func(r Ref) bool { return r.Op == op && r.Owner == owner && r.Name == name })
}

func TestParseHierarchyAndCode(t *testing.T) {
	dir := compileFixtures(t)
	c := parseFile(t, filepath.Join(dir, "fixture", "Shapes.class"))
	if c.Name != "fixture/Shapes" || c.Super != "java/util/ArrayList" {
		t.Fatalf("name %q super %q", c.Name, c.Super)
	}
	if !slices.Equal(c.Interfaces, []string{"java/lang/Runnable", "java/lang/Comparable"}) {
		t.Errorf("interfaces %v", c.Interfaces)
	}
	if c.Access&AccPublic == 0 {
		t.Error("Shapes is public")
	}
	run := method(t, c, "run")
	if !slices.Contains(run.News, "java/util/ArrayList") {
		t.Errorf("run news %v", run.News)
	}
	if !hasCall(run, OpInvokeInterface, "java/util/List", "add") || !hasCall(run, OpInvokeStatic, "fixture/Shapes", "sink") ||
		!hasCall(run, OpInvokeVirtual, "fixture/Shapes", "size") || !hasCall(run, OpInvokeSpecial, "java/util/ArrayList", "<init>") {
		t.Errorf("run calls %v", run.Calls)
	}
	// Calls after the switches are found only when the switches are
	// stepped over at the right length.
	if m := method(t, c, "compareTo"); !hasCall(m, OpInvokeStatic, "java/lang/Integer", "compare") {
		t.Errorf("compareTo calls %v", m.Calls)
	}
	if m := method(t, c, "sink"); !hasCall(m, OpInvokeVirtual, "java/lang/StringBuilder", "append") || m.Desc != "(III)V" || m.Access&AccStatic == 0 {
		t.Errorf("sink %+v", m)
	}

	b := parseFile(t, filepath.Join(dir, "fixture", "Shapes$Builder.class"))
	build := method(t, b, "build")
	if build.Desc != "()Lfixture/Shapes;" || !slices.Equal(build.News, []string{"fixture/Shapes"}) {
		t.Errorf("build %+v", build)
	}

	w := parseFile(t, filepath.Join(dir, "fixture", "Wide.class"))
	many := method(t, w, "many")
	if !hasCall(many, OpInvokeInterface, "java/util/List", "add") || !hasCall(many, OpInvokeInterface, "java/util/List", "size") ||
		!slices.Contains(many.News, "java/util/ArrayList") {
		t.Errorf("many: calls after the wide instructions missing: %v %v", many.Calls, many.News)
	}
}

func TestParseDamaged(t *testing.T) {
	dir := compileFixtures(t)
	data, err := os.ReadFile(filepath.Join(dir, "fixture", "Shapes.class"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 3, 10, 40, len(data) / 2, len(data) - 1} {
		if _, err := Parse(data[:n]); err == nil || !strings.Contains(err.Error(), "offset") {
			t.Errorf("%d bytes: error %v, want one naming an offset", n, err)
		}
	}
	bad := slices.Clone(data)
	bad[10] = 99 // the tag of the first constant
	if _, err := Parse(bad); err == nil || !strings.Contains(err.Error(), "unknown tag 99") {
		t.Errorf("bad tag: %v", err)
	}
}

func TestReadJar(t *testing.T) {
	dir := compileFixtures(t)
	jar := filepath.Join(t.TempDir(), "f.jar")
	f, err := os.Create(jar)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	for _, name := range []string{"fixture/Shapes.class", "fixture/Wide.class", "META-INF/versions/11/fixture/Wide.class"} {
		data, err := os.ReadFile(filepath.Join(dir, "fixture", filepath.Base(name)))
		if err != nil {
			t.Fatal(err)
		}
		w, _ := z.Create(name)
		_, _ = w.Write(data)
	}
	w, _ := z.Create("fixture/readme.txt")
	_, _ = w.Write([]byte("not a class"))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	classes, err := ReadJar(jar)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range classes {
		names = append(names, c.Name)
	}
	if !slices.Equal(names, []string{"fixture/Shapes", "fixture/Wide"}) {
		t.Errorf("classes %v", names)
	}
}
