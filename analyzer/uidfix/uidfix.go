// Package uidfix turns missinguid's request "give the operator created by
// the call ending here the uid U" into an edit that compiles.
//
// Appending .uid(U) to the creating call is right in most places, because
// SingleOutputStreamOperator.uid and DataStreamSink.uid return the type they
// are called on. Two kinds of call break that:
//
//   - the environment's sources (fromSource, addSource, fromElements, …)
//     return DataStreamSource, and .uid returns its supertype
//     SingleOutputStreamOperator, so the result no longer fits a variable,
//     field, return type or parameter declared DataStreamSource (or a var
//     whose later uses need one);
//   - a window join or coGroup's apply returns DataStream on Flink 1.x,
//     which has no uid() at all (it returns SingleOutputStreamOperator on
//     2.x; the object is one on both, which is how Flink's own deprecated
//     with() works).
//
// For those, the edit is a separate statement on the variable that holds
// the operator (it sets the uid of the same transformation), a cast, or no
// edit with the reason. The declared types come from the file's syntax, so
// the file is parsed again here: only files that get fixes are.
package uidfix

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/java"

	"github.com/uidcheck/uidcheck/analyzer/pipeline"
)

// Request asks for a uid on the operator created by the method call that
// ends at byte offset CallEnd.
type Request struct {
	CallEnd int
	UID     string
	// UIDHash, when set, is the operator's current OperatorID in hex: the
	// edit then also pins it with setUidHash, so that state saved under
	// the auto-generated ID is restored once (see PinComment).
	UIDHash string
}

// Edit replaces the bytes [Offset, End) of the file with NewText.
type Edit struct {
	Offset, End int
	NewText     string
}

// Plan is the answer to one Request: the edits, or why there are none.
type Plan struct {
	Edits  []Edit
	Reason string
}

// PinComment is the comment placed above a statement that pins an
// auto-generated ID with setUidHash: once a savepoint has been taken with
// the new uid, the pin must go, or a later uid change would be ignored.
const PinComment = "// uidcheck: remove setUidHash after the next savepoint"

// sosoType is the class whose uid() the edits call.
const sosoType = "org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator"

// Setter is the text missinguid's suggested fix appends to the creating
// call; PlanFile replaces that plain edit with one that compiles.
func Setter(uid string) string { return fmt.Sprintf(".uid(%q)", uid) }

// ParseSetter returns the uid of a text made by Setter.
func ParseSetter(text string) (string, bool) {
	inner, ok := strings.CutPrefix(text, ".uid(")
	if !ok {
		return "", false
	}
	inner, ok = strings.CutSuffix(inner, ")")
	if !ok {
		return "", false
	}
	uid, err := strconv.Unquote(inner)
	return uid, err == nil
}

// PlanFile plans the requests of one file.
func PlanFile(src []byte, reqs []Request) ([]Plan, error) {
	p := sitter.NewParser()
	defer p.Close()
	p.SetLanguage(java.GetLanguage())
	tree, err := p.ParseCtx(context.Background(), nil, src)
	if err != nil {
		return nil, err
	}
	defer tree.Close()
	f := &file{src: src, root: tree.RootNode()}
	plans := make([]Plan, len(reqs))
	for i, r := range reqs {
		plans[i] = f.plan(r)
	}
	return plans, nil
}

type file struct {
	src  []byte
	root *sitter.Node
}

// resultType is what the creating call returns, as far as uid() cares.
type resultType int

const (
	// returnsOperator: SingleOutputStreamOperator or DataStreamSink.
	returnsOperator resultType = iota
	// returnsSource: DataStreamSource.
	returnsSource
	// returnsDataStream: DataStream on Flink 1.x (window join and coGroup apply).
	returnsDataStream
)

func (f *file) text(n *sitter.Node) string { return n.Content(f.src) }

