package pipeline

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
	"github.com/uidcheck/uidcheck/analyzer/javasyntax"
)

// The element type of a stream is followed only for the state check
// (index.inferStates): the states Flink's own operators register hold the
// stream's elements (a window's contents, a keyed reduce's last value), and
// a key selector lambda's key type is computed from them.

// baseTypeArg reads, from cls's hierarchy in the tree, the type argument a
// Flink base names at the position table gives (MapFunction<I, O> → O):
// the first base of the table found among the superclass and interfaces.
func (ix *index) baseTypeArg(cls *javasyntax.Class, table map[string]int) *TypeInfo {
	for k, seen := cls, 0; k != nil && seen < 20; seen++ {
		for _, text := range append([]string{k.SuperText}, k.InterfaceTexts...) {
			t := parseTypeText(text)
			if t == nil {
				continue
			}
			if i, ok := table[simpleName(t.name)]; ok {
				if i < len(t.args) {
					return ix.typeOf(t.args[i], k.File, 0)
				}
				return unknownType(simpleName(t.name) + " without its type arguments in " + k.Name)
			}
		}
		k = ix.class(k.Super, k.File)
	}
	return nil
}

// functionOut is the element type a user function emits: its class's output
// type argument, or what the value says it returns.
func (e *evaluator) functionOut(fn *value) *TypeInfo {
	if fn == nil {
		return nil
	}
	if cls := e.classOf(fn); cls != nil {
		return e.a.baseTypeArg(cls, flinkapi.FunctionOutArg)
	}
	return nil
}

// sourceElem is the element type of a stream an environment source makes.
func (e *evaluator) sourceElem(c *javasyntax.Call, args []*value) *TypeInfo {
	switch c.Name {
	case "fromSequence", "generateSequence":
		return basicType("java.lang.Long")
	case "socketTextStream", "readTextFile":
		return basicType("java.lang.String")
	case "fromElements", "fromData":
		if len(c.Args) > 0 {
			fr := e.top()
			if fr.cls != nil {
				return e.a.exprType(c.Args[0], nil, site{fr.cls, fr.method}, 0)
			}
		}
	case "addSource":
		if len(args) > 0 {
			return e.functionOut(args[0])
		}
	}
	return nil
}

// elemAfter is the element type of the stream a one-input call returns.
func (e *evaluator) elemAfter(name string, sv *value, args []*value) *TypeInfo {
	switch name {
	case "filter", "assignTimestampsAndWatermarks":
		return sv.elem
	}
	if len(args) > 0 {
		return e.functionOut(args[0])
	}
	return nil
}

// windowAssigners are the WindowAssigners whose windows never merge: their
// operator keeps only the window contents (and timers). Merging assigners
// (sessions) also keep a merging-window-set.
var windowAssigners = regexp.MustCompile(`^(Tumbling|Sliding)(EventTime|ProcessingTime)Windows\b`)

// statelessTriggers are triggers that register no state of their own.
var statelessTriggers = regexp.MustCompile(`^(EventTimeTrigger|ProcessingTimeTrigger)\.create\(\)$`)

// window is what a windowed stream's configuration tells its state.
type window struct {
	// incomplete says why the operator may register states besides
	// window-contents (a merging assigner, a trigger with state).
	incomplete string
	// evicting: the contents are kept as StreamRecords in a list.
	evicting bool
}

// windowOf reads the window(...) call's assigner.
func (e *evaluator) windowOf(c *javasyntax.Call) *window {
	if !e.a.inferStates {
		return nil
	}
	w := &window{}
	switch {
	case c.Name == "countWindow" || c.Name == "countWindowAll":
		w.incomplete = "a count window's CountTrigger keeps a count, which the state check does not model"
		w.evicting = len(c.Args) > 1
	case c.Name == "timeWindow" || c.Name == "timeWindowAll":
	case len(c.Args) == 1 && windowAssigners.MatchString(exprText(e.top().file, c.Args[0])):
	default:
		w.incomplete = "the window assigner may merge windows (sessions keep a merging-window-set), which the state check does not model"
	}
	return w
}

