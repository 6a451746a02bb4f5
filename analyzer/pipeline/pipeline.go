// Package pipeline is the base analyzer that builds the DataStream pipeline
// model of the analysed Java sources: jobs, the operators each creates, their
// uids, names, parallelism, inputs and statefulness. Rules, `operators`,
// `compat` and `manifest` read the same [Model] through [Of].
//
// The model is built by abstract evaluation of method bodies (see eval.go):
// each entry point (a main method, or a method that builds operators and is
// not called from another analysed job) is evaluated in source order, and
// calls of methods in the tree are inlined. Receivers are typed from the
// DataStream API's return types and from declared types, so calls that look
// like operators on other types (java.util.stream, Optional, builders with
// their own uid method) are not operators.
//
// # Statefulness
//
// Built-in operators follow docs/flink-internals.md §5 (flinkapi.go, state.go). User
// function classes in the tree are stateful when they, or a base class in
// the tree, implement CheckpointedFunction-style interfaces or call state
// and timer APIs; lambdas are stateless. Classes outside the tree are looked
// up in an embedded catalog of connectors and library functions
// (catalog.json), which a user's configuration extends with [AddCatalog];
// anything else is unknown.
//
// # Jobs
//
// A job is one entry point's evaluation; a method that creates several
// environments yields one job per environment. An operator created in a
// shared helper appears in every job that calls it, operators created in
// exclusive branches are marked so ([Operator.Exclusive]), and one created
// in a loop is marked InLoop. Job.Complete reports whether the graph was
// fully understood, the precondition for predicting auto-generated
// OperatorIDs (docs/flink-internals.md §1.3) from Inputs, partitioning, parallelism and
// chaining hints. Jobs whose entry point is a test (Job.Test) are left out
// unless settings.IncludeTests is set: every command reads this one model,
// so they agree on which jobs exist.
package pipeline

import (
	"context"
	"fmt"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
	"github.com/uidcheck/uidcheck/analyzer/internal/slab"
	"github.com/uidcheck/uidcheck/analyzer/javasyntax"
	"github.com/uidcheck/uidcheck/analyzer/settings"
)

// Analyzer is the base analyzer: it parses the Java files once and builds
// the pipeline model. It reports what keeps a file from being fully read
// (invalid UTF-8, a file too large to parse, syntax errors), under the
// syntax pseudo-rule, and nothing else.
var Analyzer = &analysis.Analyzer{
	Name:             "pipeline",
	Doc:              "parse the Java files and build the Flink DataStream pipeline model shared by all rules",
	URL:              "https://github.com/uidcheck/uidcheck/blob/main/docs/rules.md#syntax",
	Requires:         []*analysis.Analyzer{settings.Analyzer},
	ResultType:       reflect.TypeFor[*Model](),
	RunDespiteErrors: true,
	Run:              run,
}

// Of returns the model computed for pass, whose analyzer must require
// Analyzer.
func Of(pass *analysis.Pass) *Model {
	m, _ := pass.ResultOf[Analyzer].(*Model)
	return m
}

func run(pass *analysis.Pass) (any, error) {
	s := settings.Of(pass)
	ctx := s.Context
	if ctx == nil {
		ctx = context.Background()
	}
	syn, problems, err := javasyntax.Scan(ctx, pass.OtherFiles, pass.ReadFile, s.MaxParseSize, s.States)
	if err != nil {
		return nil, err
	}
	tfs := tokenFiles(pass.Fset)
	for _, p := range problems {
		if tf := tfs[p.File]; tf != nil {
			pass.Report(analysis.Diagnostic{Pos: tf.Pos(min(p.Off, tf.Size())), Category: p.Category, Message: p.Msg})
		}
	}
	m, broken, err := Build(syn, tfs, s)
	if err != nil {
		return nil, err
	}
	for _, f := range broken {
		reportSyntax(pass, tfs[f.Name], f)
	}
	return m, nil
}

// tokenFiles maps the names of a FileSet's files to their token.File.
func tokenFiles(fset *token.FileSet) map[string]*token.File {
	m := map[string]*token.File{}
	fset.Iterate(func(f *token.File) bool {
		m[f.Name()] = f
		return true
	})
	return m
}

