package pipeline

import (
	"strconv"
	"strings"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
	"github.com/uidcheck/uidcheck/analyzer/javasyntax"
)

// site is where an expression is read: its class, and its method (nil for
// a field initialiser).
type site struct {
	cls *javasyntax.Class
	m   *javasyntax.Method
}

func (s site) file() *javasyntax.File { return s.cls.File }

// holder is the variable a descriptor is kept in, whose
// enableTimeToLive calls decide its TTL.
type holder struct {
	name  string
	local *javasyntax.Method // the method declaring the local; nil for a field
	cls   *javasyntax.Class  // the class declaring the field
}

// maxResolve bounds the chain of variables, constants and helper calls
// followed to a descriptor's creation.
const maxResolve = 12

// stmtsOf is the statements of a method as the state check reads them: the
// body, or for a user function's method its StateBody (javasyntax keeps
// user function bodies only when they may register state).
func stmtsOf(m *javasyntax.Method) []javasyntax.Stmt {
	if m.StateBody != nil {
		return m.StateBody
	}
	return m.Body
}

// functionStates infers the states a user function class registers: every
// call of a state getter in its methods and its superclasses' in the tree.
func (ix *index) functionStates(cls *javasyntax.Class) *OperatorStates {
	if st, ok := ix.fnStates[cls]; ok {
		c := *st // each operator gets its own copy: Key is set per operator
		return &c
	}
	out := &OperatorStates{Complete: true}
	defer func() {
		if ix.fnStates == nil {
			ix.fnStates = map[*javasyntax.Class]*OperatorStates{}
		}
		c := *out
		ix.fnStates[cls] = &c
	}()
	incomplete := func(why string) {
		if out.Complete {
			out.Complete, out.Incomplete = false, why
		}
	}
	for k, seen := cls, 0; k != nil && seen < 20; seen++ {
		for _, m := range k.Methods {
			ix.statesIn(site{k, m}, out, incomplete)
		}
		if k.Super == "" {
			break
		}
		sup := ix.class(k.Super, k.File)
		if sup == nil {
			if !flinkapi.FunctionBases[simpleName(k.Super)] && !flinkapi.StatelessBases[simpleName(k.Super)] {
				incomplete("the base class " + k.Super + " is not in the analysed sources")
			}
			break
		}
		k = sup
	}
	return out
}

// statesIn adds the states registered in one method.
func (ix *index) statesIn(s site, out *OperatorStates, incomplete func(string)) {
	params := map[string]string{}
	for _, p := range s.m.Params {
		params[p.Name] = p.Type
	}
	walkStmts(stmtsOf(s.m), func(x javasyntax.Expr) {
		c, ok := x.(*javasyntax.Call)
		if !ok {
			return
		}
		kind, isGetter := flinkapi.StateGetters[c.Name]
		if !isGetter || len(c.Args) != 1 {
			if passesContext(c, params) {
				incomplete("a state context is passed to " + c.Name + ", which may register state the analysis does not follow")
			}
			return
		}
		if kind == StateList && operatorStore(c.Recv, params) {
			kind = StateSplitList
		}
		d := ix.descriptor(c.Args[0], s, kind)
		if tf := ix.tfs[s.file().Name]; tf != nil {
			d.Pos = tf.Pos(c.NameOff)
		}
		if d.Unresolved != "" {
			incomplete(d.Unresolved)
		}
		out.Descriptors = append(out.Descriptors, d)
	})
}

// operatorStore reports whether a getListState receiver is an
// OperatorStateStore: context.getOperatorStateStore(), or a variable or
// parameter declared so.
func operatorStore(recv javasyntax.Expr, params map[string]string) bool {
	switch r := recv.(type) {
	case *javasyntax.Call:
		return r.Name == "getOperatorStateStore"
	case *javasyntax.Ident:
		return simpleName(params[r.Name]) == "OperatorStateStore"
	}
	return false
}