func (f *file) plan(r Request) Plan {
	call := f.callEndingAt(r.CallEnd)
	if call == nil {
		return Plan{Reason: "the creating call was not found in the file"}
	}
	name := f.text(call.ChildByFieldName("name"))
	rt := returnsOperator
	switch {
	case pipeline.IsEnvSource(name):
		rt = returnsSource
	case name == "apply" && f.isWindowJoin(call):
		rt = returnsDataStream
	}
	setter := Setter(r.UID)
	if r.UIDHash != "" {
		setter += fmt.Sprintf(".setUidHash(%q)", r.UIDHash)
	}
	// The value keeps its type through parentheses and, for a source,
	// through setParallelism, which DataStreamSource overrides.
	expr := call
	for {
		parent := expr.Parent()
		if parent == nil {
			break
		}
		if parent.Type() == "parenthesized_expression" ||
			rt == returnsSource && parent.Type() == "method_invocation" && isObject(parent, expr) &&
				f.text(parent.ChildByFieldName("name")) == "setParallelism" {
			expr = parent
			continue
		}
		break
	}
	appendAt := Plan{Edits: []Edit{{Offset: r.CallEnd, End: r.CallEnd, NewText: setter}}}
	parent := expr.Parent()
	var plan Plan
	switch {
	case rt == returnsOperator || parent == nil:
		plan = appendAt
	case parent.Type() == "method_invocation" && isObject(parent, expr):
		// A chain goes on: its type is decided by the later calls.
		if rt == returnsDataStream {
			return Plan{Reason: "on Flink 1.x a window join's apply returns DataStream, which has no uid(); assign its result to a variable and run --fix again"}
		}
		plan = appendAt
	case parent.Type() == "expression_statement":
		plan = f.wrapOrAppend(rt, call, setter, "?", appendAt)
	case parent.Type() == "variable_declarator" && parent.Parent() != nil:
		plan = f.declared(rt, expr, parent, setter, appendAt)
	case parent.Type() == "assignment_expression":
		plan = f.assigned(rt, expr, parent, setter, appendAt)
	case parent.Type() == "return_statement":
		plan = f.returned(rt, call, expr, setter, appendAt)
	case parent.Type() == "argument_list":
		plan = f.argument(rt, expr, parent, appendAt)
	default:
		plan = Plan{Reason: fmt.Sprintf("%s returns %s, and uid() would change the type of the %s that uses it; set the uid where the value is stored",
			name, rt, strings.ReplaceAll(parent.Type(), "_", " "))}
	}
	if plan.Reason == "" && r.UIDHash != "" {
		plan.Edits = append(plan.Edits, f.pinComment(expr))
	}
	return plan
}

func (t resultType) String() string {
	switch t {
	case returnsSource:
		return "DataStreamSource"
	case returnsDataStream:
		return "DataStream on Flink 1.x"
	case returnsOperator:
	}
	return "SingleOutputStreamOperator"
}

// callEndingAt finds the method call that ends at end.
func (f *file) callEndingAt(end int) *sitter.Node {
	if end <= 0 || end > len(f.src) {
		return nil
	}
	n := f.root
	for {
		var next *sitter.Node
		for i := range int(n.NamedChildCount()) {
			if c := n.NamedChild(i); int(c.StartByte()) < end && end <= int(c.EndByte()) {
				next = c
				break
			}
		}
		if next == nil {
			break
		}
		n = next
	}
	for ; n != nil; n = n.Parent() {
		if int(n.EndByte()) > end {
			return nil
		}
		if n.Type() == "method_invocation" && int(n.EndByte()) == end {
			return n
		}
	}
	return nil
}

// isWindowJoin tells a.join(b).where(…).equalTo(…).window(…).apply(…) and
// coGroup from the apply of windowed and all-windowed streams, which returns
// SingleOutputStreamOperator.
func (f *file) isWindowJoin(call *sitter.Node) bool {
	sawEqualTo := false
	for n := call.ChildByFieldName("object"); n != nil && n.Type() == "method_invocation"; n = n.ChildByFieldName("object") {
		switch f.text(n.ChildByFieldName("name")) {
		case "equalTo":
			sawEqualTo = true
		case "join", "coGroup":
			return sawEqualTo
		}
	}
	return false
}

func isObject(call, n *sitter.Node) bool {
	obj := call.ChildByFieldName("object")
	return obj != nil && obj.StartByte() == n.StartByte() && obj.EndByte() == n.EndByte()
}

// wrapOrAppend sets the uid in place: a DataStream is cast to the
// SingleOutputStreamOperator it is at run time, with typeArg as the cast's
// type argument.
func (f *file) wrapOrAppend(rt resultType, call *sitter.Node, setter, typeArg string, appendAt Plan) Plan {
	if rt != returnsDataStream {
		return appendAt
	}
	return Plan{Edits: []Edit{
		{Offset: int(call.StartByte()), End: int(call.StartByte()), NewText: fmt.Sprintf("((%s<%s>) ", f.soso(), typeArg)},
		{Offset: int(call.EndByte()), End: int(call.EndByte()), NewText: ")" + setter},
	}}
}

// declared handles `T name = <call>;` for locals and fields.
func (f *file) declared(rt resultType, expr, declarator *sitter.Node, setter string, appendAt Plan) Plan {
	decl := declarator.Parent()
	typ := simpleType(f.text(decl.ChildByFieldName("type")))
	varName := f.text(declarator.ChildByFieldName("name"))
	if fits(rt, typ) {
		return appendAt
	}
	if decl.Type() != "local_variable_declaration" {
		return Plan{Reason: fmt.Sprintf("the field %s is declared %s, and uid() returns SingleOutputStreamOperator; declare it as SingleOutputStreamOperator, or set the uid where it is assigned", varName, typ)}
	}
	return f.statementAfter(decl, f.receiver(rt, varName)+setter+";")
}

