package pipeline

import (
	"bytes"
	"slices"
	"strings"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
	"github.com/uidcheck/uidcheck/analyzer/javasyntax"
)

// sourceState decides the statefulness of a source created on an environment
// (docs/flink-internals.md §5).
func (e *evaluator) sourceState(call string, args []*value) (Stateful, string) {
	switch call {
	case "fromSource":
		reason := "a FLIP-27 source keeps its splits in operator state (SourceReaderState) and enumerator state"
		if len(args) > 0 {
			if entry, ok := e.a.lookupCatalogValue(e.built(args[0])); ok && entry.Role == "source" {
				reason = entry.Reason
			}
		}
		return StatefulYes, reason
	case "addSource":
		if len(args) == 0 {
			return StatefulUnknown, "source function could not be traced"
		}
		return e.functionState(args[0])
	case "createInput":
		if len(args) > 0 {
			return e.inputFormatState(args[0])
		}
	}
	row, _ := e.a.catalog.EnvSource(call)
	return methodState(row, call)
}

// inputFormatState decides a createInput source by its format's kind, as
// StreamExecutionEnvironment.createInput does: a FileInputFormat is read by
// the file monitoring function and reader, which keep pending splits; any
// other format runs in an InputFormatSourceFunction, which registers none.
func (e *evaluator) inputFormatState(v *value) (Stateful, string) {
	if b := e.built(v); b.className != "" {
		v = b // the class a builder chain's finish() or build() makes
	}
	name := simpleName(v.className)
	for c, depth := e.classOf(v), 0; c != nil && depth < 20; depth++ {
		name = simpleName(c.Super)
		if c.Super == "" && implementsAny(e.a, c, "InputFormat") {
			name = "InputFormat"
		}
		c = e.a.class(c.Super, c.File)
	}
	switch {
	case flinkapi.FileInputFormats[name]:
		return StatefulYes, "createInput of a FileInputFormat keeps pending splits in operator state"
	case flinkapi.NonFileInputFormats[name]:
		return StatefulNo, "createInput of " + name + ", not a FileInputFormat, runs an InputFormatSourceFunction, which keeps no state"
	}
	return StatefulUnknown, "createInput source state depends on its input format"
}

// sinkState decides the statefulness of a sink, and its Sink V2 parts.
func (e *evaluator) sinkState(call string, args []*value) (Stateful, string, []Part) {
	switch call {
	case "print", "printToErr":
		return StatefulNo, "print sink keeps no state", nil
	case "writeAsText", "writeAsCsv", "writeUsingOutputFormat", "writeToSocket":
		return StatefulNo, call + " keeps no state", nil
	case "addSink":
		if len(args) == 0 {
			return StatefulUnknown, "sink function could not be traced", nil
		}
		s, r := e.functionState(args[0])
		return s, r, nil
	}
	// sinkTo: a Sink V2 expands into writer, committer and global committer.
	if len(args) == 0 {
		return StatefulUnknown, "sink could not be traced", []Part{{Name: flinkapi.PartWriter}}
	}
	if alts := e.alts[args[0]]; len(alts) > 0 {
		var parts []Part
		s, r := e.alternatives(args[0], alts, func(v *value) (Stateful, string) {
			s, r, p := e.sinkState(call, []*value{v})
			if len(p) > len(parts) {
				parts = p
			}
			return s, r
		})
		return s, r, parts
	}
	v := e.built(args[0])
	if alts := e.alts[v]; len(alts) > 0 && v != args[0] {
		return e.sinkState(call, []*value{v})
	}
	if cls := e.sinkClass(v); cls != nil {
		if s, r, parts, ok := e.sinkV2State(cls); ok {
			return s, r, parts
		}
		if _, ok := e.a.lookupCatalogValue(v); !ok {
			s, r := e.a.classState(cls)
			return s, r, []Part{{Name: flinkapi.PartWriter}}
		}
	}
	if entry, ok := e.a.lookupCatalogValue(v); ok {
		var parts []Part
		for _, p := range entry.Parts {
			parts = append(parts, Part{Name: p})
		}
		if len(parts) == 0 {
			parts = []Part{{Name: flinkapi.PartWriter}}
		}
		return statefulOf(entry), entry.Reason, parts
	}
	if v.className != "" {
		return StatefulUnknown, "sink " + simpleName(v.className) + " is not in the analysed sources or the catalog", []Part{{Name: flinkapi.PartWriter}}
	}
	return StatefulUnknown, "sink could not be traced", []Part{{Name: flinkapi.PartWriter}}
}