// passesContext reports whether call c hands a runtime context or state
// store to other code (a helper that may register state).
func passesContext(c *javasyntax.Call, params map[string]string) bool {
	for _, a := range c.Args {
		switch a := a.(type) {
		case *javasyntax.Call:
			switch a.Name {
			case "getRuntimeContext", "getKeyedStateStore", "getOperatorStateStore":
				return true
			}
		case *javasyntax.Ident:
			t := simpleName(params[a.Name])
			if strings.HasSuffix(t, "StateStore") || t == "RuntimeContext" || t == "FunctionInitializationContext" {
				return true
			}
		}
	}
	return false
}

// descriptor infers the descriptor x registers as state of kind kind.
func (ix *index) descriptor(x javasyntax.Expr, s site, kind string) StateDescriptor {
	d := StateDescriptor{Kind: kind, TTL: TTLUnknown}
	n, at, h, why := ix.creation(x, s, 0)
	if n == nil {
		d.Unresolved = "the state descriptor " + exprText(s.file(), x) + " could not be traced to its creation: " + why
		return d
	}
	if len(n.Args) == 0 {
		d.Unresolved = "the state descriptor at " + exprText(at.file(), n) + " has no arguments"
		return d
	}
	name, ok := ix.stringConst(n.Args[0], at, 0)
	if !ok {
		d.Unresolved = "the name of the state descriptor " + exprText(at.file(), n) + " is not a constant"
		return d
	}
	d.Name = name
	valueArg := flinkapi.StateDescriptorArgs[simpleName(n.Type)]
	switch {
	case valueArg == 0:
		d.Value = unknownType("descriptor class " + n.Type + " is not a state descriptor the analysis knows")
	case valueArg >= len(n.Args):
		d.Value = unknownType("the descriptor gives no type")
	default:
		d.Value = ix.typeInfoExpr(n.Args[valueArg], at, 0)
	}
	if simpleName(n.Type) == "MapStateDescriptor" && len(n.Args) > 2 {
		d.MapKey = ix.typeInfoExpr(n.Args[1], at, 0)
	}
	d.TTL = ix.ttlOf(h)
	return d
}

// creation follows x through locals, fields, constants and helper methods
// to the `new …StateDescriptor(…)` that creates it, with where that
// expression sits and the variable last holding it.
func (ix *index) creation(x javasyntax.Expr, s site, depth int) (*javasyntax.New, site, *holder, string) {
	if depth > maxResolve {
		return nil, s, nil, "too many indirections"
	}
	switch x := x.(type) {
	case *javasyntax.New:
		if _, ok := flinkapi.StateDescriptorArgs[simpleName(x.Type)]; ok {
			return x, s, nil, ""
		}
		return nil, s, nil, "it creates a " + x.Type
	case *javasyntax.Call:
		def, at, ok := ix.returned(x, s)
		if !ok {
			return nil, s, nil, "it is returned by " + x.Name + ", which is not in the analysed sources"
		}
		return ix.creation(def, at, depth+1)
	}
	def, at, h, why := ix.definition(x, s)
	if def == nil {
		return nil, s, nil, why
	}
	n, at2, h2, why := ix.creation(def, at, depth+1)
	if h2 == nil {
		h2 = h
	}
	return n, at2, h2, why
}

// definition resolves a variable read (a local, a field, a constant of
// another class, a static import) to the expression last assigned to it.
func (ix *index) definition(x javasyntax.Expr, s site) (javasyntax.Expr, site, *holder, string) {
	switch x := x.(type) {
	case *javasyntax.Ident:
		if s.m != nil {
			if def := localDef(stmtsOf(s.m), x.Name); def != nil {
				return def, s, &holder{name: x.Name, local: s.m}, ""
			}
			for _, p := range s.m.Params {
				if p.Name == x.Name {
					return nil, s, nil, "it is the parameter " + p.Name + " of " + methodName(s.m)
				}
			}
		}
		if f, decl := ix.field(s.cls, x.Name); f != nil {
			return ix.fieldDef(f, decl)
		}
		if f := ix.staticImport(s.file(), x.Name); f != nil {
			return ix.fieldDef(f, f.Class)
		}
		return nil, s, nil, x.Name + " is not declared in the analysed sources"
	case *javasyntax.FieldAccess:
		var cls *javasyntax.Class
		switch r := x.X.(type) {
		case *javasyntax.This:
			cls = s.cls
		case *javasyntax.Ident, *javasyntax.FieldAccess:
			cls = ix.class(exprText(s.file(), r), s.file())
		}
		if cls == nil {
			return nil, s, nil, exprText(s.file(), x) + " is not in the analysed sources"
		}
		if f, decl := ix.field(cls, x.Name); f != nil {
			return ix.fieldDef(f, decl)
		}
		return nil, s, nil, "field " + x.Name + " is not declared in " + cls.Name
	}
	return nil, s, nil, "it is computed by an expression the analysis does not follow"
}

