// Package javasyntax is the base analyzer that parses every Java file of a
// pass once, in parallel, and lowers each tree into the small syntax the
// pipeline model needs (see [File]).
//
// It reports syntax errors, and invalid UTF-8, as diagnostics of category
// "syntax"; every other analyzer reads its [Result] through ResultOf.
//
// A byte-level pre-filter parses only files that can contribute to a Flink
// pipeline: files that mention Flink packages, stream or environment types,
// or runtime-context state. Other files, such as a class holding uid
// constants, are parsed on demand when the pipeline model looks a class up
// by name ([Result.Class]).
package javasyntax

import (
	"bytes"
	"context"
	"fmt"
	"go/token"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/java"
	"golang.org/x/tools/go/analysis"
)

// Analyzer parses the Java files of a pass. It reports only syntax problems.
var Analyzer = &analysis.Analyzer{
	Name:             "javasyntax",
	Doc:              "parse Java files once and share the lowered syntax",
	URL:              "https://github.com/uidcheck/uidcheck#syntax",
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*Result](),
}

// Category is the diagnostic category of syntax problems.
const Category = "syntax"

// markers are the byte strings that make a file worth parsing eagerly.
var markers = [][]byte{
	[]byte("org.apache.flink"),
	[]byte("DataStream"),
	[]byte("StreamExecutionEnvironment"),
	[]byte("getRuntimeContext"),
}

// Relevant reports whether src can hold part of a Flink pipeline or a
// stateful user function, by the pre-filter's byte markers.
func Relevant(src []byte) bool {
	for _, m := range markers {
		if bytes.Contains(src, m) {
			return true
		}
	}
	return false
}

// Result is what the analyzer shares: the parsed files, and lazy access to
// the files the pre-filter left out.
type Result struct {
	// Files are the eagerly parsed files in pass order.
	Files []*File

	mu       sync.Mutex
	byBase   map[string][]string // "Foo" -> names of unparsed Foo.java files
	read     func(string) ([]byte, error)
	parsed   map[string]*File
	classIdx map[string][]*Class // simple name -> classes of parsed files
	parser   *parser
}

// Classes returns every class with the given simple name, parsing skipped
// files named Name.java on first use. Nested classes are included.
func (r *Result) Classes(name string) []*Class {
	r.mu.Lock()
	defer r.mu.Unlock()
	if pending := r.byBase[name]; len(pending) > 0 {
		delete(r.byBase, name)
		for _, fn := range pending {
			src, err := r.read(fn)
			if err != nil {
				continue // the driver already reported unreadable files
			}
			if r.parser == nil {
				r.parser = newParser()
			}
			f, err := parse(r.parser, fn, src)
			if err != nil {
				continue
			}
			r.addLocked(f)
		}
	}
	return r.classIdx[name]
}

func (r *Result) addLocked(f *File) {
	r.parsed[f.Name] = f
	var add func(c *Class)
	add = func(c *Class) {
		r.classIdx[c.Name] = append(r.classIdx[c.Name], c)
		for _, in := range c.Inner {
			add(in)
		}
	}
	for _, c := range f.Classes {
		add(c)
	}
}

// AllFiles returns the parsed files, including those parsed on demand.
func (r *Result) AllFiles() []*File {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := append([]*File(nil), r.Files...)
	for _, f := range r.parsed {
		if !slices.Contains(r.Files, f) {
			out = append(out, f)
		}
	}
	return out
}

// parser is a tree-sitter parser with the scratch space of its goroutine.
type parser struct {
	ts      *sitter.Parser
	scratch flatTree
}

func newParser() *parser {
	p := sitter.NewParser()
	p.SetLanguage(java.GetLanguage())
	return &parser{ts: p}
}

// Close releases the tree-sitter parser.
func (p *parser) Close() { p.ts.Close() }

// parse parses and lowers one file, closing the tree before returning.
func parse(p *parser, name string, src []byte) (*File, error) {
	tree, err := p.ts.ParseCtx(context.Background(), nil, src)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	defer tree.Close()
	return lower(name, src, tree.RootNode(), &p.scratch), nil
}

// Parse parses and lowers one Java source outside of a pass; tests and
// benchmarks use it.
func Parse(name string, src []byte) (*File, error) {
	p := newParser()
	defer p.Close()
	return parse(p, name, src)
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{
		byBase:   map[string][]string{},
		read:     pass.ReadFile,
		parsed:   map[string]*File{},
		classIdx: map[string][]*Class{},
	}
	type job struct {
		name string
		src  []byte
	}
	var jobs []job
	tfs := TokenFiles(pass.Fset)
	for _, name := range pass.OtherFiles {
		src, err := pass.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		if !utf8.Valid(src) {
			reportInvalidUTF8(pass, tfs[name], src)
		}
		if !Relevant(src) {
			base := strings.TrimSuffix(filepath.Base(name), ".java")
			res.byBase[base] = append(res.byBase[base], name)
			continue
		}
		jobs = append(jobs, job{name, src})
	}

	files := make([]*File, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(jobs), 1)) {
		wg.Go(func() {
			p := newParser() // tree-sitter parsers are not safe for concurrent use
			defer p.Close()
			for i := range next {
				files[i], errs[i] = parse(p, jobs[i].name, jobs[i].src)
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()

	for i, f := range files {
		if errs[i] != nil {
			return nil, errs[i]
		}
		res.Files = append(res.Files, f)
		res.addLocked(f)
		reportSyntax(pass, tfs[f.Name], f)
	}
	return res, nil
}

// TokenFiles maps the names of a FileSet's files to their token.File.
func TokenFiles(fset *token.FileSet) map[string]*token.File {
	m := map[string]*token.File{}
	fset.Iterate(func(f *token.File) bool {
		m[f.Name()] = f
		return true
	})
	return m
}

func reportSyntax(pass *analysis.Pass, tf *token.File, f *File) {
	if len(f.Errors) == 0 {
		return
	}
	if tf == nil {
		return
	}
	for _, e := range f.Errors {
		end := max(e.End, e.Off)
		pass.Report(analysis.Diagnostic{
			Pos:      tf.Pos(min(e.Off, tf.Size())),
			End:      tf.Pos(min(end, tf.Size())),
			Category: Category,
			Message:  fmt.Sprintf("syntax error: %s; the rest of the file is still analysed", e.Msg),
		})
	}
}

func reportInvalidUTF8(pass *analysis.Pass, tf *token.File, src []byte) {
	if tf == nil {
		return
	}
	off := 0
	for off < len(src) {
		r, size := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	pass.Report(analysis.Diagnostic{
		Pos:      tf.Pos(off),
		Category: Category,
		Message:  fmt.Sprintf("invalid UTF-8 at byte offset %d; Java sources must be UTF-8, string values may be wrong", off),
	})
}
