package output

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/uidcheck/uidcheck/internal/report"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func sample() *report.Result {
	return &report.Result{
		Version: report.Version,
		Operators: []report.Operator{
			{
				File: "src/Job.java", Line: 3, Column: 10, Call: "fromSource", Job: "com.x.Job#main", UID: new("orders"),
				UIDResolved: true, UIDExpr: new(`PREFIX + "s"`), OperatorID: new("6c4f323f22da8fb6e34f80c61be7a689"),
				Stateful: report.StatefulYes, StatefulReason: "source keeps splits",
			},
			{
				File: "src/Job.java", Line: 4, Column: 6, Call: "process", Job: "com.x.Job#main", UIDExpr: new("args[0]"),
				Stateful: report.StatefulUnknown, StatefulReason: "function class F is not in the analysed sources",
			},
			{
				File: "src/Job.java", Line: 5, Column: 6, Call: "sinkTo", Job: "com.x.Job#main", UID: new("Sink Committer: out"),
				UIDResolved: true, Stateful: report.StatefulYes, SubOperator: "Committer",
			},
		},
		Diagnostics: []report.Diagnostic{
			{
				Rule: "missinguid", Category: "stateful", Severity: report.SeverityError, File: "src/Job.java", Line: 4, Column: 6,
				EndLine: 4, EndColumn: 13, Message: `stateful operator "process" has no uid`,
			},
			{
				Rule: "duplicateuid", Severity: report.SeverityError, File: "src/Job.java", Line: 5, Column: 3,
				EndLine: 5, EndColumn: 6, Message: `uid "a" is also used`,
				Related: []report.Related{{File: "src/Job.java", Line: 3, Column: 2, Message: `uid "a" first set here`}},
			},
		},
	}
}

var source = []byte("class Job {\n void main() {\n  env.fromSource(s);\n\tin.process(f);\n\tin.sinkTo(k);\n }\n}\n")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, got, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test -update):\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestWriteText(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	r := sample()
	report.AttachLineText(r.Diagnostics, linesOf(func(string) []byte { return source }))
	err := WriteText(&b, r, TextOptions{})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "golden-text.txt", b.Bytes())
}

func TestWriteJSON(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := WriteJSON(&b, sample()); err != nil {
		t.Fatal(err)
	}
	golden(t, "golden-json.json", b.Bytes())
	b.Reset()
	if err := WriteJSON(&b, &report.Result{}); err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"version\": 1,\n  \"operators\": [],\n  \"diagnostics\": []\n}\n"; b.String() != want {
		t.Errorf("empty result: %q", b.String())
	}
}

func TestWriteOperatorsText(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := WriteOperatorsText(&b, sample(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "golden-operators.txt", b.Bytes())
}

// linesOf serves the lines of in-memory sources as driver.Result.Lines
// serves those of files.
func linesOf(source func(file string) []byte) func(string, []int) ([][]byte, error) {
	return func(file string, lines []int) ([][]byte, error) {
		all := bytes.Split(source(file), []byte("\n"))
		out := make([][]byte, len(lines))
		for i, n := range lines {
			if n >= 1 && n <= len(all) {
				out[i] = bytes.TrimRight(all[n-1], "\r")
			}
		}
		return out, nil
	}
}
