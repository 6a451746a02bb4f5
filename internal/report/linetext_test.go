package report

import (
	"bytes"
	"errors"
	"testing"
)

func TestAttachLineText(t *testing.T) {
	t.Parallel()
	srcs := map[string][]byte{
		"a.java": []byte("class A {\n  x.process(f);\n}\n"),
		"b.java": []byte("one\ntwo"),
	}
	diags := []Diagnostic{
		{File: "a.java", Line: 2},
		{File: "b.java", Line: 2},
		{File: "b.java", Line: 3},    // past the end
		{File: "gone.java", Line: 1}, // unreadable
		{File: "a.java", Line: 0},    // no line
	}
	AttachLineText(diags, func(f string, lines []int) ([][]byte, error) {
		src, ok := srcs[f]
		if !ok {
			return nil, errors.New("unreadable")
		}
		all := bytes.Split(src, []byte("\n"))
		out := make([][]byte, len(lines))
		for i, n := range lines {
			if n >= 1 && n <= len(all) {
				out[i] = all[n-1]
			}
		}
		return out, nil
	})
	want := []string{"  x.process(f);", "two", "", "", ""}
	for i, d := range diags {
		if d.LineText != want[i] {
			t.Errorf("diags[%d].LineText = %q, want %q", i, d.LineText, want[i])
		}
	}
}

func TestFingerprintsIgnoreLineNumbersAndWhitespace(t *testing.T) {
	t.Parallel()
	a := []Diagnostic{{Rule: "missinguid", File: "J.java", Line: 10, LineText: "\tin.process(f);"}}
	b := []Diagnostic{{Rule: "missinguid", File: "J.java", Line: 42, LineText: "    in.process(f);  "}}
	AssignFingerprints(a)
	AssignFingerprints(b)
	if a[0].Fingerprint != b[0].Fingerprint {
		t.Errorf("moved line changed the fingerprint: %s vs %s", a[0].Fingerprint, b[0].Fingerprint)
	}
	c := []Diagnostic{{Rule: "missinguid", File: "J.java", Line: 10, LineText: "in.map(f);"}}
	AssignFingerprints(c)
	if c[0].Fingerprint == a[0].Fingerprint {
		t.Error("a different line kept the fingerprint")
	}
	// Two findings on identical lines stay distinct by occurrence.
	two := []Diagnostic{a[0], a[0]}
	AssignFingerprints(two)
	if two[0].Fingerprint == two[1].Fingerprint {
		t.Error("identical lines share a fingerprint")
	}
}
