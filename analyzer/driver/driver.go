// Package driver runs go/analysis analyzers over Java files. It only
// finds, loads and runs: what is done with the findings afterwards
// (suppression, configuration, baselines) is the caller's.
//
// x/tools' drivers load Go packages through go/packages, which never lists
// .java files, so uidcheck fills each [analysis.Pass] itself: Fset holds the
// Java files, OtherFiles names them, Files and TypesInfo stay empty, and Pkg
// is a placeholder because Pass.String formats its path. Analyzers run once
// each, in Requires order, and see the results of their direct Requires.
package driver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/token"
	"go/types"
	"hash/crc32"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"
)

// DefaultMaxFileSize is the largest Java file analysed by default. No
// hand-written Java source comes close; larger files are generated or not
// Java, and parsing them would dominate time and memory.
const DefaultMaxFileSize = 16 << 20

// Options tune a run. The zero value uses the defaults.
type Options struct {
	// MaxFileSize skips larger files with a FileError; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Results are given results of analyzers that are then not run: the
	// run's configuration (analyzer/settings) reaches the rules this way.
	Results map[*analysis.Analyzer]any
}

// FileError is a file that could not be analysed: unreadable, binary or too
// large. The other files are still analysed.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// Errors a FileError can wrap.
var (
	ErrBinary   = errors.New("binary file")
	ErrTooLarge = errors.New("file too large")
)

// ErrNoJava is wrapped by the FileError of a path argument that yields no
// Java file: a CI gate must not pass because it looked at nothing.
var ErrNoJava = errors.New("no Java file")

// buildMarkers names, for each build-output directory name, the build files
// that mark it as output when one lies beside it. Without one, a directory
// named build or target is an ordinary package (com/acme/build).
var buildMarkers = map[string][]string{
	"target":       {"pom.xml", "build.sbt"},
	"build":        {"build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"},
	"node_modules": {"package.json"},
}

// skipDir reports whether a walk skips the directory p: VCS data always,
// build output when a build file beside it says so.
func skipDir(p, name string) bool {
	if name == ".git" {
		return true
	}
	for _, m := range buildMarkers[name] {
		if _, err := os.Stat(filepath.Join(filepath.Dir(p), m)); err == nil {
			return true
		}
	}
	return false
}

// Collect expands paths into a sorted list of .java files. Directories are
// walked recursively, skipping .git and build output (see skipDir); a
// directory given through a symbolic link is followed. Files named
// explicitly must be regular .java files. Paths keep the form given
// (relative stays relative). Problems are returned as *FileError, and the
// walk goes on; a path that yields no Java file wraps ErrNoJava.
func Collect(paths []string) ([]string, []error) {
	seen := map[string]bool{}
	var files []string
	var errs []error
	found := 0
	add := func(p string) {
		found++
		if id := identity(p); !seen[id] {
			seen[id] = true
			files = append(files, p)
		}
	}
	for _, root := range paths {
		found = 0
		nerrs := len(errs)
		info, err := os.Stat(root)
		switch {
		case root == "":
			errs = append(errs, &FileError{Path: `""`, Err: errors.New("empty path")})
			continue
		case err != nil:
			errs = append(errs, &FileError{Path: root, Err: unwrapPathError(err)})
			continue
		case info.IsDir():
			walkRoot := root
			if li, err := os.Lstat(root); err == nil && li.Mode()&fs.ModeSymlink != 0 {
				// WalkDir does not follow a link given as its root; the
				// trailing separator makes it.
				walkRoot = root + string(filepath.Separator)
			}
			if err := filepath.WalkDir(walkRoot, walker(walkRoot, add, &errs)); err != nil {
				errs = append(errs, &FileError{Path: root, Err: err})
			}
		case !info.Mode().IsRegular():
			errs = append(errs, &FileError{Path: root, Err: fmt.Errorf("not a regular file (%s)", info.Mode().Type())})
			continue
		case !strings.HasSuffix(root, ".java"):
			errs = append(errs, &FileError{Path: root, Err: fmt.Errorf("%w: want a .java file or a directory (--allow-empty skips it)", ErrNoJava)})
			continue
		default:
			add(root)
		}
		if found == 0 && len(errs) == nerrs {
			errs = append(errs, &FileError{Path: root, Err: fmt.Errorf("%w found in the directory (--allow-empty accepts that)", ErrNoJava)})
		}
	}
	sort.Strings(files)
	return files, errs
}

