package javasyntax

import (
	"context"
	"embed"
	"fmt"
	"regexp"
	"sync"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/java"
)

//go:embed queries/*.scm
var queryFS embed.FS

// compiledQueries compiles every embedded query once; queries are read-only
// and shared by all goroutines, each using its own cursor.
var compiledQueries = sync.OnceValues(func() (map[string]*sitter.Query, error) {
	entries, err := queryFS.ReadDir("queries")
	if err != nil {
		return nil, fmt.Errorf("read queries: %w", err)
	}
	out := map[string]*sitter.Query{}
	for _, e := range entries {
		src, err := queryFS.ReadFile("queries/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("read query %s: %w", e.Name(), err)
		}
		q, err := sitter.NewQuery(src, java.GetLanguage())
		if err != nil {
			return nil, fmt.Errorf("compile query %s: %w", e.Name(), err)
		}
		out[e.Name()] = q
	}
	return out, nil
})

// Comment is a line comment with its byte range.
type Comment struct {
	Off, End int
	Text     string
}

// LineComments returns the line comments of a Java source, found by syntax,
// so that "//" inside a string literal is not mistaken for a comment.
func LineComments(src []byte) ([]Comment, error) {
	var out []Comment
	err := eachMatch(src, "comments.scm", func(captures map[string]*sitter.Node) {
		if c := captures["root"]; c != nil {
			s, e := int(c.StartByte()), int(c.EndByte())
			out = append(out, Comment{Off: s, End: e, Text: string(src[s:e])})
		}
	})
	return out, err
}

// eachMatch parses src and calls fn with the captures, by name, of every
// match of the embedded query file, predicates applied.
func eachMatch(src []byte, query string, fn func(captures map[string]*sitter.Node)) error {
	qs, err := compiledQueries()
	if err != nil {
		return err
	}
	q := qs[query]
	p := sitter.NewParser()
	defer p.Close()
	p.SetLanguage(java.GetLanguage())
	tree, err := p.ParseCtx(context.Background(), nil, src)
	if err != nil {
		return fmt.Errorf("parse: %w", err)
	}
	defer tree.Close()
	qc := sitter.NewQueryCursor()
	defer qc.Close()
	qc.Exec(q, tree.RootNode())
	for {
		m, ok := qc.NextMatch()
		if !ok {
			return nil
		}
		m = qc.FilterPredicates(m, src)
		captures := make(map[string]*sitter.Node, len(m.Captures))
		for _, c := range m.Captures {
			captures[q.CaptureNameForId(c.Index)] = c.Node
		}
		fn(captures)
	}
}

// Suppression is a @SuppressWarnings annotation naming uidcheck rules
// ("uidcheck:missinguid"), with the byte range of the declaration it
// annotates: a class, method, constructor, field or local variable.
type Suppression struct {
	Off, End         int // the annotation
	DeclOff, DeclEnd int // the annotated declaration
	Rules            []string
}

// SuppressWarnings finds the @SuppressWarnings annotations that name uidcheck rules.
func SuppressWarnings(src []byte) ([]Suppression, error) {
	var out []Suppression
	err := eachMatch(src, "suppress.scm", func(captures map[string]*sitter.Node) {
		root, args := captures["root"], captures["args"]
		if root == nil || args == nil {
			return
		}
		var rules []string
		for _, v := range uidcheckValue.FindAllSubmatch(src[args.StartByte():args.EndByte()], -1) {
			rules = append(rules, string(v[1]))
		}
		// annotation → modifiers → declaration
		decl := root.Parent()
		if decl != nil && decl.Type() == "modifiers" {
			decl = decl.Parent()
		}
		if len(rules) == 0 || decl == nil {
			return
		}
		out = append(out, Suppression{
			Off: int(root.StartByte()), End: int(root.EndByte()),
			DeclOff: int(decl.StartByte()), DeclEnd: int(decl.EndByte()), Rules: rules,
		})
	})
	return out, err
}

// uidcheckValue matches "uidcheck:RULE" inside an annotation's arguments.
var uidcheckValue = regexp.MustCompile(`"uidcheck:([a-z0-9]+)"`)
