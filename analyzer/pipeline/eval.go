package pipeline

import (
	"go/token"
	"slices"
	"strconv"
	"strings"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
	"github.com/uidcheck/uidcheck/analyzer/javasyntax"
)

// The evaluator interprets method bodies abstractly, in source order. Values
// are constants (for uids and names), environments, streams (carrying the
// operator a modifier applies to and the inputs the next operator gets),
// objects of classes in the tree, and functions. Calls of methods in the
// tree are inlined with their arguments bound, so helpers, builders and
// lambdas that build pipelines are followed, and an operator made by a
// shared helper belongs to every job that calls it.
//
// Library-style code is followed the same way: constructors run with their
// superclasses' (a base class that creates the environment), an unqualified
// call reaches a subclass's override, fields keep what was set on each
// object for the whole job (one environment in a field is one job), enum
// constants and static initialisers are evaluated where they are used, and
// Flink's transformations are modelled (transform.go). Builder chains on
// classes not followed as helpers are typed when their result is judged
// (built, in state.go).

type vkind uint8

const (
	vUnknown vkind = iota
	vConst
	vEnv
	vStream
	vClassRef
	vObject
	vFunc
)

type value struct {
	kind vkind
	// The flags sit next to kind, in one word: values are allocated by the
	// hundred per file.
	isInt bool // vConst: an integer
	bcast bool // vStream: connected with a BroadcastStream
	keyed bool // vStream
	// isNull marks the null literal (vUnknown otherwise): Flink refuses a
	// null user function, so no operator is made from one.
	isNull bool
	// vConst
	s string
	// unstable is set when the value differs between runs: it names the
	// source (UUID.randomUUID(), a counter).
	unstable string
	// config is set when the value depends on configuration: a parameter
	// of an entry point, a field set by a constructor or a setter,
	// System.getenv, ParameterTool. It is the same on every submission
	// that is given the same configuration.
	config string
	// vStream
	stype string
	// keyType is the key type of a keyed stream, as far as inferred.
	keyType *TypeInfo
	// elem is the type of the stream's elements, and win a windowed
	// stream's configuration; both only for the state check (streamtypes.go).
	elem *TypeInfo
	win  *window
	last *Operator // the operator modifiers apply to; nil for KeyedStream etc.
	ins  []Input   // inputs of an operator consuming this stream
	ins2 []Input   // second input of connected, joined and co-grouped streams
	// vClassRef, vObject
	className string
	cls       *javasyntax.Class
	// factory is "Class.method" of the static call on a class outside the
	// tree that began a builder chain (JdbcSink.sink), for catalog entries
	// that tell one class's factories apart.
	factory string
	// vFunc and values made by `new`: the expression, for statefulness.
	expr  javasyntax.Expr
	lam   *javasyntax.Lambda
	scope *scope
	file  *javasyntax.File
	// def is the frame a lambda was written in (vFunc): its body runs with
	// that frame's class, this and file, wherever it is called from.
	def *frame
	// vEnv: the environment's settings, shared by all values of it.
	env *envInfo
	// wrapped is the first function or object given to a constructor
	// (also one made by a static factory outside the tree): when the class
	// is a custom operator that runs it (a StreamMap subclass), or a source
	// that runs a generator, its state is the operator's.
	wrapped *value
	// chain is the receiver of the call on a class not followed as a
	// helper that made this value (expr is that call): a builder chain,
	// typed by the declared return types only when its result is judged.
	chain *value
}

// envInfo is one StreamExecutionEnvironment of a job's evaluation. A method
// that creates two environments builds two job graphs.
type envInfo struct {
	id                                 int
	parallelism, maxParallelism        int
	chainingDisabled, autoUIDsDisabled bool
}

var unknown = &value{}

// scope holds the locals of one block, method or lambda, each name once. A
// block declares few, so searching a list is cheaper than building a map;
// scopes are made by the thousand per file.
type scope struct {
	names  []string
	vals   []*value
	parent *scope
}

func newScope(parent *scope) *scope { return &scope{parent: parent} }

// index returns the position of name in s's own list, or -1.
func (s *scope) index(name string) int { return slices.Index(s.names, name) }

// define binds name in s itself, replacing an earlier binding there.
func (s *scope) define(name string, v *value) {
	if i := s.index(name); i >= 0 {
		s.vals[i] = v
		return
	}
	s.names = append(s.names, name)
	s.vals = append(s.vals, v)
}

func (s *scope) lookup(name string) (*value, bool) {
	for ; s != nil; s = s.parent {
		if i := s.index(name); i >= 0 {
			return s.vals[i], true
		}
	}
	return nil, false
}

func (s *scope) set(name string, v *value) bool {
	for ; s != nil; s = s.parent {
		if i := s.index(name); i >= 0 {
			s.vals[i] = v
			return true
		}
	}
	return false
}

// objField is one object's instance field.
type objField struct {
	obj *value
	f   *javasyntax.Field
}