// assigned handles `x = <call>` where x is a local or field.
func (f *file) assigned(rt resultType, expr, assign *sitter.Node, setter string, appendAt Plan) Plan {
	lhs := assign.ChildByFieldName("left")
	typ := f.declaredTypeOf(lhs)
	if typ != "" && fits(rt, typ) {
		return appendAt
	}
	stmt := assign.Parent()
	if typ == "" || stmt == nil || stmt.Type() != "expression_statement" {
		return Plan{Reason: fmt.Sprintf("the declared type of %s was not found, and uid() returns SingleOutputStreamOperator; set the uid on %s in a statement of its own", f.text(lhs), f.text(lhs))}
	}
	return f.statementAfter(stmt, f.receiver(rt, f.text(lhs))+setter+";")
}

// returned handles `return <call>;`.
func (f *file) returned(rt resultType, call, expr *sitter.Node, setter string, appendAt Plan) Plan {
	m := enclosing(expr, "method_declaration", "lambda_expression")
	if m == nil || m.Type() != "method_declaration" {
		return Plan{Reason: "the value is returned from a lambda whose type is not known, and uid() returns SingleOutputStreamOperator"}
	}
	typ := f.text(m.ChildByFieldName("type"))
	method := f.text(m.ChildByFieldName("name"))
	if fits(rt, simpleType(typ)) {
		return appendAt
	}
	if rt == returnsDataStream && simpleType(typ) == "DataStream" {
		return f.wrapOrAppend(rt, call, setter, typeArgs(typ), appendAt)
	}
	return Plan{Reason: fmt.Sprintf("%s returns %s, and uid() returns SingleOutputStreamOperator; change its return type to SingleOutputStreamOperator, or set the uid where %s is called", method, typ, method)}
}

// argument handles `m(…, <call>, …)`: only a parameter declared in this
// file with a type uid() fits is trusted.
func (f *file) argument(rt resultType, expr, args *sitter.Node, appendAt Plan) Plan {
	callee := args.Parent()
	name := ""
	if callee != nil && callee.Type() == "method_invocation" {
		name = f.text(callee.ChildByFieldName("name"))
	}
	index, arity := 0, 0
	for i := range int(args.NamedChildCount()) {
		c := args.NamedChild(i)
		if isComment(c) {
			continue
		}
		if c.StartByte() == expr.StartByte() {
			index = arity
		}
		arity++
	}
	if typ := f.parameterType(name, arity, index); typ != "" && fits(rt, typ) {
		return appendAt
	}
	return Plan{Reason: fmt.Sprintf("the value is passed to %s, whose parameter type is not known here, and uid() returns SingleOutputStreamOperator; store it in a variable and run --fix again", orDefault(name, "a constructor"))}
}

// fits reports whether a value of the type the setter returns can be used
// where a value of declared simple type typ is expected.
func fits(rt resultType, typ string) bool {
	if rt == returnsDataStream {
		// Code that declares the result SingleOutputStreamOperator is
		// written for Flink 2.x, where apply returns one.
		return typ == "SingleOutputStreamOperator"
	}
	switch typ {
	case "SingleOutputStreamOperator", "DataStream", "Object":
		return true
	}
	return false
}

// receiver is the expression a separate statement calls uid() on.
func (f *file) receiver(rt resultType, name string) string {
	if rt == returnsDataStream {
		return fmt.Sprintf("((%s<?>) %s)", f.soso(), name)
	}
	return name
}

// statementAfter inserts stmt on a new line after the statement node.
func (f *file) statementAfter(node *sitter.Node, stmt string) Plan {
	end := int(node.EndByte())
	return Plan{Edits: []Edit{{Offset: end, End: end, NewText: f.eol(end) + f.indent(node) + stmt}}}
}

// pinComment puts PinComment on its own line above the statement that
// holds expr.
func (f *file) pinComment(expr *sitter.Node) Edit {
	stmt := expr
	for stmt.Parent() != nil && !isStatement(stmt) {
		stmt = stmt.Parent()
	}
	start := lineStart(f.src, int(stmt.StartByte()))
	return Edit{Offset: start, End: start, NewText: f.indent(stmt) + PinComment + f.eol(start)}
}

func isComment(n *sitter.Node) bool {
	return n.Type() == "line_comment" || n.Type() == "block_comment"
}

func isStatement(n *sitter.Node) bool {
	t := n.Type()
	return strings.HasSuffix(t, "_statement") || t == "local_variable_declaration" || t == "field_declaration"
}