// walker visits one directory tree for Collect.
func walker(root string, add func(string), errs *[]error) fs.WalkDirFunc {
	return func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			*errs = append(*errs, &FileError{Path: p, Err: unwrapPathError(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != root && skipDir(p, d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".java") {
			return nil
		}
		switch {
		case d.Type().IsRegular():
			add(p)
		case d.Type()&fs.ModeSymlink != 0:
			// Follow links to files; a dangling link is reported.
			info, err := os.Stat(p)
			switch {
			case err != nil:
				*errs = append(*errs, &FileError{Path: p, Err: unwrapPathError(err)})
			case info.Mode().IsRegular():
				add(p)
			case !info.IsDir():
				*errs = append(*errs, &FileError{Path: p, Err: fmt.Errorf("not a regular file (%s)", info.Mode().Type())})
			}
		default:
			// A FIFO or device named like Java source is not read, and not
			// passed over in silence either.
			*errs = append(*errs, &FileError{Path: p, Err: fmt.Errorf("not a regular file (%s)", d.Type())})
		}
		return nil
	}
}

func unwrapPathError(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// Diagnostic is a diagnostic with the analyzer that reported it.
type Diagnostic struct {
	Analyzer *analysis.Analyzer
	analysis.Diagnostic
}

// Result is the outcome of a run.
type Result struct {
	Fset *token.FileSet
	// Files are the Java files analysed, in order.
	Files []string
	// Diagnostics are sorted by position.
	Diagnostics []Diagnostic
	// FileErrors are files that were skipped (*FileError).
	FileErrors []error
	// Results holds each analyzer's result, for commands that read the
	// pipeline model directly.
	Results map[*analysis.Analyzer]any
	files   map[string]*token.File
	// sums are the CRC-32 of each file's content as analysed, so that an
	// edit is never computed from one content and written over another.
	sums   map[string]uint32
	unread unreadCache
}

// Unchanged reports whether src is the content the file had when it was
// analysed.
func (r *Result) Unchanged(name string, src []byte) bool {
	sum, ok := r.sums[name]
	return ok && len(src) == r.files[name].Size() && crc32.ChecksumIEEE(src) == sum
}

// unreadCache keeps the content of files read at load time until an
// analyzer first reads them, up to a total size: the pre-filter of a large
// tree reads every file once more right after loading, and reading it from
// memory spares the system calls. Beyond the limit files are read again.
type unreadCache struct {
	mu    sync.Mutex
	src   map[string][]byte
	total atomic.Int64
}

// unreadCacheLimit bounds the memory the cache may hold: about the Java
// sources of a large monorepo.
const unreadCacheLimit = 256 << 20

// offer keeps src if the cache has room for it.
func (c *unreadCache) offer(name string, src []byte) {
	if c.total.Add(int64(len(src))) > unreadCacheLimit {
		c.total.Add(-int64(len(src)))
		return
	}
	c.mu.Lock()
	c.src[name] = src
	c.mu.Unlock()
}

// drop forgets the files no analyzer read.
func (c *unreadCache) drop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.src = nil
	c.total.Store(0)
}

// take returns and forgets a kept file.
func (c *unreadCache) take(name string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	src, ok := c.src[name]
	if ok {
		delete(c.src, name)
		c.total.Add(-int64(len(src)))
	}
	return src, ok
}

// Source returns the content of an analysed file, or nil if it cannot be
// read again or has changed size since it was analysed.
func (r *Result) Source(name string) []byte {
	src, err := r.readFile(name)
	if err != nil {
		return nil
	}
	return src
}

// Lines returns the given lines (1-based, without line terminators) of an
// analysed file, reading only their bytes; a line the file does not have
// is nil. Reports need a line or two of many files: reading each whole
// file again took a fifth of a second on 10,000 generated jobs.
func (r *Result) Lines(name string, lines []int) ([][]byte, error) {
	tf, ok := r.files[name]
	if !ok {
		return nil, fmt.Errorf("read %s: not a file of this pass", name)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, unwrapPathError(err))
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || info.Size() != int64(tf.Size()) {
		return nil, fmt.Errorf("read %s: file changed during analysis", name)
	}
	out := make([][]byte, len(lines))
	for i, n := range lines {
		if n < 1 || n > tf.LineCount() {
			continue
		}
		start, end := tf.Offset(tf.LineStart(n)), tf.Size()
		if n < tf.LineCount() {
			end = tf.Offset(tf.LineStart(n + 1))
		}
		buf := make([]byte, end-start)
		if _, err := f.ReadAt(buf, int64(start)); err != nil {
			return nil, fmt.Errorf("read %s: %w", name, unwrapPathError(err))
		}
		out[i] = bytes.TrimRight(bytes.TrimSuffix(buf, []byte("\n")), "\r")
	}
	return out, nil
}

// readFile reads an analysed file again. Contents are not kept in memory
// between reads: on a large tree they would be most of the peak memory,
// and the page cache makes a second read cheap. A file whose size changed
// is an error, since positions were computed for the old content.
func (r *Result) readFile(name string) ([]byte, error) {
	tf, ok := r.files[name]
	if !ok {
		return nil, fmt.Errorf("read %s: not a file of this pass", name)
	}
	size := tf.Size()
	if src, ok := r.unread.take(name); ok {
		return src, nil
	}
	src, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, unwrapPathError(err))
	}
	if len(src) != size {
		return nil, fmt.Errorf("read %s: file changed during analysis (%d bytes, was %d)", name, len(src), size)
	}
	return blankBOM(src), nil
}

