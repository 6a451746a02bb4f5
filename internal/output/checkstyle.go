package output

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/uidcheck/uidcheck/internal/report"
)

type (
	checkstyleXML struct {
		XMLName xml.Name         `xml:"checkstyle"`
		Version string           `xml:"version,attr"`
		Files   []checkstyleFile `xml:"file"`
	}
	checkstyleFile struct {
		Name   string            `xml:"name,attr"`
		Errors []checkstyleError `xml:"error"`
	}
	checkstyleError struct {
		Line     int    `xml:"line,attr"`
		Column   int    `xml:"column,attr,omitempty"`
		Severity string `xml:"severity,attr"`
		Message  string `xml:"message,attr"`
		Source   string `xml:"source,attr"`
	}
)

// WriteCheckstyle prints diagnostics as Checkstyle XML, the format Jenkins'
// warnings-ng and reviewdog read: one <file> per file in first-seen order,
// severity error, warning or info, source "uidcheck.<rule>".
func WriteCheckstyle(w io.Writer, r *report.Result) error {
	doc := checkstyleXML{Version: "8.0"}
	byFile := map[string]int{}
	for _, d := range r.Diagnostics {
		i, ok := byFile[d.File]
		if !ok {
			i = len(doc.Files)
			byFile[d.File] = i
			doc.Files = append(doc.Files, checkstyleFile{Name: d.File})
		}
		doc.Files[i].Errors = append(doc.Files[i].Errors, checkstyleError{
			Line: d.Line, Column: d.Column, Severity: string(d.Severity), Message: d.Message, Source: "uidcheck." + d.Rule,
		})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write checkstyle: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}
