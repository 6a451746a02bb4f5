package output

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/uidcheck/uidcheck/flinkid"
	"github.com/uidcheck/uidcheck/internal/compat"
	"github.com/uidcheck/uidcheck/internal/report"
)

func sampleResult() *report.Result {
	return &report.Result{Version: report.Version, Diagnostics: []report.Diagnostic{
		{
			Rule: "missinguid", Category: "stateful", Severity: report.SeverityError, File: "src/Job.java",
			Line: 3, Column: 14, EndLine: 3, EndColumn: 21, Fingerprint: "0123abcd",
			Message: `stateful operator "process" has no uid; 100% lost, a:b, c` + "\nsecond line",
		},
		{
			Rule: "duplicateuid", Severity: report.SeverityError, File: "src/Job.java", Line: 5, Column: 9, EndLine: 5, EndColumn: 12,
			Message: `uid "a" used twice`, Related: []report.Related{{File: "src/Job.java", Line: 3, Column: 9, Message: `uid "a" first set here`}},
		},
		{Rule: "missinguid", Category: "stateless", Severity: report.SeverityInfo, File: "src/Other.java", Line: 1, Column: 1, Message: "map has no uid"},
	}}
}

var sampleRules = []RuleInfo{
	{Name: "missinguid", Title: "report stateful operators without uid", Help: "why", URL: "https://example.com/missinguid", Severity: report.SeverityError},
	{Name: "duplicateuid", Title: "report duplicate uids", Help: "why", URL: "https://example.com/duplicateuid", Severity: report.SeverityError},
	{Name: "unstableuid", Title: "report uids that change between runs", Help: "why", URL: "https://example.com/unstableuid", Severity: report.SeverityError},
}

// The SARIF output must validate against the official SARIF 2.1.0 schema
// (testdata/sarif-schema-2.1.0.json) and list every rule, fired or not.
func TestSARIFValidatesAgainstSchema(t *testing.T) {
	t.Parallel()
	src := map[string][]byte{"src/Job.java": []byte("a\nb\n\t// é😀 x.process(f)\n")}
	var buf bytes.Buffer
	err := WriteSARIF(&buf, sampleResult(), sampleRules, SARIFOptions{
		SrcRoot: "/repo", Lines: linesOf(func(f string) []byte { return src[f] }),
	})
	if err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, buf.Bytes())
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != 3 || run.Results[2].Level != "note" || run.Results[0].PartialFingerprints["uidcheck/v1"] != "0123abcd" {
		t.Errorf("rules %d, third level %q, fingerprints %v", len(run.Tool.Driver.Rules), run.Results[2].Level, run.Results[0].PartialFingerprints)
	}
	// Column 14 is after a tab, "// ", é (2 bytes, 1 unit) and 😀 (4 bytes, 2 units).
	if got := run.Results[0].Locations[0].PhysicalLocation.Region.StartColumn; got != 11 {
		t.Errorf("UTF-16 start column %d, want 11", got)
	}
}

// validateSARIF checks a document against the official SARIF 2.1.0 schema.
func validateSARIF(t *testing.T, sarif []byte) {
	t.Helper()
	schemaFile, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer schemaFile.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(sarif))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("SARIF does not validate: %v\n%s", err, sarif)
	}
}

func TestCompatSARIF(t *testing.T) {
	t.Parallel()
	id := flinkid.FromUID("counter")
	op := &compat.Operator{File: "Job.java", Line: 7, Column: 10, Call: "process", UID: "counter-v2", ID: new(flinkid.FromUID("counter-v2")), Pinned: true, Stateful: report.StatefulYes}
	job := &compat.Job{Name: "Job#main", File: "Job.java", Line: 3, Operators: []*compat.Operator{op}}
	res := compat.Predict(job, []compat.Saved{{ID: id, MaxParallelism: 128, HasState: true}}, compat.Options{})
	diags := CompatDiagnostics(res, job)
	if len(diags) != 2 || diags[0].Rule != "restorefails" || diags[0].Line != 3 || diags[1].Rule != "startsempty" || diags[1].Line != 7 {
		t.Fatalf("diagnostics %+v", diags)
	}
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, &report.Result{Diagnostics: diags}, CompatRules(), SARIFOptions{}); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, buf.Bytes())
}

func TestCheckstyleIsWellFormed(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteCheckstyle(&buf, sampleResult()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		XMLName xml.Name `xml:"checkstyle"`
		Files   []struct {
			Name   string `xml:"name,attr"`
			Errors []struct {
				Line     int    `xml:"line,attr"`
				Severity string `xml:"severity,attr"`
				Message  string `xml:"message,attr"`
				Source   string `xml:"source,attr"`
			} `xml:"error"`
		} `xml:"file"`
	}
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.Strict = true
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("checkstyle XML does not parse strictly: %v\n%s", err, buf.String())
	}
	if len(doc.Files) != 2 || len(doc.Files[0].Errors) != 2 || doc.Files[0].Errors[0].Source != "uidcheck.missinguid" ||
		!strings.Contains(doc.Files[0].Errors[0].Message, "\nsecond line") {
		t.Errorf("unexpected document: %+v", doc)
	}
}

func TestGitHubGolden(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteGitHub(&buf, sampleResult()); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "github.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if buf.String() != string(want) {
		t.Errorf("got:\n%s\nwant:\n%s", buf.String(), want)
	}
}
