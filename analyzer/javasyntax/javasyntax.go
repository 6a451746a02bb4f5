// Package javasyntax is the base analyzer for Java sources. It parses each
// file with tree-sitter and lowers the tree into the small syntax the
// pipeline model needs (see [File]), two parsers per core.
//
// Holding the lowered syntax of every file at once would cost several
// times the source size, so parsing is streamed: [Result.Parse] parses the
// files in parallel and hands each to a callback, after which the file is
// dropped; files that other code refers to are parsed on demand by
// [Result.Classes] and kept. Syntax errors are recorded on each [File] for
// the caller to report; the analyzer itself reports invalid UTF-8.
//
// A byte-level pre-filter parses eagerly only files that can build part of
// a pipeline: files that mention stream environments or stream types. Other
// files, such as a user function class or a class holding uid constants,
// are parsed only when looked up by a class name they declare.
package javasyntax

import (
	"bytes"
	"context"
	"fmt"
	"go/token"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
	"github.com/uidcheck/uidcheck/analyzer/settings"
)

// Analyzer prepares the Java files of a pass for parsing. It reports
// invalid UTF-8 and files too large to parse; syntax errors are reported by
// the analyzer that parses.
var Analyzer = &analysis.Analyzer{
	Name:             "javasyntax",
	Doc:              "parse Java files once and share the lowered syntax",
	URL:              "https://github.com/uidcheck/uidcheck/blob/main/docs/rules.md",
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*Result](),
	Requires:         []*analysis.Analyzer{settings.Analyzer},
}

// DefaultMaxParseSize is the largest file parsed by default. A tree-sitter
// tree takes tens of bytes per source byte: a 2 MiB file needs about
// 140 MB while it is analysed, and no hand-written Java file is that large.
const DefaultMaxParseSize = 2 << 20

// Category is the diagnostic category of syntax problems.
const Category = "syntax"

// CategoryTooLarge is the category of files not parsed because of their size.
const CategoryTooLarge = "too-large"

// CategoryTooDeep is the category of statements not analysed because they
// nest deeper than the lowering follows.
const CategoryTooDeep = "too-deep"

// Relevant reports whether src can hold part of a Flink pipeline, by the
// pre-filter's byte markers.
func Relevant(src []byte) bool {
	for _, m := range flinkapi.PrefilterMarkers {
		if bytes.Contains(src, m) {
			return true
		}
	}
	return false
}

// packageOf reads the package declaration by bytes: the first "package"
// at the start of a line, after blanks at most (the driver blanks a byte
// order mark into three spaces).
func packageOf(src []byte) string {
	for i := 0; ; {
		k := bytes.Index(src[i:], []byte("package"))
		if k < 0 {
			return ""
		}
		at := i + k
		i = at + len("package")
		lineStart := at
		for lineStart > 0 && (src[lineStart-1] == ' ' || src[lineStart-1] == '\t') {
			lineStart--
		}
		if lineStart > 0 && src[lineStart-1] != '\n' {
			continue
		}
		end := bytes.IndexByte(src[i:], ';')
		if end < 0 {
			return ""
		}
		return packageName(string(src[at : i+end]))
	}
}

// declaredNames finds the names of the types src declares, by bytes: a
// keyword (class, interface, enum, record) as a whole word, whitespace, an
// identifier. Matches in comments or strings only cost a parse when that
// name is looked up. One pass over the words of the file: searching for
// each keyword in turn took four.
func declaredNames(src []byte, fn func(name string)) {
	for i := 0; i < len(src); {
		if !isIdentByte(src[i]) {
			i++
			continue
		}
		start := i
		for i < len(src) && isIdentByte(src[i]) {
			i++
		}
		switch string(src[start:i]) {
		case "class", "interface", "enum", "record":
		default:
			continue
		}
		j := i
		for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r') {
			j++
		}
		if j == i {
			continue
		}
		e := j
		for e < len(src) && isIdentByte(src[e]) {
			e++
		}
		if e > j {
			fn(string(src[j:e]))
		}
	}
}