// sinkClass finds the class of a sink value in the analysed tree: the
// class itself, or what the build() method of an in-tree builder returns
// (KafkaSink.builder()...build() when analysing a connector's own code).
func (e *evaluator) sinkClass(v *value) *javasyntax.Class {
	if e.classOf(v) != nil {
		return v.cls
	}
	if v.className == "" {
		return nil
	}
	cls := e.a.class(v.className, e.top().file)
	if cls == nil {
		// The type may have been named in another file (the return type
		// of an in-tree builder() method), out of this file's imports.
		cls = e.a.class(v.className, nil)
	}
	if cls == nil || implementsAny(e.a, cls, "Sink") {
		return cls
	}
	for _, m := range cls.Methods {
		if m.Name == "build" && len(m.Params) == 0 && !m.Static {
			if built := e.a.class(m.ReturnType, cls.File); built != nil {
				return built
			}
		}
	}
	return cls
}

// sinkV2State judges an in-tree Sink V2 class by the interfaces it
// implements: a stateful writer or a committer puts state into savepoints.
// ok is false for classes that are not Sink V2 sinks.
func (e *evaluator) sinkV2State(cls *javasyntax.Class) (s Stateful, reason string, parts []Part, ok bool) {
	parts = []Part{{Name: flinkapi.PartWriter}}
	committer := implementsAny(e.a, cls, "TwoPhaseCommittingSink", "SupportsCommitter", "TwoPhaseCommittingStatefulSink")
	if committer {
		parts = append(parts, Part{Name: flinkapi.PartCommitter})
	}
	if s, reason, ok := sinkV1State(cls); ok {
		return s, reason, parts, true
	}
	switch {
	case implementsAny(e.a, cls, "StatefulSink", "TwoPhaseCommittingStatefulSink", "SupportsWriterState"):
		return StatefulYes, "sink " + cls.Name + " keeps writer state", parts, true
	case committer:
		return StatefulYes, "sink " + cls.Name + " keeps pending committables in the committer", parts, true
	case implementsAny(e.a, cls, "Sink"):
		s, r := e.a.classState(cls)
		if s == StatefulUnknown {
			s, r = StatefulNo, "sink "+cls.Name+" has neither writer state nor a committer"
		}
		return s, r, parts, true
	}
	return StatefulUnknown, "", nil, false
}

// sinkV1State judges a sink written against the first Sink API
// (org.apache.flink.api.connector.sink.Sink<In, CommT, WriterStateT,
// GlobalCommT>, Flink 1.12-1.14): it keeps writer state or committables
// unless those type arguments are Void. ok is false for other classes.
func sinkV1State(cls *javasyntax.Class) (Stateful, string, bool) {
	if cls.File == nil || !slices.Contains(cls.File.Imports, "org.apache.flink.api.connector.sink.Sink") {
		return StatefulUnknown, "", false
	}
	for _, t := range cls.InterfaceTexts {
		rest, ok := strings.CutPrefix(t, "Sink<")
		if !ok {
			continue
		}
		args := splitTypeArgs(strings.TrimSuffix(rest, ">"))
		if len(args) != 4 {
			continue
		}
		if args[1] != "Void" || args[2] != "Void" {
			return StatefulYes, "sink " + cls.Name + " (Sink API of Flink 1.12-1.14) keeps writer state or committables", true
		}
		return StatefulNo, "sink " + cls.Name + " (Sink API of Flink 1.12-1.14) has Void writer state and committables", true
	}
	return StatefulUnknown, "", false
}

