// Package analyzerdoc extracts an analyzer's documentation from the package
// comment of its doc.go, so that `uidcheck explain`, the README and the
// analyzer's Doc share one source. x/tools keeps the same helper internal.
package analyzerdoc

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// BaseURL is where rule documentation lives; each rule has an anchor.
const BaseURL = "https://github.com/uidcheck/uidcheck/blob/main/docs/rules.md#"

// URL returns the documentation URL of the named analyzer.
func URL(name string) string { return BaseURL + name }

// Extract returns the section "# Analyzer NAME" of the package comment in
// the Go source content: the text after the heading up to the next
// "# Analyzer" heading. Its first line is "NAME: title".
func Extract(content, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", fmt.Errorf("parse doc of %s: %w", name, err)
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc of %s: no package comment", name)
	}
	text := f.Doc.Text()
	heading := "# Analyzer " + name + "\n"
	_, body, ok := strings.Cut(text, heading)
	if !ok {
		return "", fmt.Errorf("doc of %s: no %q heading", name, strings.TrimSpace(heading))
	}
	body, _, _ = strings.Cut(body, "\n# Analyzer ")
	body = strings.TrimSpace(body)
	if !strings.HasPrefix(body, name+": ") {
		return "", fmt.Errorf("doc of %s: first line must start with %q", name, name+": ")
	}
	return body, nil
}

// MustExtract is Extract for embedded doc.go files; it panics on a malformed
// doc, which a unit test catches before release.
func MustExtract(content, name string) string {
	doc, err := Extract(content, name)
	if err != nil {
		panic(err)
	}
	return doc
}

// Title returns the first line of a Doc without the "NAME: " prefix.
func Title(doc string) string {
	line, _, _ := strings.Cut(doc, "\n")
	if _, t, ok := strings.Cut(line, ": "); ok {
		return t
	}
	return line
}