// reportSyntax reports the syntax errors of a parsed file.
func reportSyntax(pass *analysis.Pass, tf *token.File, f *javasyntax.File) {
	if tf == nil {
		return
	}
	for _, e := range f.Errors {
		end := max(e.End, e.Off)
		d := analysis.Diagnostic{
			Pos:      tf.Pos(min(e.Off, tf.Size())),
			End:      tf.Pos(min(end, tf.Size())),
			Category: javasyntax.Category,
			Message:  fmt.Sprintf("syntax error: %s; the rest of the file is still analysed", e.Msg),
		}
		if e.Limit {
			d.Category, d.Message = javasyntax.CategoryTooDeep, e.Msg
		}
		pass.Report(d)
	}
}

// methodKey identifies a method across parses of its file.
type methodKey struct {
	file string
	off  int
}

func keyOf(m *javasyntax.Method) methodKey { return methodKey{m.Class.File.Name, m.Off} }

// evaluated is one entry point's evaluation.
type evaluated struct {
	job     *Job
	root    methodKey
	main    bool
	inlined map[methodKey]bool
}

// Build builds the model, parsing the pending files through syn; tfs maps
// file names to their token.File for positions, and cat tells what
// classes outside the tree do. Jobs whose entry point is a test are left
// out unless includeTests is set. It also returns the files that have
// syntax errors, with only their names and errors, for the caller to report.
func Build(syn *javasyntax.Sources, tfs map[string]*token.File, s *settings.Settings) (*Model, []*javasyntax.File, error) {
	perFile := make([][]evaluated, len(syn.Pending))
	broken := make([]*javasyntax.File, len(syn.Pending))
	directives := make([][]javasyntax.Directive, len(syn.Pending))
	var arenas sync.Pool // one per parse worker at a time
	err := syn.Parse(func(i int, f *javasyntax.File) {
		a, _ := arenas.Get().(*arena)
		if a == nil {
			a = new(arena)
		}
		defer func() {
			a.reset()
			arenas.Put(a)
		}()
		if len(f.Errors) > 0 {
			// Only the errors of a broken file are kept, not its syntax.
			broken[i] = &javasyntax.File{Name: f.Name, Errors: f.Errors}
		}
		if len(f.Directives) > 0 {
			directives[i] = f.Directives
		}
		// Each file gets its own index: its caches refer to the file's
		// classes, which must be freed once the file is evaluated.
		ix := &index{
			syn:         syn,
			tfs:         tfs,
			catalog:     s.Catalog,
			inferStates: s.States,
			states:      map[*javasyntax.Class]stateVerdict{},
			mutable:     map[*javasyntax.Class]map[string]mutation{},
			flink:       map[*javasyntax.File]bool{},
			supers:      map[*javasyntax.File][]*javasyntax.Class{},
			arena:       a,
		}
		perFile[i] = ix.evaluateAll(f)
	})
	if err != nil {
		return nil, nil, err
	}
	model := &Model{Files: syn.Kept(), Directives: map[string][]javasyntax.Directive{}}
	for i, ds := range directives {
		if ds != nil {
			model.Directives[syn.Pending[i]] = ds
		}
	}
	model.Jobs = jobsOf(perFile, s.IncludeTests)
	for _, job := range model.Jobs {
		model.Operators = append(model.Operators, job.Operators...)
	}
	var withErrors []*javasyntax.File
	for _, f := range broken {
		if f != nil {
			withErrors = append(withErrors, f)
		}
	}
	return model, withErrors, nil
}

// jobsOf picks the jobs among the evaluations of every file's entry
// points, and finishes them.
func jobsOf(perFile [][]evaluated, includeTests bool) []*Job {
	// A method that builds operators but is called from another job's
	// evaluation is a helper, not a job of its own. Calls from tests count
	// too: a helper reached only from tests is part of test jobs.
	calledFromJob := map[methodKey]bool{}
	for _, evs := range perFile {
		for _, ev := range evs {
			if len(ev.job.Operators) == 0 {
				continue
			}
			for m := range ev.inlined {
				calledFromJob[m] = true
			}
		}
	}
	var jobs []*Job
	for _, evs := range perFile {
		for _, ev := range evs {
			if len(ev.job.Operators) == 0 || (!ev.main && calledFromJob[ev.root]) || (ev.job.Test && !includeTests) {
				continue
			}
			for _, job := range splitByEnv(ev.job) {
				job.Test = ev.job.Test
				finish(job)
				jobs = append(jobs, job)
			}
		}
	}
	return jobs
}