// frame is one method activation.
type frame struct {
	method *javasyntax.Method
	cls    *javasyntax.Class
	file   *javasyntax.File
	this   *value
	// reassigned names locals written after their declaration: they are not
	// effectively final, so their constant value is not used.
	reassigned map[string]bool
	ret        *value
	// rets holds every object or function the method may return: a
	// factory that picks its class from configuration returns one of them.
	rets []*value
}

// Limits on inlining keep evaluation linear in practice: deep or recursive
// helper chains are cut off (and make the job incomplete).
const (
	maxInlineDepth = 8
	maxCallsPerJob = 20000
)

type evaluator struct {
	a      *index
	job    *Job
	frames []*frame
	calls  int
	loops  int
	branch []branchStep
	nextID int
	// fieldVals holds values assigned to fields during this job's
	// evaluation, on any object; objFields those assigned to the instance
	// fields of one object (enum constants, two builders of one class).
	fieldVals map[*javasyntax.Field]*value
	objFields map[objField]*value
	// typedFields holds what fields neither set nor initialised were
	// taken to be from their declared type (an environment from outside).
	typedFields map[*javasyntax.Field]*value
	// staticInit records the classes whose static initialisers ran.
	staticInit map[*javasyntax.Class]bool
	// inlined records methods evaluated as callees, so they are not also
	// reported as entry points of their own.
	inlined map[methodKey]bool
	// fieldEval guards against cyclic field initialisers.
	fieldEval map[*javasyntax.Field]bool
	// envs counts the environments created in this evaluation.
	envs int
	// alts holds, for an object a factory returned, the other objects its
	// other returns give (see runMethod).
	alts map[*value][]*value
	// valueArgs is positive while the arguments of uid, name and similar
	// calls are evaluated.
	valueArgs int
	// via is the stack of call sites of inlined helpers; callPos is the
	// position of the call being evaluated.
	via     []token.Pos
	callPos token.Pos
}

func (e *evaluator) top() *frame { return e.frames[len(e.frames)-1] }

// newValue allocates v from the file's arena of values.
func (e *evaluator) newValue(v value) *value {
	p := e.a.arena.values.New()
	*p = v
	return p
}

// newEnv returns a fresh environment value; kind is "" for DataStream V1,
// "v2" for Flink 2.x's DataStream V2.
func (e *evaluator) newEnv(kind string) *value {
	e.envs++
	return e.newValue(value{kind: vEnv, stype: kind, env: &envInfo{id: e.envs}})
}

func (e *evaluator) gap(reason string) {
	if slices.Contains(e.job.Gaps, reason) {
		return
	}
	e.job.Gaps = append(e.job.Gaps, reason)
}

// runMethod evaluates a method body with bound parameters and returns what
// it returns.
func (e *evaluator) runMethod(m *javasyntax.Method, this *value, args []*value) *value {
	f := &frame{method: m, cls: m.Class, file: m.Class.File, this: this, reassigned: map[string]bool{}}
	collectReassigned(m.Body, f.reassigned)
	sc := newScope(nil)
	for i, p := range m.Params {
		var v *value
		if i < len(args) {
			v = args[i]
		} else {
			v = e.typed(p.Type, f.file)
		}
		if v.kind == vUnknown {
			if t := e.typed(p.Type, f.file); t.kind != vUnknown {
				v = t
			}
		}
		if i >= len(args) && v.kind == vUnknown {
			// An entry point's parameter: the caller, outside the tree,
			// configures it.
			v = e.newValue(value{config: "the parameter " + p.Name})
		}
		sc.define(p.Name, v)
	}
	e.frames = append(e.frames, f)
	e.stmts(m.Body, sc)
	e.frames = e.frames[:len(e.frames)-1]
	e.noteAlternatives(f)
	if f.ret == nil {
		if m.ReturnType != "" && m.ReturnType != "void" {
			return e.typed(m.ReturnType, f.file)
		}
		return unknown
	}
	return f.ret
}

// noteAlternatives records the other objects a method with several returns
// may give instead of the one it is taken to return (its last): a factory
// that switches on configuration returns any of them, and the operator made
// from its result is judged by all (alternatives in state.go).
func (e *evaluator) noteAlternatives(f *frame) {
	if f.ret == nil || len(f.rets) < 2 {
		return
	}
	var alts []*value
	for _, r := range f.rets {
		if r != f.ret && !slices.Contains(alts, r) {
			alts = append(alts, r)
		}
	}
	if len(alts) == 0 {
		return
	}
	if e.alts == nil {
		e.alts = map[*value][]*value{}
	}
	e.alts[f.ret] = append(e.alts[f.ret], alts...)
}

func (e *evaluator) stmts(list []javasyntax.Stmt, sc *scope) {
	for _, s := range list {
		e.stmt(s, sc)
	}
}