// configureWindow applies trigger(...) and evictor(...) to a windowed
// stream's value.
func (e *evaluator) configureWindow(c *javasyntax.Call, sv *value) *value {
	if sv.win == nil || (c.Name != "trigger" && c.Name != "evictor") {
		return sv
	}
	w := *sv.win
	switch {
	case c.Name == "evictor":
		w.evicting = true
	case len(c.Args) != 1 || !statelessTriggers.MatchString(exprText(e.top().file, c.Args[0])):
		w.incomplete = "the window's trigger may keep state of its own, which the state check does not model"
	}
	v := *sv
	v.win = &w
	return &v
}

// windowStates records the states of the window operator a windowed
// stream's call creates (WindowOperator, EvictingWindowOperator): the
// window contents under "window-contents" (the reduced value, the
// aggregate's accumulator, or every element for process and apply) in the
// window namespace, and timers. It returns the element type of the stream
// the call returns.
func (e *evaluator) windowStates(op *Operator, name string, args []*value, sv *value) *TypeInfo {
	if !e.a.inferStates {
		return nil
	}
	st := &OperatorStates{Complete: true}
	d := StateDescriptor{Name: flinkapi.WindowContentsState, Pos: op.Pos, TTL: TTLOff}
	out := sv.elem
	switch name {
	case "reduce", "sum", "min", "max", "minBy", "maxBy":
		d.Kind, d.Value = StateReducing, sv.elem
		if len(args) > 1 {
			out = e.functionOut(args[1])
		}
	case "aggregate":
		d.Kind = StateAggregating
		if len(args) > 0 {
			if cls := e.classOf(args[0]); cls != nil {
				d.Value = e.a.baseTypeArg(cls, flinkapi.AggregateAccArg)
				out = e.a.baseTypeArg(cls, flinkapi.FunctionOutArg)
			}
		}
		if d.Value == nil {
			d.Value = unknownType("the AggregateFunction's accumulator type is not in the analysed sources")
		}
		if len(args) > 1 {
			out = e.functionOut(args[1])
		}
	case "process", "apply":
		d.Kind, d.Value = StateList, sv.elem
		out = nil
		if len(args) == 1 {
			out = e.functionOut(args[0])
		}
		if len(args) > 1 {
			// apply(reduceFunction, windowFunction) of Flink 1.x.
			d = StateDescriptor{Unresolved: "apply with a pre-aggregating function is not modelled"}
			st.Complete, st.Incomplete = false, "apply with a pre-aggregating function is not modelled"
		}
	default:
		d = StateDescriptor{Unresolved: name + " on a window is not modelled"}
		st.Complete, st.Incomplete = false, name+" on a window is not modelled"
	}
	if d.Value == nil && d.Unresolved == "" {
		d.Value = unknownType("the type of the window's input stream is not inferred")
	}
	if sv.win != nil && sv.win.evicting && d.Unresolved == "" {
		d.Kind = StateList
		d.Value = unknownType("an evicting window keeps its elements as StreamRecords, which the state check does not compare")
	}
	if sv.win != nil && sv.win.incomplete != "" {
		st.Complete, st.Incomplete = false, sv.win.incomplete
	}
	st.Descriptors = []StateDescriptor{d}
	st.Key = sv.keyType
	if sv.stype == "AllWindowedStream" {
		// windowAll keys every element by the same byte.
		st.Key = basicType("java.lang.Byte")
	}
	if st.Key == nil {
		st.Key = unknownType("the keyBy selector could not be traced")
	}
	op.States = st
	return out
}

// keyedReduceStates records the state of a keyed rolling aggregation
// (StreamGroupedReduceOperator): the last value per key, of the element
// type.
func (e *evaluator) keyedReduceStates(op *Operator, sv *value) {
	if !e.a.inferStates {
		return
	}
	v := sv.elem
	if v == nil {
		v = unknownType("the type of the aggregated stream is not inferred")
	}
	key := sv.keyType
	if key == nil {
		key = unknownType("the keyBy selector could not be traced")
	}
	op.States = &OperatorStates{
		Complete: true, Key: key,
		Descriptors: []StateDescriptor{{Name: flinkapi.KeyedReduceState, Kind: StateValue, Value: v, TTL: TTLOff, Pos: op.Pos}},
	}
}

// sourceReaderStates records the state of a FLIP-27 source's operator: the
// reader's splits, each serialized by the source's split serializer into a
// byte array, in one operator list state.
func (e *evaluator) sourceReaderStates(op *Operator, call string) {
	if !e.a.inferStates || (call != "fromSource" && call != "fromSequence") {
		return
	}
	op.States = &OperatorStates{
		Complete: true,
		Descriptors: []StateDescriptor{{
			Name: flinkapi.SourceReaderState, Kind: StateSplitList, Value: basicType("byte[]"), TTL: TTLOff, Pos: op.Pos,
		}},
	}
}