// evaluateAll evaluates the entry points of a file, stopping early when the
// run is interrupted (Parse then returns the error).
func (ix *index) evaluateAll(f *javasyntax.File) []evaluated {
	var out []evaluated
	for _, m := range entryPoints(f) {
		if ix.syn.Err() != nil {
			break
		}
		out = append(out, ix.evaluate(m))
	}
	return out
}

// evaluate runs one entry point as a job.
func (ix *index) evaluate(m *javasyntax.Method) evaluated {
	job := &Job{Name: m.Class.Qualified + "#" + m.Name, File: m.Class.File.Name, Test: isTest(m)}
	if tf := ix.tfs[m.Class.File.Name]; tf != nil {
		job.Pos = tf.Pos(m.Off)
	}
	e := &evaluator{
		a: ix, job: job,
		fieldVals:   map[*javasyntax.Field]*value{},
		objFields:   map[objField]*value{},
		typedFields: map[*javasyntax.Field]*value{},
		staticInit:  map[*javasyntax.Class]bool{},
		inlined:     map[methodKey]bool{},
		fieldEval:   map[*javasyntax.Field]bool{},
	}
	var this *value
	if !m.Static {
		this = &value{kind: vObject, cls: m.Class}
	}
	e.runMethod(m, this, nil)
	return evaluated{job: job, root: keyOf(m), main: isMain(m), inlined: e.inlined}
}

// splitByEnv splits an evaluation that built graphs on several
// environments into one job per environment, named "Class#method",
// "Class#method[2]", …, and copies each environment's settings to its job.
// Operators whose environment is unknown stay with the first job.
func splitByEnv(job *Job) []*Job {
	var order []*envInfo
	byEnv := map[*envInfo]*Job{}
	for _, op := range job.Operators {
		if op.env != nil && byEnv[op.env] == nil {
			order = append(order, op.env)
			byEnv[op.env] = &Job{File: job.File, Pos: job.Pos, Gaps: job.Gaps}
		}
	}
	if len(order) <= 1 {
		if len(order) == 1 {
			copyEnv(job, order[0])
		}
		return []*Job{job}
	}
	out := make([]*Job, len(order))
	for i, env := range order {
		j := byEnv[env]
		j.Name = job.Name
		if i > 0 {
			j.Name = fmt.Sprintf("%s[%d]", job.Name, i+1)
		}
		copyEnv(j, env)
		out[i] = j
	}
	for _, op := range job.Operators {
		j := out[0]
		if op.env != nil {
			j = byEnv[op.env]
		}
		op.Job = j
		j.Operators = append(j.Operators, op)
	}
	return out
}

func copyEnv(job *Job, env *envInfo) {
	job.Parallelism, job.MaxParallelism = env.parallelism, env.maxParallelism
	job.ChainingDisabled, job.AutoUIDsDisabled = env.chainingDisabled, env.autoUIDsDisabled
}

// finish derives what depends on the whole job: Sink V2 part uids and
// completeness.
func finish(job *Job) {
	for _, op := range job.Operators {
		for i := range op.Parts {
			if op.UID.State != UIDResolved {
				continue
			}
			u := op.UID.Value
			switch op.Parts[i].Name {
			case flinkapi.PartWriter:
				op.Parts[i].UID = u
			case flinkapi.PartCommitter:
				op.Parts[i].UID = "Sink Committer: " + u
			case flinkapi.PartGlobalCommitter:
				op.Parts[i].UID = "Sink " + u + " Global Committer"
			}
		}
	}
	sort.Strings(job.Gaps)
	job.Complete = len(job.Gaps) == 0
}

func isMain(m *javasyntax.Method) bool {
	return m.Name == "main" && m.Static && len(m.Params) == 1 && strings.HasPrefix(m.Params[0].Type, "String")
}