func (e *evaluator) stmt(s javasyntax.Stmt, sc *scope) {
	switch s := s.(type) {
	case *javasyntax.LocalVar:
		var v *value
		if s.Init != nil {
			v = e.eval(s.Init, sc)
		}
		if v == nil || v.kind == vUnknown {
			t := e.typed(s.Type, e.top().file)
			if v != nil && t.kind == vUnknown {
				t = v // keep an unknown value's instability
			}
			v = t
		}
		if v.kind == vConst && !s.Final && e.top().reassigned[s.Name] {
			v = derived(v)
		}
		sc.define(s.Name, v)
	case *javasyntax.ExprStmt:
		if s.X != nil {
			e.eval(s.X, sc)
		}
	case *javasyntax.Return:
		if s.X == nil {
			return
		}
		v := e.eval(s.X, sc)
		f := e.top()
		if f.ret == nil || f.ret.kind == vUnknown || v.kind != vUnknown {
			f.ret = v
		}
		if v.kind == vObject || v.kind == vFunc || v.chain != nil {
			f.rets = append(f.rets, v)
		}
	case *javasyntax.If:
		if s.Cond != nil {
			e.eval(s.Cond, sc)
		}
		switch e.nullCheck(s.Cond, sc) {
		case "== null": // already set: the lazy initialisation does not run
			e.stmts(s.Else, newScope(sc))
			return
		case "!= null":
			e.stmts(s.Then, newScope(sc))
			return
		}
		id := e.nextID
		e.nextID++
		e.branch = append(e.branch, branchStep{id: id, side: 0})
		e.stmts(s.Then, newScope(sc))
		e.branch[len(e.branch)-1].side = 1
		e.stmts(s.Else, newScope(sc))
		e.branch = e.branch[:len(e.branch)-1]
	case *javasyntax.Loop:
		e.loop(s, sc)
	case *javasyntax.Block:
		e.stmts(s.Body, newScope(sc))
	}
}

// nullCheck returns "== null" or "!= null" for a condition that compares
// with null a field this job's evaluation has already set to an
// environment, stream, object or function: the condition's outcome is then
// known, as in a getter that creates a stream on first use. It returns ""
// otherwise.
func (e *evaluator) nullCheck(cond javasyntax.Expr, sc *scope) string {
	b, ok := cond.(*javasyntax.Binary)
	if !ok || b.Op != "==" && b.Op != "!=" {
		return ""
	}
	x := b.L
	if l, ok := x.(*javasyntax.Lit); ok && l.Kind == javasyntax.LitNull {
		x = b.R
	} else if r, ok := b.R.(*javasyntax.Lit); !ok || r.Kind != javasyntax.LitNull {
		return ""
	}
	var name string
	switch x := x.(type) {
	case *javasyntax.Ident:
		if _, local := sc.lookup(x.Name); local {
			return ""
		}
		name = x.Name
	case *javasyntax.FieldAccess:
		if _, ok := x.X.(*javasyntax.This); !ok {
			return ""
		}
		name = x.Name
	default:
		return ""
	}
	f, _ := e.a.field(e.top().cls, name)
	if f == nil {
		return ""
	}
	v, ok := e.objFields[objField{e.top().this, f}]
	if !ok {
		v, ok = e.fieldVals[f]
	}
	if !ok || v.kind != vEnv && v.kind != vStream && v.kind != vObject && v.kind != vFunc {
		return ""
	}
	return b.Op + " null"
}

// loop evaluates a loop body once; operators created in it are marked as
// created in a loop.
func (e *evaluator) loop(s *javasyntax.Loop, sc *scope) {
	if consts := e.enumConstants(s, sc); consts != nil {
		e.unroll(s, sc, consts)
		return
	}
	inner := newScope(sc)
	e.stmts(s.Init, inner)
	for i, v := range inner.vals {
		if v.kind == vConst { // a loop counter differs per iteration
			inner.vals[i] = unknown
		}
	}
	if s.Iter != nil {
		e.eval(s.Iter, inner)
	}
	if s.Var != "" {
		inner.define(s.Var, unknown)
	}
	e.loops++
	e.stmts(s.Body, inner)
	for _, u := range s.Update {
		e.eval(u, inner)
	}
	e.loops--
}

// enumConstants returns the constants a loop over E.values() visits, E an
// enum of the tree; nil for other loops.
func (e *evaluator) enumConstants(s *javasyntax.Loop, sc *scope) []*javasyntax.Field {
	c, ok := s.Iter.(*javasyntax.Call)
	if !ok || s.Var == "" || c.Name != "values" || len(c.Args) != 0 || c.Recv == nil {
		return nil
	}
	recv := e.eval(c.Recv, sc)
	if recv.kind != vClassRef || e.classOf(recv) == nil || recv.cls.Kind != javasyntax.KindEnum {
		return nil
	}
	var out []*javasyntax.Field
	for _, f := range recv.cls.Fields {
		if n, ok := f.Init.(*javasyntax.New); ok && f.Static && n.Type == recv.cls.Name {
			out = append(out, f)
		}
	}
	return out
}

