// Package javasyntax parses Java sources with tree-sitter and lowers each
// tree into the small, immutable syntax the pipeline model needs (see
// [File]), two parsers per core. It is a plain library: it reports
// nothing, and returns the problems it finds ([Problem], [File.Errors]) for
// the analyzer that uses it to report.
//
// Holding the lowered syntax of every file at once would cost several
// times the source size, so parsing is streamed: [Sources.Parse] parses the
// files in parallel and hands each to a callback, after which the file is
// dropped; files that other code refers to are parsed on demand by
// [Sources.Classes] and kept.
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
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
)

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

// extendedNames calls fn with the simple name after each "extends": the
// superclasses a file's classes may extend (type bounds are found too; the
// parsed class says which is its superclass).
func extendedNames(src []byte, fn func(name string)) {
	for i := 0; ; {
		k := bytes.Index(src[i:], []byte("extends"))
		if k < 0 {
			return
		}
		at := i + k
		i = at + len("extends")
		if at > 0 && isIdentByte(src[at-1]) || i >= len(src) || isIdentByte(src[i]) {
			continue
		}
		j := i
		for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r') {
			j++
		}
		e := j
		for e < len(src) && (isIdentByte(src[e]) || src[e] == '.') {
			e++
		}
		if name := src[j:e]; len(name) > 0 {
			if d := bytes.LastIndexByte(name, '.'); d >= 0 {
				name = name[d+1:]
			}
			fn(string(name))
		}
	}
}

// Sources is a set of Java files read once by bytes ([Scan]): the files to
// parse, and on-demand access to any file by the classes it declares. It is
// safe for concurrent use.
type Sources struct {
	// Pending are the files the pre-filter selected, in pass order.
	Pending []string
	// pendingSrc holds, by index in Pending, the sources the pre-filter
	// kept for the parse (nil when it did not): a parse worker takes its
	// file's and clears it.
	pendingSrc [][]byte

	ctx         context.Context // the run's; parsing stops when it is done
	stateBodies bool            // see Scan
	read        func(string) ([]byte, error)
	maxSize     int64
	declared    map[string][]string // class name -> files declaring it, by bytes; read-only after run
	extenders   map[string][]string // class name -> files that may extend it, by bytes; read-only after run
	pkgOf       map[string]string   // file -> package, by bytes; read-only after run
	eager       map[string]bool     // files in Pending; read-only after run
	parsers     sync.Pool           // *parser for on-demand parsing

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
func (r *Sources) Classes(name string, pkgs []string, eagerOnly bool) []*Class {
	var out []*Class
	for _, fn := range r.declared[name] {
		if pkgs != nil && !slices.Contains(pkgs, r.pkgOf[fn]) || eagerOnly && !r.eager[fn] {
			continue
		}
		f := r.keep(fn)
		if f == nil {
			continue
		}
		eachClass(f, func(c *Class) {
			if c.Name == name {
				out = append(out, c)
			}
		})
	}
	return out
}

// eachClass calls fn on every named class of f, nested ones included.
func eachClass(f *File, fn func(*Class)) {
	stack := append([]*Class(nil), f.Classes...)
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		fn(c)
		stack = append(stack, c.Inner...)
	}
}

// Subclasses returns the named classes (nested ones included) whose
// superclass is written with the simple name name, in files that pass the
// pre-filter when eagerOnly. Their files are parsed on first use and kept.
func (r *Sources) Subclasses(name string, eagerOnly bool) []*Class {
	var out []*Class
	for _, fn := range r.extenders[name] {
		if eagerOnly && !r.eager[fn] {
			continue
		}
		f := r.keep(fn)
		if f == nil {
			continue
		}
		eachClass(f, func(c *Class) {
			super := c.Super
			if i := strings.IndexByte(super, '<'); i >= 0 {
				super = super[:i]
			}
			if i := strings.LastIndexByte(super, '.'); i >= 0 {
				super = super[i+1:]
			}
			if c.Name != "" && super == name {
				out = append(out, c)
			}
		})
	}
	return out
}