// isTest reports whether an entry point is a test rather than a job that
// is deployed: a JUnit 4/5 or TestNG test or lifecycle method, or any
// method of a class named like a test (*Test, *Tests, *ITCase, *TestBase)
// or nested in one. A main method is a job wherever it is declared: many
// projects keep runnable examples under src/test/java.
func isTest(m *javasyntax.Method) bool {
	if isMain(m) {
		return false
	}
	for _, a := range m.Annotations {
		if flinkapi.TestAnnotations[a] {
			return true
		}
	}
	// Under a test source root only main methods are jobs (examples): any
	// other entry point is test code, reached from tests that may not be
	// evaluated themselves (a test naming no stream type calls a helper).
	return testClass(m.Class) || inTestSources(m.Class.File.Name)
}

// inTestSources reports whether a file lies under a Maven or Gradle test
// source root (src/test/...).
func inTestSources(name string) bool {
	name = filepath.ToSlash(name)
	return strings.HasPrefix(name, "src/test/") || strings.Contains(name, "/src/test/")
}

// entryPoints lists the methods of a file evaluated as possible jobs: main
// methods first, then methods whose bodies call DataStream API names. A
// private method runs only when code of its file calls it: one nothing
// calls is dead code and is left out, and the methods that call one are
// entry points too, since they give it its arguments (a test passing the
// function a private runTest applies).
func entryPoints(f *javasyntax.File) []*javasyntax.Method {
	var mains, others, all []*javasyntax.Method
	private := false
	var visit func(c *javasyntax.Class)
	visit = func(c *javasyntax.Class) {
		for _, m := range c.Methods {
			if m.Body != nil {
				all = append(all, m)
			}
			switch {
			case m.Body == nil:
			case isMain(m):
				mains = append(mains, m)
			case mentionsPipeline(m.Body):
				others = append(others, m)
				private = private || m.Private
			}
		}
		for _, in := range c.Inner {
			visit(in)
		}
	}
	for _, c := range f.Classes {
		visit(c)
	}
	if !private {
		return append(mains, others...)
	}
	return append(mains, privateClosure(f, all, mains, others)...)
}

// privateClosure drops the private methods among others that no code of
// the file names, and adds the methods that call the remaining private
// ones, transitively.
func privateClosure(f *javasyntax.File, all, mains, others []*javasyntax.Method) []*javasyntax.Method {
	calls := make(map[*javasyntax.Method]map[string]bool, len(all))
	called := calledNames(f)
	for _, m := range all {
		calls[m] = map[string]bool{}
		walkStmts(m.Body, func(x javasyntax.Expr) { noteCalled(x, calls[m], nil) })
	}
	in := map[*javasyntax.Method]bool{}
	for _, m := range mains {
		in[m] = true
	}
	var kept, queue []*javasyntax.Method
	for _, m := range others {
		if m.Private && !called[m.Name] {
			continue
		}
		in[m] = true
		kept = append(kept, m)
		if m.Private {
			queue = append(queue, m)
		}
	}
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		for _, k := range all {
			if !in[k] && k != m && calls[k][m.Name] {
				in[k] = true
				kept = append(kept, k)
				if k.Private {
					queue = append(queue, k)
				}
			}
		}
	}
	return kept
}

// calledNames lists the method names a file calls or refers to (x::name),
// in method bodies, field initialisers and anonymous classes.
func calledNames(f *javasyntax.File) map[string]bool {
	out := map[string]bool{}
	var visit func(c *javasyntax.Class)
	note := func(x javasyntax.Expr) { noteCalled(x, out, visit) }
	visit = func(c *javasyntax.Class) {
		for _, m := range c.Methods {
			walkStmts(m.Body, note)
		}
		for _, fd := range c.Fields {
			walkExpr(fd.Init, note)
		}
		for _, in := range c.Inner {
			visit(in)
		}
	}
	for _, c := range f.Classes {
		visit(c)
	}
	return out
}

// noteCalled records the method x calls or refers to; anonymous class
// bodies are passed to anon when it is set.
func noteCalled(x javasyntax.Expr, out map[string]bool, anon func(*javasyntax.Class)) {
	switch x := x.(type) {
	case *javasyntax.Call:
		out[x.Name] = true
	case *javasyntax.MethodRef:
		out[x.Name] = true
	case *javasyntax.New:
		if x.Body != nil && anon != nil {
			anon(x.Body)
		}
	}
}