func methodName(m *javasyntax.Method) string {
	if m.Constructor {
		return "the constructor of " + m.Class.Name
	}
	return m.Name
}

// fieldDef is the value of a field: its initialiser, or the one value a
// constructor or method of its class assigns to it.
func (ix *index) fieldDef(f *javasyntax.Field, decl *javasyntax.Class) (javasyntax.Expr, site, *holder, string) {
	h := &holder{name: f.Name, cls: decl}
	if f.Init != nil {
		return f.Init, site{cls: decl}, h, ""
	}
	var def javasyntax.Expr
	var at site
	n := 0
	for _, m := range decl.Methods {
		walkStmts(stmtsOf(m), func(x javasyntax.Expr) {
			a, ok := x.(*javasyntax.Assign)
			if !ok || a.Op != "=" || !writesField(a.L, f.Name) {
				return
			}
			n++
			def, at = a.R, site{decl, m}
		})
	}
	switch n {
	case 0:
		return nil, site{cls: decl}, nil, "field " + f.Name + " is never assigned in " + decl.Name
	case 1:
		return def, at, h, ""
	}
	return nil, site{cls: decl}, nil, "field " + f.Name + " is assigned in several places"
}

func writesField(l javasyntax.Expr, name string) bool {
	switch l := l.(type) {
	case *javasyntax.Ident:
		return l.Name == name
	case *javasyntax.FieldAccess:
		_, this := l.X.(*javasyntax.This)
		return this && l.Name == name
	}
	return false
}

// localDef finds the value of a local variable: its initialiser, or the
// last plain assignment to it in body order.
func localDef(body []javasyntax.Stmt, name string) javasyntax.Expr {
	var def javasyntax.Expr
	for _, st := range body {
		switch st := st.(type) {
		case *javasyntax.LocalVar:
			if st.Name == name && st.Init != nil {
				def = st.Init
			}
		case *javasyntax.ExprStmt:
			if a, ok := st.X.(*javasyntax.Assign); ok && a.Op == "=" {
				if id, ok := a.L.(*javasyntax.Ident); ok && id.Name == name {
					def = a.R
				}
			}
		case *javasyntax.Block:
			if d := localDef(st.Body, name); d != nil {
				def = d
			}
		case *javasyntax.If:
			if d := localDef(st.Then, name); d != nil {
				def = d
			}
		}
	}
	return def
}

// returned resolves a helper call in the tree to the expression its method
// returns, when it has a single return.
func (ix *index) returned(c *javasyntax.Call, s site) (javasyntax.Expr, site, bool) {
	var cls *javasyntax.Class
	switch r := c.Recv.(type) {
	case nil, *javasyntax.This:
		cls = s.cls
	case *javasyntax.Ident, *javasyntax.FieldAccess:
		cls = ix.class(exprText(s.file(), r), s.file())
	}
	if cls == nil {
		return nil, s, false
	}
	m := ix.methodIn(cls, c.Name, len(c.Args))
	if m == nil {
		return nil, s, false
	}
	var ret javasyntax.Expr
	n := 0
	walkReturns(stmtsOf(m), func(x javasyntax.Expr) { ret = x; n++ })
	if n != 1 || ret == nil {
		return nil, s, false
	}
	return ret, site{m.Class, m}, true
}