// unroll evaluates a loop over an enum's constants once per constant: a
// constant's own lambdas create their operators once, while code shared
// by every iteration creates one operator per constant, marked as created
// in a loop.
func (e *evaluator) unroll(s *javasyntax.Loop, sc *scope, consts []*javasyntax.Field) {
	start := len(e.job.Operators)
	for _, f := range consts {
		inner := newScope(sc)
		inner.define(s.Var, e.fieldValue(f, f.Class, nil))
		e.stmts(s.Body, inner)
	}
	made := e.job.Operators[start:]
	count := make(map[token.Pos]int, len(made))
	for _, op := range made {
		count[op.Pos]++
	}
	for _, op := range made {
		if count[op.Pos] > 1 {
			op.InLoop = true
		}
	}
}

// branches evaluates switch arms as mutually exclusive alternatives.
func (e *evaluator) branches(arms []javasyntax.Expr, sc *scope) {
	id := e.nextID
	e.nextID++
	e.branch = append(e.branch, branchStep{id: id})
	for i, arm := range arms {
		e.branch[len(e.branch)-1].side = i
		if lam, ok := arm.(*javasyntax.Lambda); ok {
			e.stmts(lam.Body, newScope(sc))
			continue
		}
		e.eval(arm, sc)
	}
	e.branch = e.branch[:len(e.branch)-1]
}

//nolint:cyclop,gocognit // one case per expression kind
func (e *evaluator) eval(x javasyntax.Expr, sc *scope) *value {
	switch x := x.(type) {
	case *javasyntax.Lit:
		switch x.Kind {
		case javasyntax.LitString, javasyntax.LitChar:
			return e.newValue(value{kind: vConst, s: x.Value})
		case javasyntax.LitInt:
			if n, err := strconv.ParseInt(strings.TrimRight(strings.ReplaceAll(x.Value, "_", ""), "lL"), 0, 64); err == nil {
				return e.newValue(value{kind: vConst, s: strconv.FormatInt(n, 10), isInt: true})
			}
		case javasyntax.LitBool:
			return e.newValue(value{kind: vConst, s: x.Value})
		case javasyntax.LitNull:
			return e.newValue(value{isNull: true})
		case javasyntax.LitOther:
		}
		return unknown
	case *javasyntax.Ident:
		return e.ident(x.Name, sc)
	case *javasyntax.This:
		if t := e.top().this; t != nil {
			return t
		}
		return e.newValue(value{kind: vObject, cls: e.top().cls})
	case *javasyntax.FieldAccess:
		return e.fieldAccess(x, sc)
	case *javasyntax.Binary:
		l, r := e.eval(x.L, sc), e.eval(x.R, sc)
		return e.binary(x.Op, l, r)
	case *javasyntax.Unary:
		v := e.eval(x.X, sc)
		if x.Op == "++" || x.Op == "--" {
			return e.newValue(value{unstable: "a counter (" + x.Op + ")"})
		}
		if x.Op == "-" && v.kind == vConst && v.isInt {
			return e.newValue(value{kind: vConst, s: "-" + v.s, isInt: true})
		}
		return derived(v)
	case *javasyntax.Cond:
		e.eval(x.C, sc)
		id := e.nextID
		e.nextID++
		e.branch = append(e.branch, branchStep{id: id, side: 0})
		t := e.eval(x.T, sc)
		e.branch[len(e.branch)-1].side = 1
		f := e.eval(x.F, sc)
		e.branch = e.branch[:len(e.branch)-1]
		if t.kind == vStream {
			return t
		}
		if f.kind == vStream {
			return f
		}
		return derived(t, f)
	case *javasyntax.Assign:
		return e.assign(x, sc)
	case *javasyntax.ClassLit:
		return e.newValue(value{kind: vClassRef, className: x.Type, cls: e.a.class(x.Type, e.top().file), expr: x, file: e.top().file})
	case *javasyntax.Lambda:
		return e.newValue(value{kind: vFunc, lam: x, scope: sc, expr: x, file: e.top().file, def: e.top()})
	case *javasyntax.MethodRef:
		return e.newValue(value{kind: vFunc, expr: x})
	case *javasyntax.New:
		return e.newObject(x, sc)
	case *javasyntax.Call:
		return e.call(x, sc)
	case *javasyntax.Opaque:
		var arms []javasyntax.Expr
		var subs []*value
		for _, sub := range x.Sub {
			if lam, ok := sub.(*javasyntax.Lambda); ok && len(lam.Params) == 0 && len(lam.Body) == 1 {
				if b, ok := lam.Body[0].(*javasyntax.Block); ok && b.Branch {
					arms = append(arms, &javasyntax.Lambda{Pos: lam.Pos, Body: b.Body})
					continue
				}
			}
			subs = append(subs, e.eval(sub, sc))
		}
		if len(arms) > 0 {
			e.branches(arms, sc)
		}
		return derived(subs...) // args[0], instanceof, array creation
	}
	return unknown
}