func mentionsPipeline(body []javasyntax.Stmt) bool {
	found := false
	walkStmts(body, func(x javasyntax.Expr) {
		if c, ok := x.(*javasyntax.Call); ok && !found {
			found = flinkapi.BuildsPipeline(c.Name)
		}
	})
	return found
}

// index answers name lookups over the parsed files for the evaluation of
// one file's entry points, by one goroutine.
type index struct {
	syn     *javasyntax.Sources
	tfs     map[string]*token.File
	catalog *flinkapi.Catalog
	arena   *arena
	states  map[*javasyntax.Class]stateVerdict
	mutable map[*javasyntax.Class]map[string]mutation
	flink   map[*javasyntax.File]bool
	// inferStates records each operator's state descriptors (settings.States).
	inferStates bool
	// fnStates memoises the states each user function class registers.
	fnStates map[*javasyntax.Class]*OperatorStates
	supers   map[*javasyntax.File][]*javasyntax.Class
}

// arena holds the evaluation's values and argument lists, which die with
// the file's evaluation: no operator or job refers to them. An arena passes
// from one file's evaluation to the next, so that the values, most of the
// bytes the evaluation allocates, reuse memory instead of feeding the
// collector (on 10,000 generated jobs, about 3% of instructions and more of
// the collector's time on two cores).
type arena struct {
	values slab.Slab[value]
	lists  slab.Slab[*value]
}

// reset ends the life of the values of the file just evaluated.
func (a *arena) reset() {
	a.values.Reset()
	a.lists.Reset()
}

// flinkFile reports whether a file uses Flink: only there do simple type
// names such as DataStream mean Flink's types.
func (ix *index) flinkFile(f *javasyntax.File) bool {
	if f == nil {
		return false
	}
	if v, ok := ix.flink[f]; ok {
		return v
	}
	v := strings.HasPrefix(f.Package, "org.apache.flink")
	for _, imp := range f.Imports {
		if strings.Contains(imp, "org.apache.flink") {
			v = true
			break
		}
	}
	ix.flink[f] = v
	return v
}

// class resolves a type name as written in file to a class of the tree,
// as Java does: classes of the file itself, then a qualified name, a
// single-type import, the file's own package, and on-demand imports.
func (ix *index) class(typ string, file *javasyntax.File) *javasyntax.Class {
	return ix.resolve(typ, file, false)
}

// eagerClass is class restricted to files that pass the pre-filter: the
// classes whose methods may be inlined as pipeline-building helpers.
func (ix *index) eagerClass(typ string, file *javasyntax.File) *javasyntax.Class {
	return ix.resolve(typ, file, true)
}

func (ix *index) resolve(typ string, file *javasyntax.File, eagerOnly bool) *javasyntax.Class {
	if c := ix.resolveDeclared(typ, file, eagerOnly); c != nil {
		return c
	}
	if strings.ContainsAny(typ, ".<") || file == nil {
		return nil
	}
	// A member class inherited from a superclass in the tree, named
	// without import (class Job extends Base { … new Tokenizer() … }).
	for _, sup := range ix.supersOf(file) {
		for _, in := range sup.Inner {
			if in.Name == typ && (!eagerOnly || ix.syn.Eager(in.File.Name)) {
				return in
			}
		}
	}
	return nil
}

// supersOf lists the superclasses in the tree, declared in other files, of
// the classes file declares; memoised per file.
func (ix *index) supersOf(file *javasyntax.File) []*javasyntax.Class {
	if s, ok := ix.supers[file]; ok {
		return s
	}
	var out []*javasyntax.Class
	var visit func(cs []*javasyntax.Class)
	visit = func(cs []*javasyntax.Class) {
		for _, c := range cs {
			for k, depth := c, 0; k != nil && k.Super != "" && depth < 20; depth++ {
				sup := ix.resolveDeclared(k.Super, k.File, false)
				if sup == nil || sup.File == file || slices.Contains(out, sup) {
					break
				}
				out = append(out, sup)
				k = sup
			}
			visit(c.Inner)
		}
	}
	ix.supers[file] = nil // a cyclic lookup finds none
	visit(file.Classes)
	ix.supers[file] = out
	return out
}