// castPattern finds a cast in a lambda's text: the lowering keeps the
// value of a cast, not its type, so an expression with a cast is typed only
// when the cast is the whole body.
var castPattern = regexp.MustCompile(`\(\s*(?:[A-Za-z_][\w.]*)(?:\s*<[^()]*>)?\s*(?:\[\s*\])*\s*\)\s*[\w(]`)

// lambdaKey infers a key selector lambda's key type from its body, given
// the type of the elements it is applied to.
func (ix *index) lambdaKey(lam *javasyntax.Lambda, elem *TypeInfo, s site) *TypeInfo {
	const why = "the return type of the key selector lambda is not inferred"
	if len(lam.Params) != 1 || len(lam.Body) != 1 {
		return unknownType(why)
	}
	ret, ok := lam.Body[0].(*javasyntax.Return)
	if !ok || ret.X == nil {
		return unknownType(why)
	}
	if known, _ := elem.Known(); !known {
		return unknownType(why + ": the stream's element type is not inferred")
	}
	text := exprText(s.file(), lam)
	if _, body, found := strings.Cut(text, "->"); found {
		body = strings.TrimSpace(body)
		if m := leadingCast.FindStringSubmatch(body); m != nil && len(m[0]) < len(body) && balancedRest(body[len(m[0]):]) {
			return ix.typeOf(parseTypeText(m[1]), s.file(), 0)
		}
		if castPattern.MatchString(body) {
			return unknownType(why + ": it casts")
		}
	}
	return ix.exprType(ret.X, map[string]*TypeInfo{lam.Params[0]: elem}, s, 0)
}

// leadingCast is a cast at the head of an expression: (int) (v % 8).
var leadingCast = regexp.MustCompile(`^\(\s*([A-Za-z_][\w.]*)\s*\)\s*`)

// balancedRest reports whether a cast's operand is the rest of the body: a
// single parenthesised expression or a name, not `(int) a + b`.
func balancedRest(s string) bool {
	if strings.HasPrefix(s, "(") {
		depth := 0
		for i, r := range s {
			switch r {
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					return i == len(s)-1
				}
			}
		}
		return false
	}
	return plainName.MatchString(s)
}

var plainName = regexp.MustCompile(`^[\w.]+$`)

// numericRank orders Java's numeric types for binary numeric promotion.
var numericRank = map[string]int{
	"java.lang.Byte": 1, "java.lang.Short": 1, "java.lang.Character": 1, "java.lang.Integer": 1,
	"java.lang.Long": 2, "java.lang.Float": 3, "java.lang.Double": 4,
}

var promoted = map[int]string{1: "java.lang.Integer", 2: "java.lang.Long", 3: "java.lang.Float", 4: "java.lang.Double"}

// staticResults are the JDK static methods a key selector commonly calls,
// with their result type; "" is the type of the first argument.
var staticResults = map[string]string{
	"String.valueOf": "java.lang.String", "String.format": "java.lang.String", "String.join": "java.lang.String",
	"Integer.valueOf": "java.lang.Integer", "Integer.parseInt": "java.lang.Integer", "Long.valueOf": "java.lang.Long",
	"Long.parseLong": "java.lang.Long", "Objects.hash": "java.lang.Integer", "Objects.hashCode": "java.lang.Integer",
	"Math.abs": "", "Math.floorMod": "", "Integer.toString": "java.lang.String", "Long.toString": "java.lang.String",
}