func firstNonEmpty(a ...string) string {
	for _, s := range a {
		if s != "" {
			return s
		}
	}
	return ""
}

// derived is a value computed from vs and not folded to a constant: it
// varies between runs, or with configuration, as they do.
func derived(vs ...*value) *value {
	out := &value{}
	for _, v := range vs {
		out.unstable = firstNonEmpty(out.unstable, v.unstable)
		out.config = firstNonEmpty(out.config, v.config)
	}
	return out
}

func (e *evaluator) binary(op string, l, r *value) *value {
	if op != "+" || l.kind != vConst || r.kind != vConst {
		return derived(l, r)
	}
	if l.isInt && r.isInt {
		a, err1 := strconv.ParseInt(l.s, 10, 64)
		b, err2 := strconv.ParseInt(r.s, 10, 64)
		if err1 == nil && err2 == nil {
			return e.newValue(value{kind: vConst, s: strconv.FormatInt(a+b, 10), isInt: true})
		}
	}
	return e.newValue(value{kind: vConst, s: l.s + r.s})
}

func (e *evaluator) ident(name string, sc *scope) *value {
	if v, ok := sc.lookup(name); ok {
		return v
	}
	if f, cls := e.a.field(e.top().cls, name); f != nil {
		return e.fieldValue(f, cls, e.top().this)
	}
	if imp := e.a.staticImport(e.top().file, name); imp != nil {
		return e.fieldValue(imp, imp.Class, nil)
	}
	if name != "" && name[0] >= 'A' && name[0] <= 'Z' {
		// Resolved among pipeline files only; fieldAccess resolves fully
		// when a constant is read.
		return e.newValue(value{kind: vClassRef, className: name, cls: e.a.eagerClass(name, e.top().file), file: e.top().file})
	}
	return unknown
}

// fieldValue is what reading field f of cls (on obj, when known) gives:
// what obj's field was assigned, else what the field was assigned on any
// object, else its initialiser or declared type. An environment, a stream
// or an object is the same on every read of one job's evaluation: an
// environment in a field, however it was set, builds one job graph.
func (e *evaluator) fieldValue(f *javasyntax.Field, cls *javasyntax.Class, obj *value) *value {
	if obj != nil && !f.Static {
		if v, ok := e.objFields[objField{obj, f}]; ok {
			return v
		}
	}
	if v, ok := e.fieldVals[f]; ok {
		return v
	}
	if f.Static && f.Init == nil && !e.staticInit[cls] {
		// A static final assigned in a static { } block.
		e.staticInit[cls] = true
		for _, m := range cls.Methods {
			if m.Static && m.Name == "<init>" && !m.Constructor {
				e.inline(m, nil, nil)
			}
		}
		if v, ok := e.fieldVals[f]; ok {
			return v
		}
	}
	if v, ok := e.typedFields[f]; ok {
		return v
	}
	v, initialised := e.fieldValueOnce(f, cls)
	if v.kind == vEnv || v.kind == vStream || v.kind == vObject {
		if initialised {
			e.fieldVals[f] = v
		} else {
			e.typedFields[f] = v
		}
	}
	return v
}

// fieldValueOnce computes a field's value from its initialiser
// (initialised is then true), or from its declared type and how it is set.
func (e *evaluator) fieldValueOnce(f *javasyntax.Field, cls *javasyntax.Class) (v *value, initialised bool) {
	if mut := e.a.mutated(cls)[f.Name]; !f.Final && mut != notMutated {
		v := e.typed(f.Type, cls.File)
		switch {
		case v.kind != vUnknown && v.kind != vConst:
			return v, false
		case mut == mutConfigured:
			return e.newValue(value{config: "the field " + f.Name + ", set by " + cls.Name + "'s setters"}), false
		}
		return e.newValue(value{unstable: "the non-final field " + f.Name + ", which is modified at run time"}), false
	}
	if f.Init != nil && !e.fieldEval[f] {
		e.fieldEval[f] = true
		e.frames = append(e.frames, &frame{cls: cls, file: cls.File, reassigned: map[string]bool{}})
		v := e.eval(f.Init, newScope(nil))
		e.frames = e.frames[:len(e.frames)-1]
		delete(e.fieldEval, f)
		if v.kind != vUnknown || v.unstable != "" || v.config != "" {
			return v, true
		}
	}
	v = e.typed(f.Type, cls.File)
	if f.Init == nil && v.kind == vUnknown {
		// Neither initialised nor set during this job: a constructor
		// argument, given by code outside the tree.
		return e.newValue(value{config: "the field " + f.Name + ", set by " + cls.Name + "'s constructor"}), false
	}
	return v, false
}