// resolveDeclared is resolve without inherited member classes.
func (ix *index) resolveDeclared(typ string, file *javasyntax.File, eagerOnly bool) *javasyntax.Class {
	typ, _, _ = strings.Cut(typ, "<")
	simple := simpleName(typ)
	if simple == "" {
		return nil
	}
	if strings.Contains(typ, ".") {
		return ix.qualified(typ, file, eagerOnly)
	}
	if c := inFile(file, simple); c != nil {
		return c
	}
	if file == nil {
		return first(ix.syn.Classes(simple, nil, eagerOnly))
	}
	for _, imp := range file.Imports {
		if strings.HasSuffix(imp, "."+simple) && !strings.HasPrefix(imp, "static ") {
			return ix.qualified(imp, nil, eagerOnly)
		}
	}
	pkgs := []string{file.Package}
	for _, imp := range file.Imports {
		if p, ok := strings.CutSuffix(imp, ".*"); ok && !strings.HasPrefix(imp, "static ") {
			pkgs = append(pkgs, p)
		}
	}
	return first(ix.syn.Classes(simple, pkgs, eagerOnly))
}

// qualified resolves "pkg.Name" or "pkg.Outer.Name" (or "Outer.Name"
// written in file).
func (ix *index) qualified(typ string, file *javasyntax.File, eagerOnly bool) *javasyntax.Class {
	i := strings.LastIndexByte(typ, '.')
	qual, simple := typ[:i], typ[i+1:]
	last := simpleName(qual)
	if last != "" && last[0] >= 'A' && last[0] <= 'Z' {
		// A nested class: resolve the outer class, then look inside.
		if outer := ix.resolve(qual, file, eagerOnly); outer != nil {
			for _, in := range outer.Inner {
				if in.Name == simple {
					return in
				}
			}
		}
		return nil
	}
	return first(ix.syn.Classes(simple, []string{qual}, eagerOnly))
}

func first(cs []*javasyntax.Class) *javasyntax.Class {
	for _, c := range cs {
		if c.Outer == nil {
			return c
		}
	}
	if len(cs) > 0 {
		return cs[0]
	}
	return nil
}

// inFile finds a class declared in file by simple name, nested or not.
func inFile(file *javasyntax.File, name string) *javasyntax.Class {
	if file == nil {
		return nil
	}
	return findClass(file.Classes, name)
}

// findClass searches classes and their nested classes depth first, the
// last declared first.
func findClass(classes []*javasyntax.Class, name string) *javasyntax.Class {
	for _, c := range slices.Backward(classes) {
		if c.Name == name {
			return c
		}
		if found := findClass(c.Inner, name); found != nil {
			return found
		}
	}
	return nil
}

// field finds a field by name in c, its superclasses in the tree and its
// enclosing classes, returning the class that declares it.
func (ix *index) field(c *javasyntax.Class, name string) (*javasyntax.Field, *javasyntax.Class) {
	for outer := c; outer != nil; outer = outer.Outer {
		seen := 0
		for k := outer; k != nil && seen < 20; seen++ {
			for _, f := range k.Fields {
				if f.Name == name {
					return f, k
				}
			}
			for _, i := range k.Interfaces {
				if ic := ix.class(i, k.File); ic != nil {
					for _, f := range ic.Fields {
						if f.Name == name {
							return f, ic
						}
					}
				}
			}
			k = ix.class(k.Super, k.File)
		}
	}
	return nil, nil
}

// staticImport resolves a name brought in by `import static X.NAME` or
// `import static X.*`.
func (ix *index) staticImport(file *javasyntax.File, name string) *javasyntax.Field {
	for _, imp := range file.Imports {
		rest, ok := strings.CutPrefix(imp, "static ")
		if !ok {
			continue
		}
		i := strings.LastIndexByte(rest, '.')
		if i < 0 || (rest[i+1:] != name && rest[i+1:] != "*") {
			continue
		}
		if cls := ix.class(rest[:i], file); cls != nil {
			if f, _ := ix.field(cls, name); f != nil {
				return f
			}
		}
	}
	return nil
}

// staticMethod resolves an unqualified call through `import static X.name`
// or `import static X.*`, among pipeline files.
func (ix *index) staticMethod(file *javasyntax.File, name string, arity int) *javasyntax.Method {
	for _, imp := range file.Imports {
		rest, ok := strings.CutPrefix(imp, "static ")
		if !ok {
			continue
		}
		i := strings.LastIndexByte(rest, '.')
		if i < 0 || (rest[i+1:] != name && rest[i+1:] != "*") {
			continue
		}
		if cls := ix.eagerClass(rest[:i], file); cls != nil {
			if m := ix.methodIn(cls, name, arity); m != nil && m.Static {
				return m
			}
		}
	}
	return nil
}

