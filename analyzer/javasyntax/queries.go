package javasyntax

import (
	"context"
	"embed"
	"fmt"
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
	qs, err := compiledQueries()
	if err != nil {
		return nil, err
	}
	q := qs["comments.scm"]
	p := newParser()
	defer p.Close()
	tree, err := p.ts.ParseCtx(context.Background(), nil, src)
	if err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	defer tree.Close()
	qc := sitter.NewQueryCursor()
	defer qc.Close()
	qc.Exec(q, tree.RootNode())
	var out []Comment
	for {
		m, ok := qc.NextMatch()
		if !ok {
			break
		}
		m = qc.FilterPredicates(m, src)
		for _, c := range m.Captures {
			if q.CaptureNameForId(c.Index) != "root" {
				continue
			}
			s, e := int(c.Node.StartByte()), int(c.Node.EndByte())
			out = append(out, Comment{Off: s, End: e, Text: string(src[s:e])})
		}
	}
	return out, nil
}
