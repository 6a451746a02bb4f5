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
//     2.x; the object is one on both, which is how Flink 1.x's deprecated
//     with() works). The build file tells the version (package buildfile).
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
	"slices"
	"strconv"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/java"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
)

// Request asks for a uid on the operator created by the method call that
// ends at byte offset CallEnd.
type Request struct {
	CallEnd int
	// Call is the creating method's name ("process"): it tells whether the
	// edit depends on the code around the call at all.
	Call string
	UID  string
	// UIDHash, when set, is the operator's current OperatorID in hex: the
	// edit then also pins it with setUidHash, so that state saved under
	// the auto-generated ID is restored once (see PinComment).
	UIDHash string
	// FlinkMajor is the Flink major version the file is built with (from
	// its build file), 0 when not known. From 2 on, a window join's apply
	// returns SingleOutputStreamOperator.
	FlinkMajor int
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

// needsSyntax reports whether r's edit depends on the code around the
// call: a source's or a window join's result type decides the form, and a
// pin puts a comment above the statement. Other calls return an operator
// type whose uid() returns the same type, so .uid() is appended as is.
func (r Request) needsSyntax() bool {
	return r.UIDHash != "" || r.Call == "apply" || flinkapi.Is(flinkapi.EnvSource, r.Call)
}

// PlanFile plans the requests of one file. The file is parsed only when a
// request needs its syntax: the JSON output plans every finding's fix, and
// parsing every file with findings again would double the analysis.
func PlanFile(src []byte, reqs []Request) ([]Plan, error) {
	if !slices.ContainsFunc(reqs, Request.needsSyntax) {
		plans := make([]Plan, len(reqs))
		for i, r := range reqs {
			end := r.CallEnd
			plans[i] = Plan{Edits: []Edit{{Offset: end, End: end, NewText: Setter(r.UID)}}}
		}
		return plans, nil
	}
	f, done, err := parse(src)
	if err != nil {
		return nil, err
	}
	defer done()
	plans := make([]Plan, len(reqs))
	for i, r := range reqs {
		plans[i] = f.plan(r)
	}
	return plans, nil
}

// parse parses src; done frees the tree.
func parse(src []byte) (*file, func(), error) {
	p := sitter.NewParser()
	defer p.Close()
	p.SetLanguage(java.GetLanguage())
	tree, err := p.ParseCtx(context.Background(), nil, src)
	if err != nil {
		return nil, nil, err
	}
	return &file{src: src, root: tree.RootNode()}, tree.Close, nil
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

// site is one requested operator and how its value is used.
type site struct {
	call *sitter.Node // the creating call
	// expr is the value as its user sees it: the call, with the
	// parentheses, setParallelism calls and ternary arms around it.
	expr      *sitter.Node
	inTernary bool
	rt        resultType
	setter    string // .uid("…"), with .setUidHash("…") when pinned
}

// appendSetter is the plain edit: the setter right after the call.
func (s *site) appendSetter() Plan {
	end := int(s.call.EndByte())
	return Plan{Edits: []Edit{{Offset: end, End: end, NewText: s.setter}}}
}

// castBack appends the setter and casts the result back to the declared
// type typ (a DataStreamSource): uid() returns the object it is called on.
func (s *site) castBack(typ string) Plan {
	start, end := int(s.call.StartByte()), int(s.call.EndByte())
	return Plan{Edits: []Edit{
		{Offset: start, End: start, NewText: "(" + typ + ") "},
		{Offset: end, End: end, NewText: s.setter},
	}}
}

func (f *file) plan(r Request) Plan {
	call := f.callEndingAt(r.CallEnd)
	if call == nil {
		return Plan{Reason: "the creating call was not found in the file"}
	}
	name := f.text(call.ChildByFieldName("name"))
	s := &site{call: call, expr: call, setter: Setter(r.UID)}
	switch {
	case flinkapi.Is(flinkapi.EnvSource, name):
		s.rt = returnsSource
	case name == "apply" && r.FlinkMajor < 2 && f.isWindowJoin(call):
		s.rt = returnsDataStream
	}
	if r.UIDHash != "" {
		s.setter += fmt.Sprintf(".setUidHash(%q)", r.UIDHash)
	}
	f.widen(s)
	parent := s.expr.Parent()
	var plan Plan
	switch {
	case s.rt == returnsOperator || parent == nil:
		plan = s.appendSetter()
	case parent.Type() == "method_invocation" && isObject(parent, s.expr) && !s.inTernary:
		var reason string
		if plan, reason = f.chained(s, r.FlinkMajor); reason != "" {
			return Plan{Reason: reason}
		}
	case parent.Type() == "expression_statement" && !s.inTernary:
		plan = f.wrap(s, "?")
	case parent.Type() == "variable_declarator" && parent.Parent() != nil:
		plan = f.declared(s, parent)
	case parent.Type() == "assignment_expression":
		plan = f.assigned(s, parent)
	case parent.Type() == "return_statement":
		plan = f.returned(s)
	case parent.Type() == "argument_list" && !s.inTernary:
		plan = f.argument(s, parent)
	default:
		plan = Plan{Reason: fmt.Sprintf("%s returns %s, and uid() would change the type of the %s that uses it; set the uid where the value is stored",
			name, s.rt, strings.ReplaceAll(parent.Type(), "_", " "))}
	}
	if plan.Reason == "" && r.UIDHash != "" {
		plan.Edits = append(plan.Edits, f.pinComment(s.expr))
	}
	return plan
}

// widen moves s.expr out to the value as its user sees it: the value keeps
// its type through parentheses and, for a source, through setParallelism,
// which DataStreamSource overrides; a ternary arm takes the type its
// context expects.
func (f *file) widen(s *site) {
	for {
		parent := s.expr.Parent()
		if parent == nil {
			return
		}
		typ := parent.Type()
		if typ != "parenthesized_expression" &&
			(typ != "ternary_expression" || sameNode(parent.ChildByFieldName("condition"), s.expr)) &&
			(s.rt != returnsSource || typ != "method_invocation" || !isObject(parent, s.expr) ||
				f.text(parent.ChildByFieldName("name")) != "setParallelism") {
			return
		}
		s.inTernary = s.inTernary || typ == "ternary_expression"
		s.expr = parent
	}
}

// chained plans the setter for a value a chain goes on from: the chain's
// type is decided by the later calls, so only a DataStream needs care.
func (f *file) chained(s *site, flinkMajor int) (Plan, string) {
	switch {
	case s.rt != returnsDataStream:
		return s.appendSetter(), ""
	case flinkMajor == 1:
		// On 1.x, with() is apply() returning SingleOutputStreamOperator.
		plan := s.appendSetter()
		n := s.call.ChildByFieldName("name")
		plan.Edits = append(plan.Edits, Edit{Offset: int(n.StartByte()), End: int(n.EndByte()), NewText: "with"})
		return plan, ""
	}
	return Plan{}, "on Flink 1.x a window join's apply returns DataStream, which has no uid(), and no build file says which Flink this is; assign its result to a variable and run --fix again"
}

func sameNode(a, b *sitter.Node) bool {
	return a != nil && b != nil && a.StartByte() == b.StartByte() && a.EndByte() == b.EndByte()
}

// inContext plans the edit for a value whose context expects the declared
// type typ (full text, "" when unknown); stmt builds the separate statement
// that sets the uid on the variable holding it, nil where there is none.
func (f *file) inContext(s *site, typ string, stmt func() Plan, what string) Plan {
	simple := simpleType(typ)
	switch {
	case typ != "" && fits(s.rt, simple):
		return s.appendSetter()
	case s.rt == returnsSource && simple == "DataStreamSource" && s.inTernary:
		return s.castBack(typ)
	case stmt != nil && !s.inTernary && (simple == "DataStreamSource" || simple == "var" || s.rt == returnsDataStream && simple == "DataStream"):
		return stmt()
	case s.rt == returnsSource && simple == "DataStreamSource":
		return s.castBack(typ)
	case s.rt == returnsDataStream && simple == "DataStream":
		return f.wrap(s, typeArgs(typ))
	}
	return Plan{Reason: fmt.Sprintf("%s is declared %s, and uid() returns SingleOutputStreamOperator; set the uid where the value is used", what, orDefault(typ, "with a type not known here"))}
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
	for n := f.deepestAt(end); n != nil; n = n.Parent() {
		if int(n.EndByte()) > end {
			return nil
		}
		if n.Type() == "method_invocation" && int(n.EndByte()) == end {
			return n
		}
	}
	return nil
}

// deepestAt returns the innermost named node holding the byte before end.
func (f *file) deepestAt(end int) *sitter.Node {
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
			return n
		}
		n = next
	}
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

// wrap casts a DataStream to the SingleOutputStreamOperator it is at run
// time, with typeArg as the cast's type argument, and sets the uid on it.
func (f *file) wrap(s *site, typeArg string) Plan {
	if s.rt != returnsDataStream {
		return s.appendSetter()
	}
	start, end := int(s.call.StartByte()), int(s.call.EndByte())
	return Plan{Edits: []Edit{
		{Offset: start, End: start, NewText: fmt.Sprintf("((%s<%s>) ", f.soso(), typeArg)},
		{Offset: end, End: end, NewText: ")" + s.setter},
	}}
}

// declared handles `T name = <value>;` for locals and fields.
func (f *file) declared(s *site, declarator *sitter.Node) Plan {
	decl := declarator.Parent()
	typ := f.text(decl.ChildByFieldName("type"))
	name := f.text(declarator.ChildByFieldName("name"))
	var stmt func() Plan
	if decl.Type() == "local_variable_declaration" {
		stmt = func() Plan { return f.statementAfter(decl, f.receiver(s.rt, name)+s.setter+";") }
	}
	return f.inContext(s, typ, stmt, name)
}

// assigned handles `x = <value>` where x is a local or field.
func (f *file) assigned(s *site, assign *sitter.Node) Plan {
	lhs := assign.ChildByFieldName("left")
	var stmt func() Plan
	if st := assign.Parent(); st != nil && st.Type() == "expression_statement" {
		stmt = func() Plan { return f.statementAfter(st, f.receiver(s.rt, f.text(lhs))+s.setter+";") }
	}
	return f.inContext(s, f.declaredTypeOf(lhs), stmt, f.text(lhs))
}

// returned handles `return <value>;`.
func (f *file) returned(s *site) Plan {
	m := enclosing(s.expr, "method_declaration", "lambda_expression")
	if m == nil || m.Type() != "method_declaration" {
		return Plan{Reason: "the value is returned from a lambda whose type is not known, and uid() returns SingleOutputStreamOperator"}
	}
	return f.inContext(s, f.text(m.ChildByFieldName("type")), nil, "the method "+f.text(m.ChildByFieldName("name")))
}

// argument handles `m(…, <value>, …)`: only a parameter declared in this
// file is trusted.
func (f *file) argument(s *site, args *sitter.Node) Plan {
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
		if sameNode(c, s.expr) {
			index = arity
		}
		arity++
	}
	typ := f.parameterType(name, arity, index)
	if typ == "" {
		return Plan{Reason: fmt.Sprintf("the value is passed to %s, whose parameter type is not known here, and uid() returns SingleOutputStreamOperator; store it in a variable and run --fix again", orDefault(name, "a constructor"))}
	}
	return f.inContext(s, typ, nil, "the parameter of "+name)
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

// declaredTypeOf finds the declared type of a local, parameter or
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
					found = f.text(c.ChildByFieldName("type"))
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

// parameterType returns the type of parameter index of the one
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
					types = append(types, f.text(ps[index].ChildByFieldName("type")))
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

// PlanPin plans setUidHash(hash) after an existing uid call whose method
// name ends at byte offset uidNameEnd: the operator's uid changed, and the
// savepoint holds its state under hash, the old ID.
func PlanPin(src []byte, uidNameEnd int, hash string) (Plan, error) {
	f, done, err := parse(src)
	if err != nil {
		return Plan{}, err
	}
	defer done()
	n := f.deepestAt(uidNameEnd)
	for ; n != nil; n = n.Parent() {
		if n.Type() == "method_invocation" && sameNode(n.ChildByFieldName("name"), nameEndingAt(n, uidNameEnd)) {
			break
		}
	}
	if n == nil {
		return Plan{Reason: "the uid call was not found in the file"}, nil
	}
	end := int(n.EndByte())
	return Plan{Edits: []Edit{
		{Offset: end, End: end, NewText: fmt.Sprintf(".setUidHash(%q)", hash)},
		f.pinComment(n),
	}}, nil
}

// nameEndingAt returns call's name node when it ends at end.
func nameEndingAt(call *sitter.Node, end int) *sitter.Node {
	if name := call.ChildByFieldName("name"); name != nil && int(name.EndByte()) == end {
		return name
	}
	return nil
}