func (e *evaluator) fieldAccess(x *javasyntax.FieldAccess, sc *scope) *value {
	recv := e.eval(x.X, sc)
	switch recv.kind {
	case vObject, vClassRef:
		if e.classOf(recv) != nil {
			if f, cls := e.a.field(recv.cls, x.Name); f != nil {
				if recv.kind == vObject {
					return e.fieldValue(f, cls, recv)
				}
				return e.fieldValue(f, cls, nil)
			}
			for _, in := range recv.cls.Inner {
				if in.Name == x.Name {
					return e.newValue(value{kind: vClassRef, className: x.Name, cls: in})
				}
			}
		}
	case vUnknown:
		if !isPackageLike(x.X) {
			return derived(recv)
		}
	case vConst, vEnv, vStream, vFunc:
		return unknown
	}
	if x.Name != "" && x.Name[0] >= 'A' && x.Name[0] <= 'Z' && recv.kind != vObject {
		return e.newValue(value{kind: vClassRef, className: e.text(x), cls: e.a.eagerClass(e.text(x), e.top().file), file: e.top().file})
	}
	return unknown
}

// isPackageLike reports whether x is a lower-case dotted name, a package.
func isPackageLike(x javasyntax.Expr) bool {
	for {
		switch v := x.(type) {
		case *javasyntax.Ident:
			return v.Name != "" && v.Name[0] >= 'a' && v.Name[0] <= 'z'
		case *javasyntax.FieldAccess:
			if v.Name == "" || v.Name[0] < 'a' || v.Name[0] > 'z' {
				return false
			}
			x = v.X
		default:
			return false
		}
	}
}

func (e *evaluator) assign(x *javasyntax.Assign, sc *scope) *value {
	v := e.eval(x.R, sc)
	if x.Op != "=" {
		old := e.eval(x.L, sc)
		v = derived(old, v)
	}
	switch l := x.L.(type) {
	case *javasyntax.Ident:
		if sc.set(l.Name, v) {
			return v
		}
		e.setField(e.top().cls, e.top().this, l.Name, v)
	case *javasyntax.FieldAccess:
		if _, ok := l.X.(*javasyntax.This); ok {
			e.setField(e.top().cls, e.top().this, l.Name, v)
		} else if obj := e.eval(l.X, sc); obj.kind == vObject && e.classOf(obj) != nil {
			e.setField(obj.cls, obj, l.Name, v) // job.env = …
		}
	}
	return v
}

// setField assigns field name, found from cls, on obj.
func (e *evaluator) setField(cls *javasyntax.Class, obj *value, name string, v *value) {
	f, _ := e.a.field(cls, name)
	if f == nil {
		return
	}
	e.fieldVals[f] = v
	if obj != nil && !f.Static {
		e.objFields[objField{obj, f}] = v
	}
}

func (e *evaluator) newObject(x *javasyntax.New, sc *scope) *value {
	args := e.args(x.Args, sc)
	file := e.top().file
	if x.Body != nil {
		return e.newValue(value{kind: vObject, cls: x.Body, className: x.Type, expr: x, file: file})
	}
	simple := simpleName(x.Type)
	if flinkapi.TransformationTypes[simple] && e.a.flinkFile(file) {
		if v := e.newTransformation(x, simple, args); v != nil {
			return v
		}
	}
	if flinkapi.PerRunTypes[simple] {
		return e.newValue(value{unstable: "new " + simple + "()"})
	}
	if simple == "String" && len(args) == 1 && args[0].kind == vConst {
		return args[0]
	}
	if flinkapi.EnvTypes[simple] && e.a.flinkFile(file) && e.a.eagerClass(x.Type, file) == nil {
		// new LocalStreamEnvironment(conf) is an environment like the one
		// createLocalEnvironment(conf) returns.
		return e.newEnv("")
	}
	// Only a class in a pipeline file can build part of the job in its
	// constructor. Any other class is resolved when something asks for it
	// (see classOf): most objects a job creates never are, and finding one
	// may parse another file.
	cls := e.a.eagerClass(x.Type, file)
	v := e.newValue(value{kind: vObject, cls: cls, className: x.Type, expr: x, file: file})
	if e.a.inlinable(cls) {
		e.callPos = e.pos(x.Off)
		e.construct(cls, v, args)
	}
	for _, a := range args {
		if a.kind == vFunc || a.kind == vObject || a.factory != "" {
			v.wrapped = a
			break
		}
	}
	return v
}

// construct runs what `new` runs on this: the constructor of cls for args
// and, unless it begins with this(…) or super(…), the no-argument
// constructors of the superclasses in the tree first (a base class that
// creates the environment its subclasses' methods use).
func (e *evaluator) construct(cls *javasyntax.Class, this *value, args []*value) {
	ctor := e.a.constructor(cls, len(args))
	if ctor == nil || !callsConstructor(ctor) {
		if sup := e.a.eagerClass(cls.Super, cls.File); sup != nil && sup != cls && e.a.inlinable(sup) && len(e.frames) <= maxInlineDepth {
			e.construct(sup, this, nil)
		}
	}
	if ctor != nil && ctor.Body != nil {
		e.inline(ctor, this, args)
	}
}