// walkReturns calls fn with the value of each return statement of body,
// not those of lambdas inside it.
func walkReturns(body []javasyntax.Stmt, fn func(javasyntax.Expr)) {
	for _, st := range body {
		switch st := st.(type) {
		case *javasyntax.Return:
			fn(st.X)
		case *javasyntax.If:
			walkReturns(st.Then, fn)
			walkReturns(st.Else, fn)
		case *javasyntax.Loop:
			walkReturns(st.Body, fn)
		case *javasyntax.Block:
			walkReturns(st.Body, fn)
		}
	}
}

// stringConst resolves a descriptor name: a literal, a constant, or a
// concatenation of them.
func (ix *index) stringConst(x javasyntax.Expr, s site, depth int) (string, bool) {
	if depth > maxResolve {
		return "", false
	}
	switch x := x.(type) {
	case *javasyntax.Lit:
		return x.Value, x.Kind != javasyntax.LitNull
	case *javasyntax.Binary:
		if x.Op != "+" {
			return "", false
		}
		l, ok1 := ix.stringConst(x.L, s, depth+1)
		r, ok2 := ix.stringConst(x.R, s, depth+1)
		return l + r, ok1 && ok2
	case *javasyntax.Ident, *javasyntax.FieldAccess:
		def, at, _, _ := ix.definition(x, s)
		if def == nil {
			return "", false
		}
		return ix.stringConst(def, at, depth+1)
	}
	return "", false
}

// ttlOf decides whether the descriptor held by h gets a StateTtlConfig:
// whether h.enableTimeToLive(…) is called where h is visible. A descriptor
// created where it is registered never has one.
func (ix *index) ttlOf(h *holder) TTL {
	if h == nil {
		return TTLOff
	}
	var methods []*javasyntax.Method
	if h.local != nil {
		methods = []*javasyntax.Method{h.local}
	} else {
		methods = h.cls.Methods
	}
	found := false
	for _, m := range methods {
		walkStmts(stmtsOf(m), func(x javasyntax.Expr) {
			if c, ok := x.(*javasyntax.Call); ok && c.Name == "enableTimeToLive" && readsVar(c.Recv, h.name) {
				found = true
			}
		})
	}
	if found {
		return TTLOn
	}
	return TTLOff
}

func readsVar(x javasyntax.Expr, name string) bool {
	switch x := x.(type) {
	case *javasyntax.Ident:
		return x.Name == name
	case *javasyntax.FieldAccess:
		return x.Name == name
	}
	return false
}

// exprText is the source text of x, for messages and type names.
func exprText(f *javasyntax.File, x javasyntax.Expr) string {
	if f == nil || x == nil {
		return ""
	}
	off, end := x.Span()
	if off < 0 || end > len(f.Src) || off > end {
		return ""
	}
	return strings.Join(strings.Fields(string(f.Src[off:end])), " ")
}

// keyType infers the key type of a keyBy call from its selector: a
// KeySelector class or anonymous class (its KEY type argument or getKey's
// return type), a method reference to a getter in the tree, or field
// positions or names (Flink then keys by a Tuple of those fields).
func (ix *index) keyType(c *javasyntax.Call, elem *TypeInfo, s site) *TypeInfo {
	if len(c.Args) == 0 {
		return unknownType("keyBy without a selector")
	}
	fields := 0
	for _, a := range c.Args {
		if l, ok := a.(*javasyntax.Lit); ok && (l.Kind == javasyntax.LitInt || l.Kind == javasyntax.LitString) {
			fields++
		}
	}
	if fields == len(c.Args) {
		out := &TypeInfo{Family: "tuple", Class: flinkapi.TupleClass + strconv.Itoa(fields)}
		for range fields {
			out.Args = append(out.Args, unknownType("the type of a key field chosen by position or name is not inferred"))
		}
		return out
	}
	return ix.selectorKey(c.Args[0], elem, s, 0)
}