// inlinable reports whether methods of c are followed as helpers.
func (ix *index) inlinable(c *javasyntax.Class) bool {
	return c != nil && c.File != nil && ix.syn.Eager(c.File.Name)
}

// method finds a method declared in c by name and arity.
func (ix *index) method(c *javasyntax.Class, name string, arity int) *javasyntax.Method {
	var vararg *javasyntax.Method
	for _, m := range c.Methods {
		if m.Name != name {
			continue
		}
		if len(m.Params) == arity {
			return m
		}
		if n := len(m.Params); n > 0 && strings.HasSuffix(m.Params[n-1].Type, "[]") && arity >= n-1 {
			vararg = m
		}
	}
	return vararg
}

// constructor finds a constructor of c by arity; instance and static
// initialiser blocks, lowered under the same name, are not constructors.
func (ix *index) constructor(c *javasyntax.Class, arity int) *javasyntax.Method {
	for _, m := range c.Methods {
		if m.Constructor && len(m.Params) == arity {
			return m
		}
	}
	for _, m := range c.Methods {
		if m.Constructor && len(m.Params) > 0 && strings.HasSuffix(m.Params[len(m.Params)-1].Type, "[]") && arity >= len(m.Params)-1 {
			return m
		}
	}
	return nil
}

// override finds the instance method that overrides base's method name in
// sub, a subclass of base, or in a class between them; nil when sub does
// not extend base.
func (ix *index) override(sub, base *javasyntax.Class, name string, arity int) *javasyntax.Method {
	var found *javasyntax.Method
	for k, depth := sub, 0; k != nil && depth < 20; depth++ {
		if k == base {
			return found
		}
		if m := ix.method(k, name, arity); m != nil && !m.Static && found == nil {
			found = m
		}
		k = ix.class(k.Super, k.File)
	}
	return nil
}

// soleImplementation finds the one body an abstract method has in the
// main sources, when its receiver's class is not known (a library's
// definition object made outside the tree): the named subclasses of its
// class, not tests, that implement it in a file that can build part of a
// pipeline. Nil when there is none or more than one.
func (ix *index) soleImplementation(m *javasyntax.Method) *javasyntax.Method {
	var found *javasyntax.Method
	queue := []*javasyntax.Class{m.Class}
	seen := map[*javasyntax.Class]bool{m.Class: true}
	for len(queue) > 0 && len(seen) < 64 {
		c := queue[0]
		queue = queue[1:]
		for _, sub := range ix.syn.Subclasses(c.Name, false) {
			// The file being evaluated and a copy parsed on demand hold
			// different Class values: compare by qualified name.
			if sup := ix.class(sub.Super, sub.File); seen[sub] || testClass(sub) || sup == nil || sup.Qualified != c.Qualified {
				continue
			}
			seen[sub] = true
			queue = append(queue, sub)
			if impl := ix.method(sub, m.Name, len(m.Params)); impl != nil && impl.Body != nil && !impl.Static && ix.inlinable(sub) {
				if found != nil && found != impl {
					return nil
				}
				found = impl
			}
		}
	}
	return found
}

// testClass reports whether c, or a class enclosing it, is named as a test.
func testClass(c *javasyntax.Class) bool {
	for ; c != nil; c = c.Outer {
		for _, suffix := range flinkapi.TestClassSuffixes {
			if strings.HasSuffix(c.Name, suffix) {
				return true
			}
		}
	}
	return false
}

// methodIn finds a method callable from c: c, its superclasses in the tree,
// then its enclosing classes.
func (ix *index) methodIn(c *javasyntax.Class, name string, arity int) *javasyntax.Method {
	for outer := c; outer != nil; outer = outer.Outer {
		seen := 0
		for k := outer; k != nil && seen < 20; seen++ {
			if m := ix.method(k, name, arity); m != nil {
				return m
			}
			k = ix.class(k.Super, k.File)
		}
	}
	return nil
}