// callsConstructor reports whether a constructor begins with this(…) or
// super(…).
func callsConstructor(m *javasyntax.Method) bool {
	if len(m.Body) == 0 {
		return false
	}
	s, ok := m.Body[0].(*javasyntax.ExprStmt)
	if !ok {
		return false
	}
	c, ok := s.X.(*javasyntax.Call)
	return ok && c.Recv == nil && (c.Name == "super" || c.Name == "this")
}

// classOf returns the class of an object or class reference, resolving it
// on first use.
func (e *evaluator) classOf(v *value) *javasyntax.Class {
	if v.cls == nil && (v.kind == vObject || v.kind == vClassRef) && v.file != nil && v.className != "" {
		v.cls = e.a.class(v.className, v.file)
	}
	return v.cls
}

func (e *evaluator) args(list []javasyntax.Expr, sc *scope) []*value {
	out := e.a.arena.lists.Take(len(list))
	for i, a := range list {
		out[i] = e.eval(a, sc)
	}
	return out
}

// inline evaluates a method of the tree as a callee.
func (e *evaluator) inline(m *javasyntax.Method, this *value, args []*value) *value {
	if m.Body == nil {
		if impl := e.a.soleImplementation(m); impl != nil {
			return e.inline(impl, this, args)
		}
		// An abstract method (a test base's finishSink(builder)) returns
		// an instance of its declared class, or of a subclass, which
		// inherits that class's state interfaces.
		if cls := e.a.class(m.ReturnType, m.Class.File); cls != nil && cls.Kind == javasyntax.KindClass {
			return e.newValue(value{kind: vObject, cls: cls, className: m.ReturnType, file: m.Class.File})
		}
		return e.typed(m.ReturnType, m.Class.File)
	}
	if len(e.frames) > maxInlineDepth || e.calls > maxCallsPerJob {
		e.gap("helper calls nested too deeply to follow at " + m.Class.Qualified + "." + m.Name)
		return e.typed(m.ReturnType, m.Class.File)
	}
	for _, f := range e.frames {
		if f.method == m {
			e.gap("recursive helper " + m.Class.Qualified + "." + m.Name)
			return e.typed(m.ReturnType, m.Class.File)
		}
	}
	e.calls++
	e.inlined[keyOf(m)] = true
	e.via = append(e.via, e.callPos)
	defer func() { e.via = e.via[:len(e.via)-1] }()
	return e.runMethod(m, this, args)
}

// runLambda evaluates a lambda's body, for functional parameters that build
// pipeline parts (Consumer<DataStream<T>>, forEach over topics).
func (e *evaluator) runLambda(fn *value, args []*value, repeated bool) *value {
	if fn.lam == nil || len(e.frames) > maxInlineDepth {
		return unknown
	}
	sc := newScope(fn.scope)
	for i, p := range fn.lam.Params {
		if i < len(args) {
			sc.define(p, args[i])
		} else {
			sc.define(p, unknown)
		}
	}
	if repeated {
		e.loops++
	}
	def := fn.def
	if def == nil {
		def = e.top()
	}
	f := &frame{method: def.method, cls: def.cls, file: def.file, this: def.this, reassigned: def.reassigned}
	collectReassigned(fn.lam.Body, f.reassigned)
	e.frames = append(e.frames, f)
	e.stmts(fn.lam.Body, sc)
	e.frames = e.frames[:len(e.frames)-1]
	if repeated {
		e.loops--
	}
	if f.ret == nil {
		return unknown
	}
	return f.ret
}

// typed returns the value a declared type implies when nothing better is
// known: a stream or environment from outside, or an object of a class in
// the tree.
func (e *evaluator) typed(typ string, file *javasyntax.File) *value {
	simple := simpleName(typ)
	switch {
	case typ == "" || typ == "var":
		return unknown
	case flinkapi.StreamTypes[simple] && e.a.flinkFile(file):
		v := e.newValue(value{kind: vStream, stype: simple, ins: []Input{{Partition: Forward}}, keyed: simple == "KeyedStream"})
		if simple == "KeyedStream" {
			v.ins[0].Partition = Hash
		}
		return v
	case flinkapi.EnvTypes[simple] && e.a.flinkFile(file):
		e.gap("an environment from outside the analysed code")
		return e.newEnv("")
	case simple == tableEnvType && e.a.flinkFile(file):
		return e.newValue(value{kind: vObject, className: tableEnvType})
	case simple == "ExecutionEnvironment" && imports(file, "org.apache.flink.datastream.api"):
		e.gap("an environment from outside the analysed code")
		return e.newEnv("v2")
	}
	if cls := e.a.eagerClass(typ, file); cls != nil {
		return e.newValue(value{kind: vObject, cls: cls, className: typ})
	}
	return unknown
}

// imports reports whether file imports from the package prefix.
func imports(file *javasyntax.File, prefix string) bool {
	if file == nil {
		return false
	}
	for _, imp := range file.Imports {
		if strings.HasPrefix(imp, prefix) {
			return true
		}
	}
	return false
}

