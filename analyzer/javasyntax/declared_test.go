package javasyntax

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func declared(src string) []string {
	var out []string
	declaredNames([]byte(src), func(name string) { out = append(out, name) })
	return out
}

func TestDeclaredNames(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		src  string
		want []string
	}{
		{"class A {}", []string{"A"}},
		{"public final class A extends B implements C {}", []string{"A"}},
		{"interface I {} enum E { X } record R(int a) {}", []string{"I", "E", "R"}},
		{"class\n\tOuter { static class Inner {} }", []string{"Outer", "Inner"}},
		{"class$X {} subclass Y {} classes Z {}", nil},
		{"Foo.class.getName(); x.class;", nil},
		{"// a class Doc in a comment", []string{"Doc"}},
		{"class class Foo", []string{"class", "Foo"}},
		{"classé Ü {} class Ünicode {}", []string{"Ünicode"}},
		{"class", nil},
		{"class ", nil},
		{"record", nil},
		{"", nil},
	} {
		if got := declared(c.src); !slices.Equal(got, c.want) {
			t.Errorf("declaredNames(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}

// byKeyword is the definition declaredNames implements in one pass: each
// keyword not preceded by an identifier byte, then white space, then an
// identifier.
func byKeyword(src []byte) map[string]bool {
	out := map[string]bool{}
	for _, kw := range []string{"class", "interface", "enum", "record"} {
		for i := 0; ; {
			k := bytes.Index(src[i:], []byte(kw))
			if k < 0 {
				break
			}
			at := i + k
			i = at + len(kw)
			if at > 0 && isIdentByte(src[at-1]) {
				continue
			}
			j := i
			for j < len(src) && bytes.IndexByte([]byte(" \t\n\r"), src[j]) >= 0 {
				j++
			}
			e := j
			for e < len(src) && isIdentByte(src[e]) {
				e++
			}
			if j > i && e > j {
				out[string(src[j:e])] = true
			}
		}
	}
	return out
}

func TestDeclaredNamesMatchesKeywordSearch(t *testing.T) {
	t.Parallel()
	srcs := map[string][]byte{}
	roots := []string{"../.."}
	if extra := os.Getenv("UIDCHECK_JAVA_TREES"); extra != "" {
		roots = append(roots, filepath.SplitList(extra)...)
	}
	for _, root := range roots {
		addJavaFiles(t, root, srcs)
	}
	for name, src := range srcs {
		got := map[string]bool{}
		declaredNames(src, func(n string) { got[n] = true })
		if want := byKeyword(src); !maps.Equal(got, want) {
			t.Errorf("%s: declaredNames found %v, the keyword search %v", name, got, want)
		}
	}
}
