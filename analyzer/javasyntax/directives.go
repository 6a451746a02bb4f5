package javasyntax

import (
	"bytes"
	"regexp"
	"strings"
)

// DirectiveMarker is what a comment or annotation holds to speak to
// uidcheck ("// uidcheck:ignore missinguid …",
// @SuppressWarnings("uidcheck:missinguid")). A file that holds it is parsed
// even when it builds no pipeline, so that its directives are read and an
// unused one is reported.
var DirectiveMarker = []byte("uidcheck:")

// Directive is a line comment that mentions uidcheck, or a
// @SuppressWarnings annotation that names uidcheck rules. They are found in
// the tree of the file's one parse, so "//" inside a string literal is not
// a comment.
type Directive struct {
	// Off and End are the comment's or the annotation's byte range.
	Off, End int
	// Comment is a line comment's text, "//" included; "" for an annotation.
	Comment string
	// Rules are the rules an annotation names ("uidcheck:RULE").
	Rules []string
	// DeclOff and DeclEnd are the range of the declaration the annotation
	// annotates: a class, method, constructor, field or local variable.
	DeclOff, DeclEnd int
}

// Comment is a line comment with its byte range.
type Comment struct {
	Off, End int
	Text     string
}

// LineComments returns the line comments of a Java source, found by
// syntax. It parses src on its own; tests use it to read expectations.
func LineComments(src []byte) ([]Comment, error) {
	p := newParser(false)
	defer p.Close()
	if err := p.scratch.parseFlat(p.ts, src, 0, true); err != nil {
		return nil, err
	}
	defer p.scratch.release()
	var out []Comment
	for _, n := range p.scratch.notes {
		if !n.annotation {
			out = append(out, Comment{Off: n.start, End: n.end, Text: string(src[n.start:n.end])})
		}
	}
	return out, nil
}

// directives builds a file's directives from the line comments its header
// scan passed over and the notes of its tree.
func directives(src []byte, h header, notes []note) []Directive {
	var out []Directive
	for _, c := range h.comments {
		if c[1] <= h.end && bytes.Contains(src[c[0]:c[1]], DirectiveMarker) {
			out = append(out, Directive{Off: c[0], End: c[1], Comment: string(src[c[0]:c[1]])})
		}
	}
	for _, n := range notes {
		text := src[n.start:n.end]
		if !bytes.Contains(text, DirectiveMarker) {
			continue
		}
		if !n.annotation {
			out = append(out, Directive{Off: n.start, End: n.end, Comment: string(text)})
			continue
		}
		name, _, _ := strings.Cut(string(text), "(")
		if name = strings.TrimSpace(name); name != "@SuppressWarnings" && name != "@java.lang.SuppressWarnings" {
			continue
		}
		var rules []string
		for _, v := range uidcheckValue.FindAllSubmatch(text, -1) {
			rules = append(rules, string(v[1]))
		}
		if len(rules) > 0 && n.declEnd > n.declStart {
			out = append(out, Directive{Off: n.start, End: n.end, Rules: rules, DeclOff: n.declStart, DeclEnd: n.declEnd})
		}
	}
	return out
}

// uidcheckValue matches "uidcheck:RULE" inside an annotation's arguments.
var uidcheckValue = regexp.MustCompile(`"uidcheck:([a-z0-9]+)"`)