// mutation is how a field is written outside constructors and
// initialisers.
type mutation uint8

const (
	notMutated mutation = iota
	// mutConfigured: assigned values that do not differ per run, as
	// setters, fluent builder methods, presets and configure steps do
	// (a parameter, a constant, System.getenv, a Properties value). The
	// field holds configuration: the same on every submission that sets
	// it the same way.
	mutConfigured
	// mutRuntime: incremented, compound-assigned, assigned a value that
	// accumulates its own (seq = seq + 1), or one that differs per run (a
	// random number, the time, a UUID): the job changes it while it builds
	// the graph, or on every run.
	mutRuntime
)

// mutated returns how each of c's fields written outside constructors and
// initialisers is written.
func (ix *index) mutated(c *javasyntax.Class) map[string]mutation {
	if m, ok := ix.mutable[c]; ok {
		return m
	}
	out := map[string]mutation{}
	for _, m := range c.Methods {
		if m.Constructor || m.Name == "<init>" {
			continue
		}
		locals := map[string]bool{}
		for _, p := range m.Params {
			locals[p.Name] = true
		}
		walkStmtsDecl(m.Body, locals)
		walkStmts(m.Body, func(x javasyntax.Expr) {
			if name, how := fieldWrite(x, locals); name != "" {
				out[name] = max(out[name], how)
			}
		})
	}
	ix.mutable[c] = out
	return out
}

// fieldWrite returns the field x writes, if it writes one, and how.
// locals holds the method's locals and parameters, which shadow fields.
func fieldWrite(x javasyntax.Expr, locals map[string]bool) (string, mutation) {
	var target javasyntax.Expr
	how := mutRuntime
	switch x := x.(type) {
	case *javasyntax.Assign:
		target = x.L
	case *javasyntax.Unary:
		if x.Op == "++" || x.Op == "--" {
			target = x.X
		}
	}
	var name string
	switch t := target.(type) {
	case *javasyntax.Ident:
		if locals[t.Name] {
			return "", notMutated
		}
		name = t.Name
	case *javasyntax.FieldAccess:
		if _, ok := t.X.(*javasyntax.This); !ok {
			return "", notMutated
		}
		name = t.Name
	default:
		return "", notMutated
	}
	if a, ok := x.(*javasyntax.Assign); ok && a.Op == "=" && !perRun(a.R, name, locals) {
		how = mutConfigured
	}
	return name, how
}

// perRun reports whether x, assigned to field, differs per run or
// accumulates: it calls something random or timed, counts, or is
// computed from field's own value (seq = seq + 1; a default passed to a
// getter, settings.getProperty(k, field), is not). locals shadow the field.
func perRun(x javasyntax.Expr, field string, locals map[string]bool) bool {
	found := false
	self := func(x javasyntax.Expr) bool {
		switch x := x.(type) {
		case *javasyntax.Ident:
			return x.Name == field && !locals[field]
		case *javasyntax.FieldAccess:
			_, this := x.X.(*javasyntax.This)
			return this && x.Name == field
		}
		return false
	}
	walkExpr(x, func(x javasyntax.Expr) {
		switch x := x.(type) {
		case *javasyntax.Binary:
			found = found || self(x.L) || self(x.R)
		case *javasyntax.Call:
			_, random := flinkapi.UnstableCalls[x.Name]
			found = found || random
		case *javasyntax.Unary:
			found = found || x.Op == "++" || x.Op == "--"
		case *javasyntax.New:
			found = found || flinkapi.PerRunTypes[simpleName(x.Type)]
		}
	})
	return found || self(x)
}

// walkStmtsDecl records the names of locals declared in body.
func walkStmtsDecl(body []javasyntax.Stmt, out map[string]bool) {
	for _, s := range body {
		switch s := s.(type) {
		case *javasyntax.LocalVar:
			out[s.Name] = true
		case *javasyntax.If:
			walkStmtsDecl(s.Then, out)
			walkStmtsDecl(s.Else, out)
		case *javasyntax.Loop:
			walkStmtsDecl(s.Init, out)
			if s.Var != "" {
				out[s.Var] = true
			}
			walkStmtsDecl(s.Body, out)
		case *javasyntax.Block:
			walkStmtsDecl(s.Body, out)
		}
	}
}