func (ix *index) selectorKey(x javasyntax.Expr, elem *TypeInfo, s site, depth int) *TypeInfo {
	if depth > maxResolve {
		return unknownType("too many indirections")
	}
	switch x := x.(type) {
	case *javasyntax.Lambda:
		return ix.lambdaKey(x, elem, s)
	case *javasyntax.MethodRef:
		cls := ix.class(exprText(s.file(), x.X), s.file())
		if cls == nil {
			return unknownType("the key selector " + exprText(s.file(), x) + " is not in the analysed sources")
		}
		if m := ix.methodIn(cls, x.Name, 0); m != nil {
			return ix.typeOf(parseTypeText(m.ReturnTypeText), cls.File, 0)
		}
		return unknownType("method " + x.Name + " is not found in " + cls.Name)
	case *javasyntax.New:
		cls := x.Body
		if cls == nil {
			cls = ix.class(x.Type, s.file())
		}
		if cls == nil {
			return unknownType("the key selector " + x.Type + " is not in the analysed sources")
		}
		return ix.selectorClassKey(cls)
	}
	def, at, _, why := ix.definition(x, s)
	if def == nil {
		return unknownType("the key selector could not be traced: " + why)
	}
	return ix.selectorKey(def, elem, at, depth+1)
}

// selectorClassKey reads a KeySelector class's key type: the second type
// argument of KeySelector, or getKey's declared return type.
func (ix *index) selectorClassKey(cls *javasyntax.Class) *TypeInfo {
	texts := append([]string{cls.SuperText}, cls.InterfaceTexts...)
	for _, text := range texts {
		if t := parseTypeText(text); t != nil && simpleName(t.name) == "KeySelector" && len(t.args) == 2 {
			return ix.typeOf(t.args[1], cls.File, 0)
		}
	}
	for _, m := range cls.Methods {
		if m.Name == "getKey" && len(m.Params) == 1 {
			return ix.typeOf(parseTypeText(m.ReturnTypeText), cls.File, 0)
		}
	}
	return unknownType("the key type of " + cls.Name + " is not written in its declaration")
}

// functionKey reads the key type from a keyed function's type arguments
// (KeyedProcessFunction<K, I, O>, WindowFunction<I, O, K, W> …): Java makes
// it the keyBy key type.
func (ix *index) functionKey(cls *javasyntax.Class) *TypeInfo {
	return ix.baseTypeArg(cls, flinkapi.KeyedFunctionKeyArg)
}

// keyTypeOf infers the key type of the keyBy call c in the current frame,
// on a stream of elem (nil when not known).
func (e *evaluator) keyTypeOf(c *javasyntax.Call, elem *TypeInfo) *TypeInfo {
	fr := e.top()
	if fr.cls == nil {
		return unknownType("keyBy outside a class")
	}
	return e.a.keyType(c, elem, site{fr.cls, fr.method})
}

// functionStates infers the states of an operator whose user function is
// its first argument.
func (e *evaluator) functionStates(op *Operator, args []*value, sv *value) {
	if len(args) > 0 {
		e.inferStates(op, args[0], sv)
	}
}

// inferStates records on op the states its user function fn registers
// (nil for operators without one) and, on a keyed stream sv, the key type.
func (e *evaluator) inferStates(op *Operator, fn, sv *value) {
	if !e.a.inferStates {
		return
	}
	var st *OperatorStates
	switch {
	case fn == nil:
		st = &OperatorStates{Incomplete: "the operator's state is registered by Flink's " + op.Call + " operator, which the state check does not model"}
	case fn.kind == vFunc:
		st = &OperatorStates{Complete: true} // a lambda cannot reach the runtime context
	case e.classOf(fn) != nil:
		st = e.a.functionStates(fn.cls)
	default:
		st = &OperatorStates{Incomplete: "the operator's function is not in the analysed sources"}
	}
	if sv.keyed {
		st.Key = sv.keyType
		if known, _ := st.Key.Known(); !known && fn != nil && fn.cls != nil {
			if k := e.a.functionKey(fn.cls); k != nil {
				st.Key = k
			}
		}
		if st.Key == nil {
			st.Key = unknownType("the keyBy selector could not be traced")
		}
	}
	op.States = st
}
