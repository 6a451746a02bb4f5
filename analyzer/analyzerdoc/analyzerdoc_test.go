package analyzerdoc

import "testing"

func TestExtract(t *testing.T) {
	t.Parallel()
	src := "// Package p does x.\n//\n// # Analyzer foo\n//\n// foo: find foos\n//\n// More text.\n//\n// # Analyzer bar\n//\n// bar: find bars\npackage p\n"
	got, err := Extract(src, "foo")
	if err != nil {
		t.Fatal(err)
	}
	if want := "foo: find foos\n\nMore text."; got != want {
		t.Errorf("Extract = %q, want %q", got, want)
	}
	if Title(got) != "find foos" {
		t.Errorf("Title = %q", Title(got))
	}
	if _, err := Extract(src, "baz"); err == nil {
		t.Error("missing heading: no error")
	}
	if _, err := Extract("// # Analyzer foo\n//\n// wrong first line\npackage p\n", "foo"); err == nil {
		t.Error("bad first line: no error")
	}
}