// Run loads files and runs analyzers (and what they require) over them.
// It returns an error only for internal failures: an analyzer that fails or
// returns a result of the wrong type. File problems are in FileErrors.
func Run(ctx context.Context, files []string, analyzers []*analysis.Analyzer, opts Options) (*Result, error) {
	if err := analysis.Validate(analyzers); err != nil {
		return nil, fmt.Errorf("invalid analyzer: %w", err)
	}
	maxSize := opts.MaxFileSize
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	res := &Result{Fset: token.NewFileSet(), Results: map[*analysis.Analyzer]any{}, files: map[string]*token.File{}, sums: map[string]uint32{}}
	res.unread.src = map[string][]byte{}
	// Files are read and split into lines in parallel; the line offsets
	// are kept, the content while the cache has room, and the FileSet is
	// filled in order.
	loaded := make([]loadedFile, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			for i := range next {
				src, err := load(files[i], maxSize)
				loaded[i] = loadedFile{size: len(src), lines: lineStarts(src), err: err, sum: crc32.ChecksumIEEE(src)}
				if err == nil {
					res.unread.offer(files[i], src)
				}
			}
		})
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	for i, name := range files {
		l := loaded[i]
		if l.err != nil {
			res.FileErrors = append(res.FileErrors, l.err)
			continue
		}
		tf := res.Fset.AddFile(name, -1, l.size)
		tf.SetLines(l.lines)
		res.files[name] = tf
		res.sums[name] = l.sum
		res.Files = append(res.Files, name)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var pending []*analysis.Analyzer
	for _, a := range order(analyzers) {
		if v, ok := opts.Results[a]; ok {
			res.Results[a] = v
			continue
		}
		pending = append(pending, a)
	}
	if err := res.runWaves(ctx, pending); err != nil {
		return nil, err
	}
	res.unread.drop()
	sort.SliceStable(res.Diagnostics, func(i, j int) bool {
		pi, pj := res.Fset.Position(res.Diagnostics[i].Pos), res.Fset.Position(res.Diagnostics[j].Pos)
		if pi.Filename != pj.Filename {
			return pi.Filename < pj.Filename
		}
		return pi.Offset < pj.Offset
	})
	return res, nil
}

type loadedFile struct {
	size  int
	lines []int
	err   error
	sum   uint32
}

// lineStarts returns the offsets at which lines start, as
// token.File.SetLinesForContent computes them.
func lineStarts(src []byte) []int {
	lines := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for off := 0; ; {
		k := bytes.IndexByte(src[off:], '\n')
		if k < 0 || off+k+1 >= len(src) {
			return lines
		}
		off += k + 1
		lines = append(lines, off)
	}
}

// load reads one file and rejects what cannot be Java source. The size is
// checked on the open file, before reading: one path lookup per file.
func load(name string, maxSize int64) ([]byte, error) {
	// Opening a FIFO blocks until a writer comes, so the type is checked on
	// the path first.
	if info, err := os.Stat(name); err == nil && !info.Mode().IsRegular() {
		return nil, &FileError{Path: name, Err: fmt.Errorf("not a regular file (%s)", info.Mode().Type())}
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, &FileError{Path: name, Err: unwrapPathError(err)}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, &FileError{Path: name, Err: unwrapPathError(err)}
	}
	if info.Size() > maxSize {
		return nil, &FileError{Path: name, Err: fmt.Errorf("%w: %d bytes, limit %d (set --max-file-size)", ErrTooLarge, info.Size(), maxSize)}
	}
	// One byte more than the size, to see the end of the file in one read;
	// a file that grew meanwhile is read to its end.
	src := make([]byte, 0, info.Size()+1)
	for {
		if len(src) == cap(src) {
			src = append(src, 0)[:len(src)]
		}
		n, err := f.Read(src[len(src):cap(src)])
		src = src[:len(src)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &FileError{Path: name, Err: unwrapPathError(err)}
		}
	}
	// A NUL byte never occurs in Java source text; git uses the same test
	// to call a file binary.
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return nil, &FileError{Path: name, Err: fmt.Errorf("%w: NUL byte at offset %d, not Java source", ErrBinary, i)}
	}
	return blankBOM(src), nil
}