// soso names SingleOutputStreamOperator as the file can: simply when it is
// imported, fully qualified otherwise.
func (f *file) soso() string {
	pkg := sosoType[:strings.LastIndexByte(sosoType, '.')]
	if bytes.Contains(f.src, []byte("import "+sosoType+";")) || bytes.Contains(f.src, []byte("import "+pkg+".*;")) {
		return "SingleOutputStreamOperator"
	}
	return sosoType
}

// declaredTypeOf finds the declared simple type of a local, parameter or
// field named by x (a name or this.name) in the enclosing method and class.
func (f *file) declaredTypeOf(x *sitter.Node) string {
	name := f.text(x)
	if x.Type() == "field_access" {
		if obj := x.ChildByFieldName("object"); obj == nil || f.text(obj) != "this" {
			return ""
		}
		name = f.text(x.ChildByFieldName("field"))
	} else if x.Type() != "identifier" {
		return ""
	}
	for scope := x.Parent(); scope != nil; scope = scope.Parent() {
		switch scope.Type() {
		case "method_declaration", "constructor_declaration", "lambda_expression", "class_body":
			if typ := f.findDeclaration(scope, name, x.StartByte()); typ != "" {
				return typ
			}
		}
	}
	return ""
}

// findDeclaration looks for a declaration of name inside scope that starts
// before pos, without entering nested classes.
func (f *file) findDeclaration(scope *sitter.Node, name string, pos uint32) string {
	var found string
	var walk func(n *sitter.Node)
	walk = func(n *sitter.Node) {
		for i := range int(n.NamedChildCount()) {
			c := n.NamedChild(i)
			if found != "" || c.StartByte() > pos && n.Type() != "class_body" {
				return
			}
			switch c.Type() {
			case "class_body", "class_declaration", "enum_declaration", "record_declaration", "interface_declaration":
				continue
			case "local_variable_declaration", "field_declaration", "formal_parameter":
				if f.declares(c, name) {
					found = simpleType(f.text(c.ChildByFieldName("type")))
					return
				}
			}
			walk(c)
		}
	}
	walk(scope)
	return found
}

func (f *file) declares(decl *sitter.Node, name string) bool {
	if decl.Type() == "formal_parameter" {
		return f.text(decl.ChildByFieldName("name")) == name
	}
	for i := range int(decl.NamedChildCount()) {
		c := decl.NamedChild(i)
		if c.Type() == "variable_declarator" && f.text(c.ChildByFieldName("name")) == name {
			return true
		}
	}
	return false
}

// parameterType returns the simple type of parameter index of the one
// method of this file named name with arity parameters, "" when there is
// not exactly one.
func (f *file) parameterType(name string, arity, index int) string {
	if name == "" {
		return ""
	}
	var types []string
	var walk func(n *sitter.Node)
	walk = func(n *sitter.Node) {
		for i := range int(n.NamedChildCount()) {
			c := n.NamedChild(i)
			if c.Type() == "method_declaration" && f.text(c.ChildByFieldName("name")) == name {
				params := c.ChildByFieldName("parameters")
				var ps []*sitter.Node
				for j := range int(params.NamedChildCount()) {
					if p := params.NamedChild(j); p.Type() == "formal_parameter" {
						ps = append(ps, p)
					}
				}
				if len(ps) == arity {
					types = append(types, simpleType(f.text(ps[index].ChildByFieldName("type"))))
				}
			}
			walk(c)
		}
	}
	walk(f.root)
	if len(types) != 1 {
		return ""
	}
	return types[0]
}

func enclosing(n *sitter.Node, types ...string) *sitter.Node {
	for p := n.Parent(); p != nil; p = p.Parent() {
		for _, t := range types {
			if p.Type() == t {
				return p
			}
		}
	}
	return nil
}

// simpleType drops type arguments and the package: "DataStreamSource".
func simpleType(t string) string {
	if i := strings.IndexByte(t, '<'); i >= 0 {
		t = t[:i]
	}
	t = strings.TrimSpace(t)
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		t = t[i+1:]
	}
	return t
}

// typeArgs returns the type arguments of "DataStream<Foo>": "Foo"; "?"
// without any.
func typeArgs(t string) string {
	i, j := strings.IndexByte(t, '<'), strings.LastIndexByte(t, '>')
	if i < 0 || j < i {
		return "?"
	}
	return strings.TrimSpace(t[i+1 : j])
}

func (f *file) indent(n *sitter.Node) string {
	start := lineStart(f.src, int(n.StartByte()))
	end := start
	for end < len(f.src) && (f.src[end] == ' ' || f.src[end] == '\t') {
		end++
	}
	return string(f.src[start:end])
}

// eol is the line ending of the line holding offset.
func (f *file) eol(offset int) string {
	if i := bytes.IndexByte(f.src[offset:], '\n'); i > 0 && f.src[offset+i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

func lineStart(src []byte, offset int) int {
	return bytes.LastIndexByte(src[:offset], '\n') + 1
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