// Result is what the analyzer shares: the files to parse, and on-demand
// access to any file by the classes it declares. It is safe for concurrent
// use.
type Result struct {
	// Pending are the files the pre-filter selected, in pass order.
	Pending []string
	// pendingSrc holds, by index in Pending, the sources the pre-filter
	// kept for the parse (nil when it did not): a parse worker takes its
	// file's and clears it.
	pendingSrc [][]byte

	ctx      context.Context // the run's; parsing stops when it is done
	read     func(string) ([]byte, error)
	maxSize  int64
	declared map[string][]string // class name -> files declaring it, by bytes; read-only after run
	pkgOf    map[string]string   // file -> package, by bytes; read-only after run
	eager    map[string]bool     // files in Pending; read-only after run
	parsers  sync.Pool           // *parser for on-demand parsing

	mu   sync.Mutex
	kept map[string]*keptFile // files parsed on demand
}

// keptFile is a file parsed on demand, once, by whichever goroutine asks
// first; the others wait for it.
type keptFile struct {
	once sync.Once
	file *File
}

// Classes returns the classes named name (nested ones included) declared
// in files of the given packages, or of any package when pkgs is nil.
// Files declaring that name are parsed on first use and kept; only files
// whose package matches are parsed, as Java resolves a simple name only
// through imports and the current package.
//
// With eagerOnly, only files that pass the pre-filter are considered: the
// pipeline model follows helper calls only into code that can build part of
// a pipeline, and must not parse a library's whole call graph.
func (r *Result) Classes(name string, pkgs []string, eagerOnly bool) []*Class {
	var out []*Class
	for _, fn := range r.declared[name] {
		if pkgs != nil && !slices.Contains(pkgs, r.pkgOf[fn]) || eagerOnly && !r.eager[fn] {
			continue
		}
		f := r.keep(fn)
		if f == nil {
			continue
		}
		stack := append([]*Class(nil), f.Classes...)
		for len(stack) > 0 {
			c := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if c.Name == name {
				out = append(out, c)
			}
			stack = append(stack, c.Inner...)
		}
	}
	return out
}

// keep parses a file on first use, outside the lock so that goroutines
// needing different files do not wait for each other.
func (r *Result) keep(name string) *File {
	r.mu.Lock()
	k := r.kept[name]
	if k == nil {
		k = &keptFile{}
		r.kept[name] = k
	}
	r.mu.Unlock()
	k.once.Do(func() {
		src, err := r.read(name)
		if err != nil || int64(len(src)) > r.maxSize {
			return // the driver already reported unreadable files
		}
		if r.ctx.Err() != nil {
			return
		}
		p, _ := r.parsers.Get().(*parser)
		if p == nil {
			p = newParser()
			context.AfterFunc(r.ctx, p.ts.cancel)
		}
		defer r.parsers.Put(p)
		if f, err := parse(p, name, src, new(arena)); err == nil {
			k.file = f
		}
	})
	return k.file
}

// Err is the error of the run's context: non-nil once the run is
// interrupted, so that long loops over a file's syntax can stop.
func (r *Result) Err() error { return r.ctx.Err() }

// Eager reports whether a file passed the pre-filter.
func (r *Result) Eager(file string) bool { return r.eager[file] }

// Kept returns the files parsed on demand and kept, in no particular order.
func (r *Result) Kept() []*File {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]*File, 0, len(r.kept))
	for _, k := range r.kept {
		if k.file != nil {
			out = append(out, k.file)
		}
	}
	return out
}