func simpleName(t string) string {
	if i := strings.IndexByte(t, '<'); i >= 0 {
		t = t[:i]
	}
	t = strings.TrimSuffix(t, "[]")
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		t = t[i+1:]
	}
	return t
}

// newOperator records an operator created by call on the current job.
func (e *evaluator) newOperator(c *javasyntax.Call, kind Kind, ins ...Input) *Operator {
	op := e.newOperatorAt(c.Name, c.NameOff, c.NameEnd, kind, ins...)
	if tf := e.a.tfs[e.top().file.Name]; tf != nil {
		op.CallEnd = tf.Pos(c.End)
	}
	return op
}

// newOperatorAt records an operator whose creating name (a method, or the
// class of a transformation made with new) spans [off, end) in the current
// file. Its CallEnd is left unset: a .uid("…") can be appended to calls only.
func (e *evaluator) newOperatorAt(name string, off, end int, kind Kind, ins ...Input) *Operator {
	file := e.top().file
	tf := e.a.tfs[file.Name]
	// Strings are cloned: the lowered syntax points into the file's source,
	// which is freed once the file is evaluated, but operators outlive it.
	op := &Operator{Call: strings.Clone(name), Kind: kind, Job: e.job, File: file.Name, Inputs: ins, InLoop: e.loops > 0}
	if tf != nil {
		op.Pos, op.End = tf.Pos(off), tf.Pos(end)
	}
	for _, in := range ins {
		if in.From != nil && in.From.env != nil {
			op.env = in.From.env
			break
		}
	}
	op.branch = append([]branchStep(nil), e.branch...)
	op.Via = append([]token.Pos(nil), e.via...)
	for _, in := range ins {
		if in.From == nil {
			e.gap("a stream from outside the analysed code reaches " + name)
		}
	}
	e.job.Operators = append(e.job.Operators, op)
	return op
}

func (e *evaluator) pos(off int) token.Pos {
	if tf := e.a.tfs[e.top().file.Name]; tf != nil {
		return tf.Pos(off)
	}
	return token.NoPos
}

func (e *evaluator) text(x javasyntax.Expr) string {
	src := e.top().file.Src
	off, end := x.Span()
	if off < 0 || end > len(src) || off > end {
		return ""
	}
	return string(src[off:end])
}

// collectReassigned records local names assigned or incremented in body.
func collectReassigned(body []javasyntax.Stmt, out map[string]bool) {
	walkStmts(body, func(x javasyntax.Expr) {
		switch x := x.(type) {
		case *javasyntax.Assign:
			if id, ok := x.L.(*javasyntax.Ident); ok {
				out[id.Name] = true
			}
		case *javasyntax.Unary:
			if id, ok := x.X.(*javasyntax.Ident); ok && (x.Op == "++" || x.Op == "--") {
				out[id.Name] = true
			}
		}
	})
}

// walkStmts calls fn for every expression in body, including nested ones,
// but not inside anonymous class bodies (those are separate classes).
func walkStmts(body []javasyntax.Stmt, fn func(javasyntax.Expr)) {
	for _, s := range body {
		switch s := s.(type) {
		case *javasyntax.LocalVar:
			walkExpr(s.Init, fn)
		case *javasyntax.ExprStmt:
			walkExpr(s.X, fn)
		case *javasyntax.Return:
			walkExpr(s.X, fn)
		case *javasyntax.If:
			walkExpr(s.Cond, fn)
			walkStmts(s.Then, fn)
			walkStmts(s.Else, fn)
		case *javasyntax.Loop:
			walkStmts(s.Init, fn)
			walkExpr(s.Iter, fn)
			for _, u := range s.Update {
				walkExpr(u, fn)
			}
			walkStmts(s.Body, fn)
		case *javasyntax.Block:
			walkStmts(s.Body, fn)
		}
	}
}

func walkExpr(x javasyntax.Expr, fn func(javasyntax.Expr)) {
	if x == nil {
		return
	}
	fn(x)
	switch x := x.(type) {
	case *javasyntax.Call:
		walkExpr(x.Recv, fn)
		for _, a := range x.Args {
			walkExpr(a, fn)
		}
	case *javasyntax.FieldAccess:
		walkExpr(x.X, fn)
	case *javasyntax.Binary:
		walkExpr(x.L, fn)
		walkExpr(x.R, fn)
	case *javasyntax.Unary:
		walkExpr(x.X, fn)
	case *javasyntax.New:
		for _, a := range x.Args {
			walkExpr(a, fn)
		}
	case *javasyntax.Lambda:
		walkStmts(x.Body, fn)
	case *javasyntax.MethodRef:
		walkExpr(x.X, fn)
	case *javasyntax.Cond:
		walkExpr(x.C, fn)
		walkExpr(x.T, fn)
		walkExpr(x.F, fn)
	case *javasyntax.Assign:
		walkExpr(x.L, fn)
		walkExpr(x.R, fn)
	case *javasyntax.Opaque:
		for _, s := range x.Sub {
			walkExpr(s, fn)
		}
	}
}