// splitTypeArgs splits a type argument list at its top-level commas.
func splitTypeArgs(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '<':
			depth++
		case '>':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// functionState decides whether a user function value makes its operator
// stateful.
func (e *evaluator) functionState(v *value) (Stateful, string) {
	if alts := e.alts[v]; len(alts) > 0 {
		return e.alternatives(v, alts, e.functionState)
	}
	if b := e.built(v); b != v {
		return e.functionState(b) // a builder chain's alternatives are judged there
	}
	switch {
	case v.kind == vFunc:
		return StatefulNo, "lambdas and method references keep no state"
	case e.classOf(v) != nil:
		s, r := e.a.classState(v.cls)
		if s == StatefulNo && v.wrapped != nil && e.a.extendsAny(v.cls, flinkapi.UDFOperatorBases) {
			if ws, wr := e.functionState(v.wrapped); ws != StatefulNo {
				return ws, wr
			}
		}
		return s, r
	case v.className != "":
		name := simpleName(v.className)
		if entry, ok := e.a.lookupCatalogValue(v); ok {
			if flinkapi.GeneratorSources[entry.Class] && v.wrapped != nil {
				s, r := e.functionState(v.wrapped)
				return s, name + " keeps its generator's state: " + r
			}
			return statefulOf(entry), entry.Reason
		}
		if flinkapi.StatelessBases[name] {
			return StatefulNo, name + " keeps no state"
		}
		return StatefulUnknown, "function class " + name + " is not in the analysed sources"
	}
	return StatefulUnknown, "the function could not be traced to a class"
}

// alternatives judges a value a factory returned together with the others
// it may return instead: stateful when one of them is, unknown when one
// cannot be decided, stateless only when none keeps state.
func (e *evaluator) alternatives(v *value, alts []*value, judge func(*value) (Stateful, string)) (Stateful, string) {
	saved := e.alts
	e.alts = nil // each alternative is judged on its own
	defer func() { e.alts = saved }()
	s, r := judge(v)
	for _, a := range alts {
		as, ar := judge(a)
		switch {
		case as == StatefulYes && s != StatefulYes:
			s, r = as, ar+" (one of the classes the factory may return)"
		case as == StatefulUnknown && s == StatefulNo:
			s, r = as, ar
		}
	}
	return s, r
}

func implementsAny(ix *index, c *javasyntax.Class, names ...string) bool {
	for depth := 0; c != nil && depth < 20; depth++ {
		for _, i := range c.Interfaces {
			for _, n := range names {
				if simpleName(i) == n {
					return true
				}
			}
		}
		c = ix.class(c.Super, c.File)
	}
	return false
}

// extendsAny reports whether c's hierarchy reaches a base class outside the
// tree with one of the given simple names.
func (ix *index) extendsAny(c *javasyntax.Class, names map[string]bool) bool {
	for depth := 0; c != nil && depth < 20; depth++ {
		if names[simpleName(c.Super)] {
			return true
		}
		c = ix.class(c.Super, c.File)
	}
	return false
}

type stateVerdict struct {
	s      Stateful
	reason string
}

// classState decides statefulness of a user function class through its
// hierarchy in the tree, memoised per class.
func (ix *index) classState(c *javasyntax.Class) (Stateful, string) {
	return ix.classStateVisiting(c, map[*javasyntax.Class]bool{})
}

func (ix *index) classStateVisiting(c *javasyntax.Class, visiting map[*javasyntax.Class]bool) (Stateful, string) {
	if v, ok := ix.states[c]; ok {
		return v.s, v.reason
	}
	if visiting[c] {
		return StatefulUnknown, "cyclic class hierarchy"
	}
	visiting[c] = true
	s, r := ix.classStateUncached(c, visiting)
	ix.states[c] = stateVerdict{s, r}
	return s, r
}

func (ix *index) classStateUncached(c *javasyntax.Class, visiting map[*javasyntax.Class]bool) (Stateful, string) {
	if op := ix.createdOperator(c); op != nil && op != c {
		return ix.classStateVisiting(op, visiting)
	}
	name := c.Name
	if name == "" {
		name = "anonymous " + simpleName(c.Super)
	}
	uses := c.StateUses
	for _, i := range c.Interfaces {
		if simpleName(i) == "CheckpointedFunction" && ix.initializesNothing(c) {
			uses = nil // the only use found is initializeState's declaration
			continue
		}
		if flinkapi.StateInterfaces[simpleName(i)] {
			return StatefulYes, name + " implements " + simpleName(i)
		}
	}
	if len(uses) > 0 {
		api := uses[0].API
		if strings.HasPrefix(api, "register") {
			return StatefulYes, name + " registers timers (" + api + ")"
		}
		return StatefulYes, name + " uses state (" + api + ")"
	}
	if c.Super == "" {
		return StatefulNo, name + " uses no state or timers"
	}
	if sup := ix.class(c.Super, c.File); sup != nil && sup != c {
		s, r := ix.classStateVisiting(sup, visiting)
		if s == StatefulNo {
			return StatefulNo, name + " uses no state or timers"
		}
		return s, r
	}
	superName := simpleName(c.Super)
	if entry, ok := ix.lookupCatalog(superName); ok {
		return statefulOf(entry), entry.Reason
	}
	if flinkapi.StatelessBases[superName] {
		return StatefulNo, name + " uses no state or timers"
	}
	return StatefulUnknown, "base class " + superName + " of " + name + " is not in the analysed sources"
}

// initializesNothing reports whether a CheckpointedFunction registers no
// state: its own initializeState has an empty body and its class uses no
// state API elsewhere. Flink then writes an empty savepoint entry for it,
// as for a function without state (a sink that only flushes on snapshot).
func (ix *index) initializesNothing(c *javasyntax.Class) bool {
	m := ix.method(c, "initializeState", 1)
	if m == nil || c.File == nil {
		return false
	}
	for _, u := range c.StateUses {
		if u.Off != m.Off {
			return false
		}
	}
	return emptyBody(c.File.Src, m.Off)
}

// emptyBody reports whether the method declared at off has a body that
// holds nothing but white space and comments.
func emptyBody(src []byte, off int) bool {
	open := bytes.IndexByte(src[off:], '{')
	if open < 0 {
		return false
	}
	rest := src[off+open+1:]
	for {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		switch {
		case bytes.HasPrefix(rest, []byte("//")):
			nl := bytes.IndexByte(rest, '\n')
			if nl < 0 {
				return false
			}
			rest = rest[nl+1:]
		case bytes.HasPrefix(rest, []byte("/*")):
			end := bytes.Index(rest, []byte("*/"))
			if end < 0 {
				return false
			}
			rest = rest[end+2:]
		default:
			return len(rest) > 0 && rest[0] == '}'
		}
	}
}

// built returns the value a builder chain stands for when it is judged
// (InventorySource.builder().table("t").build()): an object of the class
// the chain's last call returns, typed by the declared return types of the
// chain's methods in the tree, or the class named by the `new` its last
// method returns. Other values, and chains through code outside the tree,
// are returned as they are: the catalog decides those by the chain's
// origin.
func (e *evaluator) built(v *value) *value {
	if v.chain == nil {
		return v
	}
	cls, name := e.chainType(v, 0)
	switch {
	case cls != nil:
		if cls.Abstract || cls.Kind == javasyntax.KindInterface {
			if made := e.builtAlternatives(v); made != nil {
				return made
			}
		}
		return &value{kind: vObject, cls: cls, className: cls.Name}
	case name != "":
		return &value{className: name}
	}
	if c, ok := v.expr.(*javasyntax.Call); ok && getterName(c.Name) {
		return unknown // a generated getter's field: its class is not known
	}
	return v
}

// builtAlternatives handles a chain whose last method is declared to return
// an abstract type and returns one of several classes (a build() that makes
// a transactional sink for exactly-once and a plain one otherwise): the
// first class it makes, with the others as alternatives (see runMethod).
// Nil when the method makes fewer than two classes of the tree.
func (e *evaluator) builtAlternatives(v *value) *value {
	c, ok := v.expr.(*javasyntax.Call)
	if !ok {
		return nil
	}
	recv, _ := e.chainType(v.chain, 1)
	if recv == nil {
		return nil
	}
	m := e.a.methodIn(recv, c.Name, len(c.Args))
	if m == nil {
		return nil
	}
	var made []*value
	seen := map[*javasyntax.Class]bool{}
	walkReturns(m.Body, func(x javasyntax.Expr) {
		n, ok := x.(*javasyntax.New)
		if !ok || n.Body != nil {
			return
		}
		if cls := e.a.class(n.Type, m.Class.File); cls != nil && !seen[cls] {
			seen[cls] = true
			made = append(made, &value{kind: vObject, cls: cls, className: cls.Name})
		}
	})
	if len(made) < 2 {
		return nil
	}
	if e.alts == nil {
		e.alts = map[*value][]*value{}
	}
	e.alts[made[0]] = made[1:]
	return made[0]
}

// chainType types the value a chain of calls produces: the class of the
// tree it is an object of, or else the simple name of a class outside the
// tree that its last method instantiates.
func (e *evaluator) chainType(v *value, depth int) (*javasyntax.Class, string) {
	c, ok := v.expr.(*javasyntax.Call)
	if v.chain == nil || !ok || depth > maxChain {
		if v.kind == vObject || v.kind == vClassRef {
			return e.classOf(v), ""
		}
		return nil, ""
	}
	recv, _ := e.chainType(v.chain, depth+1)
	if recv == nil {
		return nil, ""
	}
	m := e.a.methodIn(recv, c.Name, len(c.Args))
	if m == nil {
		if c.Name != "build" && recv.Super != "" && !getterName(c.Name) {
			// A setter inherited from a base builder outside the tree
			// returns the builder.
			return recv, ""
		}
		return nil, ""
	}
	ret := e.a.class(m.ReturnType, m.Class.File)
	if ret == nil && typeVariable(m.ReturnType) && c.Name != "build" {
		// A setter of a self-typed base builder (B extends Builder<B>)
		// returns the builder it is called on.
		return recv, ""
	}
	if ret != nil && ret.Kind != javasyntax.KindInterface && ret != recv {
		return ret, ""
	}
	if ret == recv && m.Name != "build" {
		return ret, "" // a fluent setter
	}
	// The declared type is an interface, a base outside the tree, or the
	// builder itself: what the method instantiates says more.
	made := returnedNew(m.Body)
	if made == "" {
		return ret, simpleName(m.ReturnType)
	}
	if cls := e.a.class(made, m.Class.File); cls != nil {
		return cls, ""
	}
	return nil, simpleName(made)
}

// getterName reports whether name reads as a getter (getX, isX): one the
// source does not declare is generated (Lombok's @Getter) and returns a
// field, not the builder.
func getterName(name string) bool {
	for _, p := range []string{"get", "is"} {
		if rest, ok := strings.CutPrefix(name, p); ok && rest != "" && rest[0] >= 'A' && rest[0] <= 'Z' {
			return true
		}
	}
	return false
}

// typeVariable reports whether a declared type reads as a type variable:
// one or two capitals (B, T, SELF's shorter kin), not a class name.
func typeVariable(typ string) bool {
	if typ == "" || len(typ) > 2 {
		return false
	}
	for _, r := range typ {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// maxChain bounds the calls of a builder chain that are typed.
const maxChain = 64

// returnedNew is the type a method body returns with `return new T(…)`,
// the first such return; "" when it returns nothing so written.
func returnedNew(body []javasyntax.Stmt) string {
	for _, st := range body {
		var inner [][]javasyntax.Stmt
		switch st := st.(type) {
		case *javasyntax.Return:
			if n, ok := st.X.(*javasyntax.New); ok && n.Body == nil {
				return n.Type
			}
		case *javasyntax.If:
			inner = [][]javasyntax.Stmt{st.Then, st.Else}
		case *javasyntax.Block:
			inner = [][]javasyntax.Stmt{st.Body}
		case *javasyntax.Loop:
			inner = [][]javasyntax.Stmt{st.Body}
		}
		for _, b := range inner {
			if t := returnedNew(b); t != "" {
				return t
			}
		}
	}
	return ""
}

// createdOperator is the operator class an operator factory of the tree
// creates: what its createStreamOperator returns (new X(…), or a local
// holding one), else the class its getStreamOperatorClass names. It is
// nil for classes that are not operator factories, or when not found.
func (ix *index) createdOperator(c *javasyntax.Class) *javasyntax.Class {
	if !ix.extendsAny(c, flinkapi.OperatorFactoryBases) && !implementsAny(ix, c, "StreamOperatorFactory", "OneInputStreamOperatorFactory", "TwoInputStreamOperatorFactory") {
		return nil
	}
	if m := ix.methodIn(c, "createStreamOperator", 1); m != nil {
		if t := returnedType(m.Body); t != "" {
			if op := ix.class(t, m.Class.File); op != nil {
				return op
			}
		}
	}
	if m := ix.methodIn(c, "getStreamOperatorClass", 1); m != nil {
		for _, st := range m.Body {
			if r, ok := st.(*javasyntax.Return); ok {
				if lit, ok := r.X.(*javasyntax.ClassLit); ok {
					return ix.class(lit.Type, m.Class.File)
				}
			}
		}
	}
	return nil
}

// returnedType is the class a method body returns: the T of `return new
// T(…)`, or of a local `T x = new T(…)` it returns.
func returnedType(body []javasyntax.Stmt) string {
	if t := returnedNew(body); t != "" {
		return t
	}
	locals := map[string]string{}
	for _, st := range body {
		switch st := st.(type) {
		case *javasyntax.LocalVar:
			if n, ok := st.Init.(*javasyntax.New); ok && n.Body == nil {
				locals[st.Name] = n.Type
			} else if st.Type != "var" {
				locals[st.Name] = st.Type
			}
		case *javasyntax.Return:
			if id, ok := st.X.(*javasyntax.Ident); ok {
				return locals[id.Name]
			}
		}
	}
	return ""
}