// Parse parses the pending files in parallel, ParseWorkers goroutines at
// once, and calls fn, from those goroutines, with each file's index in
// Pending and lowered syntax. The syntax is reused for the next file once
// fn returns, so fn must keep neither the file nor any of its nodes (a copy
// parsed on demand by Classes is separate and kept): the pending files are
// the bulk of a large tree.
//
// Parse stops within a file's parse when the run's context is done, and
// returns its error.
func (r *Result) Parse(fn func(i int, f *File)) error {
	errs := make([]error, len(r.Pending))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(ParseWorkers(), max(len(r.Pending), 1)) {
		wg.Go(func() {
			p := newParser() // tree-sitter parsers are not safe for concurrent use
			defer p.Close()
			defer context.AfterFunc(r.ctx, p.ts.cancel)()
			var a arena // the syntax of one file at a time
			for i := range next {
				name := r.Pending[i]
				r.mu.Lock() // a second Parse may run at the same time
				src := r.pendingSrc[i]
				r.pendingSrc[i] = nil
				r.mu.Unlock()
				var err error
				if src == nil {
					src, err = r.read(name)
				}
				var f *File
				if err == nil {
					f, err = parse(p, name, src, &a)
				}
				if err != nil {
					errs[i] = err
					continue
				}
				fn(i, f)
				a.reset()
			}
		})
	}
	for i := range r.Pending {
		if r.ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := r.ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// ParseWorkers is the number of goroutines that parse at once: two per
// core. A goroutine returning from a long cgo call (a tree-sitter parse)
// often finds its P handed to another goroutine and waits; with one parser
// per core the cores were idle about 15% of the time. Two per core keep
// them busy: on 2 cores a bare parse of 10,000 generated jobs went from
// 9.6 to 12.3 MB/s, at the cost of one more parser's scratch space per core.
func ParseWorkers() int { return 2 * runtime.GOMAXPROCS(0) }

// parser is a tree-sitter parser with the scratch space of its goroutine.
type parser struct {
	ts      tsParser
	scratch flatTree
}

func newParser() *parser { return &parser{ts: newTSParser()} }

// Close releases the tree-sitter parser.
func (p *parser) Close() { p.ts.close() }

// parse parses and lowers one file into a, the package and imports by
// bytes.
func parse(p *parser, name string, src []byte, a *arena) (*File, error) {
	return parseAfter(p, name, src, scanHeader(src), a)
}

// parseAfter parses and lowers one file whose header h was read by bytes.
func parseAfter(p *parser, name string, src []byte, h header, a *arena) (*File, error) {
	if err := p.scratch.parseFlat(p.ts, src, h.end); err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	defer p.scratch.release()
	f := lower(name, src, h, &p.scratch, a)
	if p.scratch.canceled() {
		return nil, errCanceled // lowered only in part
	}
	return f, nil
}

// BareParser parses sources and discards the trees, through the same
// tree-sitter calls as check and nothing else: the baseline that check's
// speed is measured against.
type BareParser struct{ ts tsParser }

// NewBareParser returns a parser; it is not safe for concurrent use.
func NewBareParser() *BareParser { return &BareParser{newTSParser()} }

// Parse parses src and deletes the tree.
func (p *BareParser) Parse(src []byte) error {
	tree, err := p.ts.parse(src, 0)
	if err != nil {
		return err
	}
	deleteTree(tree)
	return nil
}

// Close releases the parser.
func (p *BareParser) Close() { p.ts.close() }

// Parse parses and lowers one Java source outside of a pass; tests and
// benchmarks use it.
func Parse(name string, src []byte) (*File, error) {
	p := newParser()
	defer p.Close()
	return parse(p, name, src, new(arena))
}

// scan is what run learns about one file from its bytes.
type scan struct {
	err      error
	src      []byte // kept for the parse, see keptSourceLimit
	size     int
	badUTF8  int // offset of the first invalid byte, -1 if valid
	pkg      string
	declared []string
	relevant bool
}

// keptSourceLimit bounds the sources the pre-filter keeps for the parse
// that follows, sparing each file to be parsed a second read; beyond it
// files are read again.
const keptSourceLimit = 128 << 20

func scanFile(read func(string) ([]byte, error), name string, maxSize int64, kept *atomic.Int64) scan {
	src, err := read(name)
	if err != nil {
		return scan{err: fmt.Errorf("read %s: %w", name, err)}
	}
	sc := scan{size: len(src), badUTF8: -1, pkg: packageOf(src), relevant: Relevant(src)}
	if !utf8.Valid(src) {
		sc.badUTF8 = firstInvalid(src)
	}
	declaredNames(src, func(cls string) { sc.declared = append(sc.declared, cls) })
	if sc.relevant && int64(len(src)) <= maxSize {
		if kept.Add(int64(len(src))) <= keptSourceLimit {
			sc.src = src
		} else {
			kept.Add(-int64(len(src)))
		}
	}
	return sc
}

func run(pass *analysis.Pass) (any, error) {
	maxSize := settings.Of(pass).MaxParseSize
	if maxSize <= 0 {
		maxSize = DefaultMaxParseSize
	}
	ctx := settings.Of(pass).Context
	if ctx == nil {
		ctx = context.Background()
	}
	res := &Result{
		ctx:      ctx,
		maxSize:  maxSize,
		read:     pass.ReadFile,
		declared: map[string][]string{},
		pkgOf:    map[string]string{},
		eager:    map[string]bool{},
		kept:     map[string]*keptFile{},
	}
	files := pass.OtherFiles
	scans := make([]scan, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	var kept atomic.Int64
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			for i := range next {
				scans[i] = scanFile(pass.ReadFile, files[i], res.maxSize, &kept)
			}
		})
	}
	for i := range files {
		if res.ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := res.ctx.Err(); err != nil {
		return nil, err
	}

	tfs := TokenFiles(pass.Fset)
	for i, name := range files {
		sc := scans[i]
		if sc.err != nil {
			return nil, sc.err
		}
		if sc.badUTF8 >= 0 {
			reportInvalidUTF8(pass, tfs[name], sc.badUTF8)
		}
		res.pkgOf[name] = sc.pkg
		for _, cls := range sc.declared {
			if fs := res.declared[cls]; len(fs) == 0 || fs[len(fs)-1] != name {
				res.declared[cls] = append(fs, name)
			}
		}
		if int64(sc.size) > res.maxSize {
			if sc.relevant {
				reportTooLarge(pass, tfs[name], sc.size, res.maxSize)
			}
			continue
		}
		if sc.relevant {
			res.Pending = append(res.Pending, name)
			res.pendingSrc = append(res.pendingSrc, sc.src)
			res.eager[name] = true
		}
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

// ReportSyntax reports the syntax errors of a parsed file as diagnostics of
// category "syntax".
func ReportSyntax(pass *analysis.Pass, tf *token.File, f *File) {
	if len(f.Errors) == 0 {
		return
	}
	if tf == nil {
		return
	}
	for _, e := range f.Errors {
		end := max(e.End, e.Off)
		d := analysis.Diagnostic{
			Pos:      tf.Pos(min(e.Off, tf.Size())),
			End:      tf.Pos(min(end, tf.Size())),
			Category: Category,
			Message:  fmt.Sprintf("syntax error: %s; the rest of the file is still analysed", e.Msg),
		}
		if e.Limit {
			d.Category, d.Message = CategoryTooDeep, e.Msg
		}
		pass.Report(d)
	}
}

func reportTooLarge(pass *analysis.Pass, tf *token.File, size int, limit int64) {
	if tf == nil {
		return
	}
	pass.Report(analysis.Diagnostic{
		Pos:      tf.Pos(0),
		Category: CategoryTooLarge,
		Message:  fmt.Sprintf("file not analysed: %d bytes is more than the parse limit of %d (set --max-parse-size)", size, limit),
	})
}

func firstInvalid(src []byte) int {
	off := 0
	for off < len(src) {
		r, size := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	return off
}

func reportInvalidUTF8(pass *analysis.Pass, tf *token.File, off int) {
	if tf == nil {
		return
	}
	pass.Report(analysis.Diagnostic{
		Pos:      tf.Pos(off),
		Category: Category,
		Message:  fmt.Sprintf("invalid UTF-8 at byte offset %d; Java sources must be UTF-8, string values may be wrong", off),
	})
}