// exprType infers the Java type of an expression in a key selector: names
// bound to known types, literals, arithmetic, string concatenation, getters
// and fields of classes in the tree, tuple fields, and a few JDK calls.
//
//nolint:gocognit,cyclop // one case per expression kind
func (ix *index) exprType(x javasyntax.Expr, vars map[string]*TypeInfo, s site, depth int) *TypeInfo {
	if depth > maxResolve {
		return unknownType("expression nested too deeply")
	}
	switch x := x.(type) {
	case *javasyntax.Ident:
		if t, ok := vars[x.Name]; ok {
			return t
		}
	case *javasyntax.Lit:
		switch x.Kind {
		case javasyntax.LitString:
			return basicType("java.lang.String")
		case javasyntax.LitInt:
			if strings.HasSuffix(x.Value, "L") || strings.HasSuffix(x.Value, "l") {
				return basicType("java.lang.Long")
			}
			return basicType("java.lang.Integer")
		case javasyntax.LitChar:
			return basicType("java.lang.Character")
		case javasyntax.LitBool:
			return basicType("java.lang.Boolean")
		case javasyntax.LitOther:
			if strings.HasSuffix(x.Value, "f") || strings.HasSuffix(x.Value, "F") {
				return basicType("java.lang.Float")
			}
			return basicType("java.lang.Double")
		case javasyntax.LitNull:
		}
	case *javasyntax.Binary:
		l, r := ix.exprType(x.L, vars, s, depth+1), ix.exprType(x.R, vars, s, depth+1)
		switch x.Op {
		case "==", "!=", "<", ">", "<=", ">=", "&&", "||":
			return basicType("java.lang.Boolean")
		case "+":
			if l.Class == "java.lang.String" || r.Class == "java.lang.String" {
				return basicType("java.lang.String")
			}
		}
		switch x.Op {
		case "+", "-", "*", "/", "%", "&", "|", "^":
			lr, rr := numericRank[l.Class], numericRank[r.Class]
			if lr > 0 && rr > 0 {
				return basicType(promoted[max(lr, rr)])
			}
		case "<<", ">>", ">>>":
			if lr := numericRank[l.Class]; lr > 0 && lr <= 2 {
				return basicType(promoted[lr])
			}
		}
	case *javasyntax.FieldAccess:
		t := ix.exprType(x.X, vars, s, depth+1)
		switch {
		case t.Family == "tuple" && strings.HasPrefix(x.Name, "f"):
			if i, err := strconv.Atoi(x.Name[1:]); err == nil && i < len(t.Args) {
				return t.Args[i]
			}
		case t.Family == "pojo":
			for _, f := range t.Fields {
				if f.Name == x.Name {
					return f.Type
				}
			}
		}
	case *javasyntax.Call:
		return ix.callType(x, vars, s, depth)
	}
	return unknownType("the return type of the key selector lambda is not inferred")
}

// staticType is the result of a JDK static call of staticResults: res, or
// for "" its first argument's promoted numeric type.
func (ix *index) staticType(res string, x *javasyntax.Call, vars map[string]*TypeInfo, s site, depth int) *TypeInfo {
	if res != "" {
		return basicType(res)
	}
	if len(x.Args) > 0 {
		if r := numericRank[ix.exprType(x.Args[0], vars, s, depth+1).Class]; r > 0 {
			return basicType(promoted[r])
		}
	}
	return unknownType("the return type of the key selector lambda is not inferred")
}

// callType is the result type of a call in a key selector.
func (ix *index) callType(x *javasyntax.Call, vars map[string]*TypeInfo, s site, depth int) *TypeInfo {
	const why = "the return type of the key selector lambda is not inferred"
	if id, ok := x.Recv.(*javasyntax.Ident); ok {
		if res, ok := staticResults[id.Name+"."+x.Name]; ok {
			return ix.staticType(res, x, vars, s, depth)
		}
	}
	if x.Recv == nil {
		return unknownType(why)
	}
	recv := ix.exprType(x.Recv, vars, s, depth+1)
	switch {
	case recv.Family == "":
		return unknownType(why)
	case x.Name == "toString" && len(x.Args) == 0:
		return basicType("java.lang.String")
	case x.Name == "hashCode" && len(x.Args) == 0:
		return basicType("java.lang.Integer")
	case recv.Class == "java.lang.String":
		switch x.Name {
		case "length", "indexOf", "compareTo":
			return basicType("java.lang.Integer")
		case "substring", "toLowerCase", "toUpperCase", "trim", "strip", "concat", "replace":
			return basicType("java.lang.String")
		}
		return unknownType(why)
	case recv.Family != "pojo" && recv.Family != "kryo" && recv.Family != "avro":
		return unknownType(why)
	}
	cls := ix.class(strings.ReplaceAll(recv.Class, "$", "."), nil)
	if cls == nil {
		return unknownType("class " + recv.Class + " is not in the analysed sources")
	}
	m := ix.methodIn(cls, x.Name, len(x.Args))
	if m == nil {
		return unknownType("method " + x.Name + " is not found in " + cls.Name)
	}
	return ix.typeOf(parseTypeText(m.ReturnTypeText), cls.File, 0)
}
