package javasyntax

import (
	"slices"
	"strings"
	"testing"
)

// TestDirectives: directives come from the file's one parse, header
// comments included, and neither a string literal nor another annotation
// is taken for one.
func TestDirectives(t *testing.T) {
	t.Parallel()
	src := []byte(`// uidcheck:file-ignore missinguid generated
package a;
import x.Y; // uidcheck:ignore syntax why
class A {
  String s = "// uidcheck:ignore missinguid not a comment";
  @SuppressWarnings({"unchecked", "uidcheck:missinguid", "uidcheck:unstableuid"})
  void m() { int x; } // uidcheck: note
  @Deprecated("uidcheck:missinguid") void n() {}
}
`)
	f, err := Parse("A.java", src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range f.Directives {
		if d.Comment != "" {
			got = append(got, d.Comment)
			continue
		}
		decl := string(src[d.DeclOff:d.DeclEnd])
		_, decl, _ = strings.Cut(decl, "void ")
		got = append(got, strings.Join(d.Rules, ",")+" on "+decl)
	}
	want := []string{
		"// uidcheck:file-ignore missinguid generated",
		"// uidcheck:ignore syntax why",
		"missinguid,unstableuid on m() { int x; }",
		"// uidcheck: note",
	}
	if !slices.Equal(got, want) {
		t.Errorf("directives:\n got %q\nwant %q", got, want)
	}
}

func TestLineComments(t *testing.T) {
	t.Parallel()
	src := []byte("class A {\n  String s = \"// not a comment\"; // want \"x\"\n}\n")
	cs, err := LineComments(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].Text != `// want "x"` {
		t.Fatalf("LineComments = %+v", cs)
	}
}

func TestLower(t *testing.T) {
	t.Parallel()
	src := `package p.q;
import static a.B.C;
import x.y.*;
public class Outer<T> extends Base<T> implements I1, I2<String> {
    static final String K = "a\tb\u0041";
    int n;
    public static void main(String[] args) {
        for (int i = 0; i < 2; i++) { go(i); }
        Runnable r = () -> helper(new Inner() { void m() { getRuntimeContext().getState(null); } });
    }
    static class Inner { void g() { registerEventTimeTimer (1); } }
}
`
	f, err := Parse("Outer.java", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if f.Package != "p.q" || len(f.Imports) != 2 || f.Imports[0] != "static a.B.C" || f.Imports[1] != "x.y.*" {
		t.Errorf("package %q imports %q", f.Package, f.Imports)
	}
	c := f.Classes[0]
	if c.Qualified != "p.q.Outer" || c.Super != "Base" || strings.Join(c.Interfaces, ",") != "I1,I2" {
		t.Errorf("class %q super %q interfaces %q", c.Qualified, c.Super, c.Interfaces)
	}
	if k := c.Fields[0]; k.Name != "K" || !k.Static || !k.Final || k.Init.(*Lit).Value != "a\tbA" {
		t.Errorf("field K: %+v", k)
	}
	if len(c.StateUses) != 0 {
		t.Errorf("outer class picks up nested classes' state uses: %+v", c.StateUses)
	}
	if len(c.Inner) != 1 || len(c.Inner[0].StateUses) != 1 || c.Inner[0].StateUses[0].API != "registerEventTimeTimer" {
		t.Errorf("inner state uses: %+v", c.Inner)
	}
	main := c.Methods[0]
	if main.Name != "main" || !main.Static || len(main.Params) != 1 || main.Params[0].Type != "String[]" {
		t.Errorf("main: %+v", main)
	}
	loop := main.Body[0].(*Loop)
	if len(loop.Init) != 1 || len(loop.Update) != 2 {
		t.Errorf("for loop: init %d update %d", len(loop.Init), len(loop.Update))
	}
	lambda := main.Body[1].(*LocalVar).Init.(*Lambda)
	anon := lambda.Body[0].(*Return).X.(*Call).Args[0].(*New).Body
	if anon == nil || len(anon.StateUses) != 1 || anon.StateUses[0].API != "getState" {
		t.Errorf("anonymous class state uses: %+v", anon)
	}
}

func TestSyntaxErrors(t *testing.T) {
	t.Parallel()
	f, err := Parse("Broken.java", []byte("class A { void f( { }\nclass B {}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Errors) == 0 {
		t.Fatal("no syntax error found")
	}
}

func TestDecodeString(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]string{
		`"plain"`:                "plain",
		`"a\nb"`:                 "a\nb",
		`"\u00e9\\"`:             "é\\",
		`"\101"`:                 "A",
		"\"\"\"\n  x\n  y\"\"\"": "x\ny",
	} {
		if got := decodeString(raw); got != want {
			t.Errorf("decodeString(%s) = %q, want %q", raw, got, want)
		}
	}
}

// Annotations name test methods (pipeline.isTest); they are read from the
// annotation's text, whatever its form.
func TestMethodAnnotations(t *testing.T) {
	t.Parallel()
	src := `class T {
    @Test void a() {}
    @org.junit.jupiter.api.Test @Disabled("flaky") public void b() {}
    @ParameterizedTest(name = "{0}") static void c(int n) {}
    @ org.testng.annotations.Test(groups = "x") void d() {}
    void e() {}
}
`
	f, err := Parse("T.java", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Test"}, {"Test", "Disabled"}, {"ParameterizedTest"}, {"Test"}, nil}
	for i, m := range f.Classes[0].Methods {
		if !slices.Equal(m.Annotations, want[i]) {
			t.Errorf("%s: annotations %q, want %q", m.Name, m.Annotations, want[i])
		}
	}
}