// utf8BOM is the byte order mark some Windows editors put first.
const utf8BOM = "\xef\xbb\xbf"

// blankBOM replaces a leading byte order mark with spaces: the parser takes
// it for a stray token, and blanking it rather than cutting it keeps every
// offset, line and column equal to those of the file on disk.
func blankBOM(src []byte) []byte {
	if bytes.HasPrefix(src, []byte(utf8BOM)) {
		copy(src, "   ")
	}
	return src
}

// runWaves runs analyzers, given requirements first, in waves: each wave is
// every analyzer whose requirements have run, and its analyzers run at once
// (the rules only read the pipeline model). Findings keep the order of the
// analyzers.
func (r *Result) runWaves(ctx context.Context, pending []*analysis.Analyzer) error {
	for len(pending) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		var wave, rest []*analysis.Analyzer
		for _, a := range pending {
			if slices.ContainsFunc(a.Requires, func(req *analysis.Analyzer) bool { _, ok := r.Results[req]; return !ok }) {
				rest = append(rest, a)
			} else {
				wave = append(wave, a)
			}
		}
		outs := make([]passOutput, len(wave))
		var wg sync.WaitGroup
		for i, a := range wave {
			resultOf := map[*analysis.Analyzer]any{}
			for _, req := range a.Requires {
				resultOf[req] = r.Results[req]
			}
			wg.Go(func() { outs[i] = r.runPass(a, resultOf) })
		}
		wg.Wait()
		for i, a := range wave {
			if outs[i].err != nil {
				return outs[i].err
			}
			r.Results[a] = outs[i].result
			r.Diagnostics = append(r.Diagnostics, outs[i].diags...)
		}
		pending = rest
	}
	return nil
}

// passOutput is what one analyzer's pass produced.
type passOutput struct {
	result any
	diags  []Diagnostic
	err    error
}

// runPass runs one analyzer over the loaded files.
func (r *Result) runPass(a *analysis.Analyzer, resultOf map[*analysis.Analyzer]any) passOutput {
	var out passOutput
	urls := map[[2]string]string{}
	pass := &analysis.Pass{
		Analyzer:   a,
		Fset:       r.Fset,
		OtherFiles: r.Files,
		Pkg:        javaPackage,
		ResultOf:   resultOf,
		ReadFile:   r.readFile,
		Report: func(d analysis.Diagnostic) {
			// A rule reports thousands of findings with a handful of URLs.
			key := [2]string{d.URL, d.Category}
			u, ok := urls[key]
			if !ok {
				u = resolveURL(a, d)
				urls[key] = u
			}
			d.URL = u
			out.diags = append(out.diags, Diagnostic{Analyzer: a, Diagnostic: d})
		},
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact:  func(types.Object, analysis.Fact) {},
		ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
		ExportPackageFact: func(analysis.Fact) {},
		AllObjectFacts:    func() []analysis.ObjectFact { return nil },
		AllPackageFacts:   func() []analysis.PackageFact { return nil },
	}
	result, err := a.Run(pass)
	switch {
	case err != nil:
		out.err = fmt.Errorf("analyzer %s: %w", a.Name, err)
	case a.ResultType != nil && (result == nil || reflect.TypeOf(result) != a.ResultType):
		out.err = fmt.Errorf("internal error: analyzer %s returned a result of type %T, want %v", a.Name, result, a.ResultType)
	}
	out.result = result
	return out
}

// javaPackage stands in for the Go package a pass would analyse.
var javaPackage = types.NewPackage("java", "java")

// order returns analyzers and their requirements, each once, requirements first.
func order(roots []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, r := range a.Requires {
			visit(r)
		}
		out = append(out, a)
	}
	for _, a := range roots {
		visit(a)
	}
	return out
}

// resolveURL follows x/tools: an empty URL with a Category is the analyzer's
// URL with "#"+Category; a relative URL is resolved against the analyzer's.
func resolveURL(a *analysis.Analyzer, d analysis.Diagnostic) string {
	u := d.URL
	// go/analysis points a category at "#category" of the analyzer's page;
	// a rule's URL that already names its section keeps it.
	if u == "" && d.Category != "" && !strings.Contains(a.URL, "#") {
		u = "#" + d.Category
	}
	if u == "" {
		return a.URL
	}
	base, err := url.Parse(a.URL)
	if err != nil {
		return u
	}
	rel, err := url.Parse(u)
	if err != nil {
		return u
	}
	return base.ResolveReference(rel).String()
}