// keep parses a file on first use, outside the lock so that goroutines
// needing different files do not wait for each other.
func (r *Sources) keep(name string) *File {
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
			p = newParser(r.stateBodies)
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
func (r *Sources) Err() error { return r.ctx.Err() }

// Eager reports whether a file passed the pre-filter.
func (r *Sources) Eager(file string) bool { return r.eager[file] }

// Kept returns the files parsed on demand and kept, in no particular order.
func (r *Sources) Kept() []*File {
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
func (r *Sources) Parse(fn func(i int, f *File)) error {
	errs := make([]error, len(r.Pending))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(ParseWorkers(), max(len(r.Pending), 1)) {
		wg.Go(func() {
			p := newParser(r.stateBodies) // tree-sitter parsers are not safe for concurrent use
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

// newParser returns a parser; with stateBodies it lowers Method.StateBody.
func newParser(stateBodies bool) *parser {
	return &parser{ts: newTSParser(), scratch: flatTree{stateBodies: stateBodies}}
}

// Close releases the tree-sitter parser.
func (p *parser) Close() { p.ts.close() }

// parse parses and lowers one file into a, the package and imports by
// bytes.
func parse(p *parser, name string, src []byte, a *arena) (*File, error) {
	return parseAfter(p, name, src, scanHeader(src), a)
}

// parseAfter parses and lowers one file whose header h was read by bytes.
func parseAfter(p *parser, name string, src []byte, h header, a *arena) (*File, error) {
	withDirectives := bytes.Contains(src, DirectiveMarker)
	if err := p.scratch.parseFlat(p.ts, src, h.end, withDirectives); err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	defer p.scratch.release()
	f := lower(name, src, h, &p.scratch, a)
	if withDirectives {
		f.Directives = directives(src, h, p.scratch.notes)
	}
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

// Parse parses and lowers one Java source, state bodies included, outside
// of a pass; tests and benchmarks use it.
func Parse(name string, src []byte) (*File, error) {
	p := newParser(true)
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
	extends  []string
	relevant bool
	// directives is set when the file mentions "uidcheck:": it is parsed
	// for its directives even when it builds no pipeline.
	directives bool
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
	sc := scan{size: len(src), badUTF8: -1, pkg: packageOf(src), relevant: Relevant(src), directives: bytes.Contains(src, DirectiveMarker)}
	if !utf8.Valid(src) {
		sc.badUTF8 = firstInvalid(src)
	}
	declaredNames(src, func(cls string) { sc.declared = append(sc.declared, cls) })
	extendedNames(src, func(cls string) { sc.extends = append(sc.extends, cls) })
	if (sc.relevant || sc.directives) && int64(len(src)) <= maxSize {
		if kept.Add(int64(len(src))) <= keptSourceLimit {
			sc.src = src
		} else {
			kept.Add(-int64(len(src)))
		}
	}
	return sc
}

// Problem is something found while reading a file that its user should
// be told: invalid UTF-8, or a file too large to parse.
type Problem struct {
	File     string
	Off      int
	Category string
	Msg      string
}

// Scan reads files by bytes, in parallel: it indexes the classes each
// declares, and selects the files to parse, those that pass the
// pre-filter ([Relevant]) or hold uidcheck directives, up to maxSize bytes.
// read returns a file's content; parsing stops when ctx is done. Problems
// come back in file order; the error is a file that could not be read, or
// ctx's.
//
// With stateBodies, the bodies of user function methods that may register
// state are lowered too (Method.StateBody), for the state check.
func Scan(ctx context.Context, files []string, read func(string) ([]byte, error), maxSize int64, stateBodies bool) (*Sources, []Problem, error) {
	if maxSize <= 0 {
		maxSize = DefaultMaxParseSize
	}
	res := &Sources{
		stateBodies: stateBodies,
		ctx:         ctx,
		maxSize:     maxSize,
		read:        read,
		declared:    map[string][]string{},
		extenders:   map[string][]string{},
		pkgOf:       map[string]string{},
		eager:       map[string]bool{},
		kept:        map[string]*keptFile{},
	}
	scans := make([]scan, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	var kept atomic.Int64
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			for i := range next {
				scans[i] = scanFile(read, files[i], res.maxSize, &kept)
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
		return nil, nil, err
	}

	var problems []Problem
	for i, name := range files {
		sc := scans[i]
		if sc.err != nil {
			return nil, nil, sc.err
		}
		if sc.badUTF8 >= 0 {
			problems = append(problems, Problem{
				File: name, Off: sc.badUTF8, Category: Category,
				Msg: fmt.Sprintf("invalid UTF-8 at byte offset %d; Java sources must be UTF-8, string values may be wrong", sc.badUTF8),
			})
		}
		res.pkgOf[name] = sc.pkg
		addFile(res.declared, sc.declared, name)
		addFile(res.extenders, sc.extends, name)
		if int64(sc.size) > res.maxSize {
			if sc.relevant || sc.directives {
				problems = append(problems, Problem{
					File: name, Category: CategoryTooLarge,
					Msg: fmt.Sprintf("file not analysed: %d bytes is more than the parse limit of %d (set --max-parse-size)", sc.size, res.maxSize),
				})
			}
			continue
		}
		if sc.relevant || sc.directives {
			res.Pending = append(res.Pending, name)
			res.pendingSrc = append(res.pendingSrc, sc.src)
			res.eager[name] = sc.relevant
		}
	}
	return res, problems, nil
}

// addFile records file under each of names, once.
func addFile(index map[string][]string, names []string, file string) {
	for _, n := range names {
		if fs := index[n]; len(fs) == 0 || fs[len(fs)-1] != file {
			index[n] = append(fs, file)
		}
	}
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
