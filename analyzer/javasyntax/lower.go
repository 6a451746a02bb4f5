package javasyntax

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
	"github.com/uidcheck/uidcheck/analyzer/internal/slab"
)

// maxDepth bounds the nesting the lowering follows. Deeper expressions become
// Opaque, so a pathological file (10,000 nested parentheses) costs neither
// stack nor time; no real pipeline expression comes close.
const maxDepth = 400

// maxErrors caps the syntax errors recorded per file.
const maxErrors = 20

type lowerer struct {
	src []byte
	// stateBodies lowers Method.StateBody (see flatTree.stateBodies).
	stateBodies bool
	file        *File
	// anon collects anonymous class bodies in lowering order, so that an
	// enclosing class can leave their ranges out of its own state uses.
	anon []*Class
	*arena
}

// arena holds the most frequent nodes, and lists, of one file's lowered
// syntax in slabs. A parse worker resets its arena after each pending file
// (whose syntax is dropped once evaluated) and lowers the next one into it.
type arena struct {
	calls   slab.Slab[Call]
	idents  slab.Slab[Ident]
	lits    slab.Slab[Lit]
	lambdas slab.Slab[Lambda]
	exprs   slab.Slab[Expr]
	strs    slab.Slab[string]
}

// reset ends the life of the syntax lowered into a so far; see
// [slab.Slab.Reset].
func (a *arena) reset() {
	a.calls.Reset()
	a.idents.Reset()
	a.lits.Reset()
	a.lambdas.Reset()
	a.exprs.Reset()
	a.strs.Reset()
}

func (l *lowerer) lit(p Pos, kind LitKind, value string) *Lit {
	x := l.lits.New()
	*x = Lit{Pos: p, Kind: kind, Value: value}
	return x
}

// lower converts a flattened tree of src after its header h into the
// lowered syntax, whose frequent nodes come from a.
func lower(name string, src []byte, h header, scratch *flatTree, a *arena) *File {
	root := &scratch.nodes[0]
	f := &File{Name: name, Src: src, Package: h.pkg, Imports: h.imports}
	l := &lowerer{src: src, file: f, arena: a, stateBodies: scratch.stateBodies}
	if root.HasError() {
		collectErrors(f, root)
	}
	for i := range int(root.NamedChildCount()) {
		n := root.NamedChild(i)
		switch n.Type() {
		case "package_declaration":
			f.Package = packageName(l.text(n))
		case "import_declaration":
			f.Imports = append(f.Imports, importName(l.text(n)))
		default:
			if c := l.typeDecl(n, nil, 0); c != nil {
				f.Classes = append(f.Classes, c)
			}
		}
	}
	return f
}

// packageName reads the name from a package declaration's text; the
// declaration's children are not copied out of tree-sitter.
func packageName(s string) string {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ";"))
	if i := strings.LastIndex(s, "package"); i >= 0 {
		s = s[i+len("package"):]
	}
	return strings.Join(strings.Fields(s), "")
}

func importName(s string) string {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ";"))
	s = strings.TrimSpace(strings.TrimPrefix(s, "import"))
	static := strings.HasPrefix(s, "static ")
	s = strings.Join(strings.Fields(strings.TrimPrefix(s, "static ")), "")
	if static {
		return "static " + s
	}
	return s
}

// collectErrors records ERROR and MISSING nodes with an explicit stack,
// descending only into subtrees that contain errors.
func collectErrors(f *File, root *fnode) {
	stack := []*fnode{root}
	for len(stack) > 0 && len(f.Errors) < maxErrors {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch {
		case n.IsMissing():
			f.Errors = append(f.Errors, SyntaxError{Off: int(n.StartByte()), End: int(n.EndByte()), Msg: "missing " + n.Type()})
			continue
		case n.IsError():
			f.Errors = append(f.Errors, SyntaxError{Off: int(n.StartByte()), End: int(n.EndByte()), Msg: "unexpected " + describe(f.Src, n)})
			continue
		}
		for i := int(n.ChildCount()) - 1; i >= 0; i-- {
			if c := n.Child(i); c.HasError() || c.IsMissing() {
				stack = append(stack, c)
			}
		}
	}
}

func describe(src []byte, n *fnode) string {
	s, e := int(n.StartByte()), int(n.EndByte())
	if e > s+20 {
		e = s + 20
	}
	t := string(bytes.TrimSpace(src[s:e]))
	if i := strings.IndexByte(t, '\n'); i >= 0 {
		t = t[:i]
	}
	if !utf8.ValidString(t) {
		return "bytes"
	}
	if t == "" {
		return "input"
	}
	return strconv.Quote(t)
}

// text returns a node's source text without copying: the lowered syntax
// keeps File.Src alive anyway, and one string per identifier would double
// the memory the lowered files take.
func (l *lowerer) text(n *fnode) string {
	s, e := n.StartByte(), n.EndByte()
	if s >= e {
		return ""
	}
	return unsafe.String(&l.src[s], int(e-s))
}

func pos(n *fnode) Pos { return Pos{Off: int(n.StartByte()), End: int(n.EndByte())} }

// typeName strips type arguments, annotations and array brackets.
func (l *lowerer) typeName(n *fnode) string {
	if n == nil {
		return ""
	}
	switch n.Type() {
	case "generic_type":
		return l.typeName(n.NamedChild(0))
	case "annotated_type":
		return l.typeName(n.NamedChild(int(n.NamedChildCount()) - 1))
	case "array_type":
		return l.typeName(n.ChildByFieldName("element")) + "[]"
	}
	return withoutSpace(l.text(n))
}

// withoutSpace removes the white space a name may be written with
// ("java.util. List"); most names have none, and are returned as they are.
func withoutSpace(s string) string {
	for i := range len(s) {
		if s[i] <= ' ' || s[i] >= utf8.RuneSelf { // maybe space: strings.Fields decides
			return strings.Join(strings.Fields(s), "")
		}
	}
	return s
}

type modifiers struct {
	static, final, public, private, transient, abstract bool
	annotations                                         []string
}

func (l *lowerer) modifiersOf(n *fnode) modifiers {
	var m modifiers
	for i := range int(n.NamedChildCount()) {
		c := n.NamedChild(i)
		if c.Type() != "modifiers" {
			continue
		}
		for j := range int(c.ChildCount()) {
			switch k := c.Child(j); k.Type() {
			case "static":
				m.static = true
			case "final":
				m.final = true
			case "private":
				m.private = true
			case "public":
				m.public = true
			case "transient":
				m.transient = true
			case "abstract":
				m.abstract = true
			case "annotation", "marker_annotation":
				m.annotations = append(m.annotations, annotationName(l.text(k)))
			}
		}
	}
	return m
}

// annotationName is the simple name of an annotation written as text
// ("@org.junit.Test", "@ParameterizedTest(name = …)"): annotation nodes are
// not walked into (skipChildren).
func annotationName(s string) string {
	s = strings.TrimPrefix(s, "@")
	if i := strings.IndexByte(s, '('); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		s = strings.TrimSpace(s[i+1:])
	}
	return s
}

func (l *lowerer) typeDecl(n *fnode, outer *Class, depth int) *Class {
	var kind ClassKind
	switch n.Type() {
	case "class_declaration":
		kind = KindClass
	case "interface_declaration":
		kind = KindInterface
	case "enum_declaration":
		kind = KindEnum
	case "record_declaration":
		kind = KindRecord
	default:
		return nil
	}
	mods := l.modifiersOf(n)
	c := &Class{Kind: kind, Outer: outer, File: l.file, Off: int(n.StartByte()), End: int(n.EndByte()), Public: mods.public, Static: mods.static, Abstract: mods.abstract}
	if name := n.ChildByFieldName("name"); name != nil {
		c.Name = l.text(name)
		c.NameOff = int(name.StartByte())
	}
	switch {
	case outer != nil:
		c.Qualified = outer.Qualified + "." + c.Name
	case l.file.Package != "":
		c.Qualified = l.file.Package + "." + c.Name
	default:
		c.Qualified = c.Name
	}
	if sc := n.ChildByFieldName("superclass"); sc != nil && sc.NamedChildCount() > 0 {
		c.Super = l.typeName(sc.NamedChild(0))
		c.SuperText = withoutSpace(l.text(sc.NamedChild(0)))
	}
	for _, field := range []string{"interfaces", "extends_interfaces"} {
		if si := n.ChildByFieldName(field); si != nil {
			l.typeList(si, c)
		}
	}
	if kind == KindInterface {
		// interface_declaration keeps "extends" in a child without a field name.
		for i := range int(n.NamedChildCount()) {
			if ch := n.NamedChild(i); ch.Type() == "extends_interfaces" {
				l.typeList(ch, c)
			}
		}
	}
	if body := n.ChildByFieldName("body"); body != nil {
		l.classBody(c, body, depth)
	}
	return c
}

func (l *lowerer) typeList(n *fnode, cls *Class) {
	for i := range int(n.NamedChildCount()) {
		c := n.NamedChild(i)
		if c.Type() == "type_list" {
			l.typeList(c, cls)
			continue
		}
		cls.Interfaces = append(cls.Interfaces, l.typeName(c))
		cls.InterfaceTexts = append(cls.InterfaceTexts, withoutSpace(l.text(c)))
	}
}

func (l *lowerer) classBody(c *Class, body *fnode, depth int) {
	firstAnon := len(l.anon)
	for i := range int(body.NamedChildCount()) {
		if i%256 == 255 && body.t.canceled() {
			break // interrupted: the caller drops the file
		}
		m := body.NamedChild(i)
		switch m.Type() {
		case "field_declaration", "constant_declaration":
			l.field(c, m, depth)
		case "method_declaration", "constructor_declaration", "compact_constructor_declaration":
			l.method(c, m, depth)
		case "enum_body_declarations":
			l.classBody(c, m, depth)
		case "enum_constant":
			l.enumConstant(c, m, depth)
		case "static_initializer", "block":
			body := m
			if m.Type() == "static_initializer" {
				body = m.NamedChild(0)
			}
			if body != nil {
				c.Methods = append(c.Methods, &Method{Name: "<init>", Static: m.Type() == "static_initializer", Body: l.block(body, depth+1), Off: int(m.StartByte()), Class: c})
			}
		default:
			if in := l.typeDecl(m, c, depth+1); in != nil {
				c.Inner = append(c.Inner, in)
			}
		}
	}
	if body.t.canceled() {
		return // the scan below reads the whole body
	}
	skip := make([]Pos, 0, len(c.Inner)+len(l.anon)-firstAnon)
	for _, in := range c.Inner {
		skip = append(skip, Pos{Off: in.Off, End: in.End})
	}
	for _, a := range l.anon[firstAnon:] {
		skip = append(skip, Pos{Off: a.Off, End: a.End})
	}
	c.StateUses = stateUses(l.src, int(body.StartByte()), int(body.EndByte()), skip)
}

func (l *lowerer) field(c *Class, n *fnode, depth int) {
	mods := l.modifiersOf(n)
	if c.Kind == KindInterface {
		mods = modifiers{static: true, final: true}
	}
	typeNode := n.ChildByFieldName("type")
	typ := l.typeName(typeNode)
	var text string
	if typeNode != nil {
		text = withoutSpace(l.text(typeNode))
	}
	for i := range int(n.NamedChildCount()) {
		d := n.NamedChild(i)
		if d.Type() != "variable_declarator" {
			continue
		}
		f := &Field{Type: typ, TypeText: text, Static: mods.static, Final: mods.final, Public: mods.public, Transient: mods.transient, Class: c}
		if name := d.ChildByFieldName("name"); name != nil {
			f.Name = l.text(name)
			f.Off = int(name.StartByte())
		}
		if v := d.ChildByFieldName("value"); v != nil {
			f.Init = l.expr(v, depth+1)
		}
		c.Fields = append(c.Fields, f)
	}
}

// enumConstant lowers an enum constant as the static final field it is,
// initialised by new E(args), so that lambdas given to the constructor
// are evaluated where the constant is used. A constant's class body is
// lowered into the enum's own.
func (l *lowerer) enumConstant(c *Class, n *fnode, depth int) {
	f := &Field{Type: c.Name, Static: true, Final: true, Class: c, Off: int(n.StartByte())}
	if name := n.ChildByFieldName("name"); name != nil {
		f.Name = l.text(name)
		f.Off = int(name.StartByte())
		c.EnumConstants = append(c.EnumConstants, f.Name)
	}
	nw := &New{Pos: pos(n), Type: c.Name}
	if a := n.ChildByFieldName("arguments"); a != nil {
		nw.Args = l.args(a, depth+1)
	}
	f.Init = nw
	c.Fields = append(c.Fields, f)
	if b := n.ChildByFieldName("body"); b != nil {
		l.classBody(c, b, depth)
	}
}

func (l *lowerer) method(c *Class, n *fnode, depth int) {
	mods := l.modifiersOf(n)
	m := &Method{Class: c, Static: mods.static, Public: mods.public, Private: mods.private, Annotations: mods.annotations, Constructor: n.Type() != "method_declaration"}
	if name := n.ChildByFieldName("name"); name != nil {
		m.Name = l.text(name)
		m.Off = int(name.StartByte())
	}
	if m.Constructor {
		m.Name = "<init>"
	}
	if rt := n.ChildByFieldName("type"); rt != nil {
		m.ReturnType = l.typeName(rt)
		m.ReturnTypeText = withoutSpace(l.text(rt))
	}
	if ps := n.ChildByFieldName("parameters"); ps != nil {
		for i := range int(ps.NamedChildCount()) {
			p := ps.NamedChild(i)
			switch p.Type() {
			case "formal_parameter", "spread_parameter":
				var prm Param
				if name := p.ChildByFieldName("name"); name != nil {
					prm.Name = l.text(name)
				}
				prm.Type = l.typeName(p.ChildByFieldName("type"))
				if p.Type() == "spread_parameter" {
					prm.Type = l.lastTypeIn(p) + "[]"
					prm.Name = l.lastIdentIn(p)
				}
				m.Params = append(m.Params, prm)
			}
		}
	}
	if body := n.ChildByFieldName("body"); body != nil {
		l.methodBody(c, m, body, depth)
	}
	c.Methods = append(c.Methods, m)
}

// methodBody lowers the body of m. Flink calls a user function's methods,
// user code does not: they build no pipeline, and their state use is found
// by stateUses. Their Body stays empty so the method still resolves, and
// the statements of a body that may register state are kept apart, in
// StateBody, for the state descriptors.
func (l *lowerer) methodBody(c *Class, m *Method, body *fnode, depth int) {
	if !m.Constructor && isFunctionClass(c) {
		m.Body = []Stmt{}
		if l.stateBodies && stateBody(l.src[body.StartByte():body.EndByte()]) {
			m.StateBody = l.block(body, depth+1)
		}
		return
	}
	m.Body = l.block(body, depth+1)
	if m.Body == nil {
		m.Body = []Stmt{}
	}
}

func (l *lowerer) lastTypeIn(n *fnode) string {
	for i := range int(n.NamedChildCount()) {
		c := n.NamedChild(i)
		if c.Type() != "modifiers" && c.Type() != "variable_declarator" {
			return l.typeName(c)
		}
	}
	return ""
}

func (l *lowerer) lastIdentIn(n *fnode) string {
	for i := int(n.NamedChildCount()) - 1; i >= 0; i-- {
		c := n.NamedChild(i)
		if c.Type() == "variable_declarator" {
			if name := c.ChildByFieldName("name"); name != nil {
				return l.text(name)
			}
		}
		if c.Type() == "identifier" {
			return l.text(c)
		}
	}
	return ""
}

func (l *lowerer) block(n *fnode, depth int) []Stmt {
	if n == nil {
		return nil
	}
	if n.Type() != "block" && n.Type() != "switch_block_statement_group" && n.Type() != "constructor_body" && n.Type() != "program" {
		return l.stmt(n, depth, nil)
	}
	var out []Stmt
	for i := range int(n.NamedChildCount()) {
		out = l.stmt(n.NamedChild(i), depth, out)
	}
	return out
}

//nolint:gocognit,cyclop // one case per Java statement kind reads best as a single switch
func (l *lowerer) stmt(n *fnode, depth int, out []Stmt) []Stmt {
	if depth > maxDepth {
		l.tooDeep(n)
		return out
	}
	switch n.Type() {
	case "local_variable_declaration":
		typ := l.typeName(n.ChildByFieldName("type"))
		final := l.modifiersOf(n).final
		for i := range int(n.NamedChildCount()) {
			d := n.NamedChild(i)
			if d.Type() != "variable_declarator" {
				continue
			}
			v := &LocalVar{Type: typ, Final: final, Off: int(d.StartByte())}
			if name := d.ChildByFieldName("name"); name != nil {
				v.Name = l.text(name)
			}
			if init := d.ChildByFieldName("value"); init != nil {
				v.Init = l.expr(init, depth+1)
			}
			out = append(out, v)
		}
	case "expression_statement":
		if c := n.NamedChild(0); c != nil {
			out = append(out, &ExprStmt{X: l.expr(c, depth+1)})
		}
	case "explicit_constructor_invocation":
		// this(…) or super(…): a call named so, without receiver, for the
		// evaluator to run the constructor it names.
		c := &Call{Pos: pos(n), Name: "super", NameOff: int(n.StartByte()), NameEnd: int(n.StartByte())}
		if strings.HasPrefix(l.text(n), "this") {
			c.Name = "this"
		}
		if a := n.ChildByFieldName("arguments"); a != nil {
			c.Args = l.args(a, depth+1)
		}
		out = append(out, &ExprStmt{X: c})
	case "return_statement", "yield_statement", "throw_statement":
		var x Expr
		if c := n.NamedChild(0); c != nil {
			x = l.expr(c, depth+1)
		}
		if n.Type() == "throw_statement" {
			out = append(out, &ExprStmt{X: x})
			break
		}
		out = append(out, &Return{X: x})
	case "if_statement":
		s := &If{Cond: l.exprOf(n.ChildByFieldName("condition"), depth+1)}
		s.Then = l.block(n.ChildByFieldName("consequence"), depth+1)
		if alt := n.ChildByFieldName("alternative"); alt != nil {
			s.Else = l.block(alt, depth+1)
			if s.Else == nil {
				s.Else = []Stmt{}
			}
		}
		out = append(out, s)
	case "for_statement":
		s := &Loop{}
		for i := range int(n.NamedChildCount()) {
			c := n.NamedChild(i)
			if c.Type() == "local_variable_declaration" {
				s.Init = l.stmt(c, depth+1, s.Init)
			}
		}
		if cond := n.ChildByFieldName("condition"); cond != nil {
			s.Update = append(s.Update, l.expr(cond, depth+1))
		}
		for i := range int(n.ChildCount()) {
			if n.FieldNameForChild(i) == "update" {
				s.Update = append(s.Update, l.expr(n.Child(i), depth+1))
			}
		}
		s.Body = l.block(n.ChildByFieldName("body"), depth+1)
		out = append(out, s)
	case "enhanced_for_statement":
		s := &Loop{}
		if name := n.ChildByFieldName("name"); name != nil {
			s.Var = l.text(name)
		}
		s.Iter = l.exprOf(n.ChildByFieldName("value"), depth+1)
		s.Body = l.block(n.ChildByFieldName("body"), depth+1)
		out = append(out, s)
	case "while_statement", "do_statement":
		out = append(out, &Loop{Body: l.block(n.ChildByFieldName("body"), depth+1)})
	case "block":
		out = append(out, &Block{Body: l.block(n, depth+1)})
	case "labeled_statement":
		for i := range int(n.NamedChildCount()) {
			if c := n.NamedChild(i); c.Type() != "identifier" {
				out = l.stmt(c, depth+1, out)
			}
		}
	case "try_statement", "try_with_resources_statement", "synchronized_statement":
		for i := range int(n.NamedChildCount()) {
			c := n.NamedChild(i)
			switch c.Type() {
			case "block":
				out = append(out, &Block{Body: l.block(c, depth+1)})
			case "catch_clause":
				out = append(out, &Block{Body: l.block(c.ChildByFieldName("body"), depth+1), Branch: true})
			case "finally_clause":
				out = append(out, &Block{Body: l.block(c.NamedChild(0), depth+1)})
			case "resource_specification":
				for j := range int(c.NamedChildCount()) {
					r := c.NamedChild(j)
					if v := r.ChildByFieldName("value"); v != nil {
						lv := &LocalVar{Type: l.typeName(r.ChildByFieldName("type")), Off: int(r.StartByte()), Init: l.expr(v, depth+1)}
						if name := r.ChildByFieldName("name"); name != nil {
							lv.Name = l.text(name)
						}
						out = append(out, lv)
					}
				}
			}
		}
	case "switch_expression", "switch_statement":
		out = append(out, &ExprStmt{X: l.expr(n, depth+1)})
	case "class_declaration", "record_declaration", "enum_declaration", "interface_declaration":
		// Local classes are rare in pipelines; their methods are reached when
		// instantiated through New with the class name resolved per file.
		if c := l.typeDecl(n, nil, depth+1); c != nil {
			l.file.Classes = append(l.file.Classes, c)
		}
	}
	return out
}

func (l *lowerer) exprOf(n *fnode, depth int) Expr {
	if n == nil {
		return nil
	}
	return l.expr(n, depth)
}

func (l *lowerer) args(n *fnode, depth int) []Expr { return l.callArgs(n, depth, false) }

// callArgs lowers an argument list. The arguments of udf methods (see
// flinkapi.TakesUDF) are user functions: their lambdas' bodies are left out.
func (l *lowerer) callArgs(n *fnode, depth int, udf bool) []Expr {
	k := 0
	for i := range int(n.NamedChildCount()) {
		if !isComment(n.NamedChild(i)) {
			k++
		}
	}
	out := l.exprs.Take(k)[:0]
	for i := range int(n.NamedChildCount()) {
		switch c := n.NamedChild(i); {
		case isComment(c):
		case udf && c.Type() == "lambda_expression" && depth <= maxDepth:
			out = append(out, l.lambda(c, depth, false))
		default:
			out = append(out, l.expr(c, depth))
		}
	}
	return out
}

// tooDeep records, once per file, that the lowering gave up on n's nesting,
// so that the statement is reported as not analysed instead of dropped
// without a word.
func (l *lowerer) tooDeep(n *fnode) {
	for _, e := range l.file.Errors {
		if e.Limit {
			return
		}
	}
	l.file.Errors = append(l.file.Errors, SyntaxError{
		Off: int(n.StartByte()), End: int(n.StartByte()), Limit: true,
		Msg: "statement nested deeper than " + strconv.Itoa(maxDepth) + " levels (a call chain or expression) is not analysed",
	})
}

func isComment(n *fnode) bool { return n.Type() == "line_comment" || n.Type() == "block_comment" }

//nolint:gocognit,cyclop // one case per Java expression kind reads best as a single switch
func (l *lowerer) expr(n *fnode, depth int) Expr {
	p := pos(n)
	if depth > maxDepth {
		l.tooDeep(n)
		return &Opaque{Pos: p}
	}
	switch n.Type() {
	case "method_invocation":
		c := l.calls.New()
		c.Pos = p
		if name := n.ChildByFieldName("name"); name != nil {
			c.Name = l.text(name)
			c.NameOff, c.NameEnd = int(name.StartByte()), int(name.EndByte())
		}
		udf := flinkapi.TakesUDF(c.Name)
		if obj := n.ChildByFieldName("object"); obj != nil {
			c.Recv = l.expr(obj, depth+1)
			// A capitalised receiver is a class (Helper.apply(s, x -> ...)),
			// not a stream: its lambdas may build the pipeline, as in the
			// C walk's uc_static_call.
			if id, ok := c.Recv.(*Ident); ok && id.Name != "" && id.Name[0] >= 'A' && id.Name[0] <= 'Z' {
				udf = false
			}
			// map and reduce of a java.util.stream pipeline are not
			// Flink's: their lambdas run in the job's main method and may
			// build operators (list.stream().map(t -> in.filter(...))).
			if udf && isJavaStream(c.Recv) {
				udf = false
			}
		}
		if a := n.ChildByFieldName("arguments"); a != nil {
			c.Args = l.callArgs(a, depth+1, udf && !l.keySelector(c.Name))
		}
		return c
	case "identifier", "type_identifier":
		id := l.idents.New()
		*id = Ident{Pos: p, Name: l.text(n)}
		return id
	case "this":
		return &This{Pos: p}
	case "field_access", "scoped_identifier", "scoped_type_identifier":
		fa := &FieldAccess{Pos: p}
		obj := n.ChildByFieldName("object")
		field := n.ChildByFieldName("field")
		if n.Type() != "field_access" {
			obj, field = n.ChildByFieldName("scope"), n.ChildByFieldName("name")
			if obj == nil && n.NamedChildCount() == 2 {
				obj, field = n.NamedChild(0), n.NamedChild(1)
			}
		}
		if obj == nil || field == nil {
			return &Opaque{Pos: p}
		}
		fa.X = l.expr(obj, depth+1)
		fa.Name = l.text(field)
		return fa
	case "string_literal":
		return l.lit(p, LitString, decodeString(l.text(n)))
	case "decimal_integer_literal", "hex_integer_literal", "octal_integer_literal", "binary_integer_literal":
		return l.lit(p, LitInt, l.text(n))
	case "character_literal":
		return l.lit(p, LitChar, decodeString(l.text(n)))
	case "true", "false":
		return l.lit(p, LitBool, n.Type())
	case "null_literal":
		return l.lit(p, LitNull, "null")
	case "decimal_floating_point_literal", "hex_floating_point_literal":
		return l.lit(p, LitOther, l.text(n))
	case "binary_expression":
		b := &Binary{Pos: p, L: l.exprOf(n.ChildByFieldName("left"), depth+1), R: l.exprOf(n.ChildByFieldName("right"), depth+1)}
		if op := n.ChildByFieldName("operator"); op != nil {
			b.Op = op.Type()
		}
		if b.L == nil || b.R == nil {
			return &Opaque{Pos: p}
		}
		return b
	case "unary_expression":
		u := &Unary{Pos: p, X: l.exprOf(n.ChildByFieldName("operand"), depth+1)}
		if op := n.ChildByFieldName("operator"); op != nil {
			u.Op = op.Type()
		}
		if u.X == nil {
			return &Opaque{Pos: p}
		}
		return u
	case "update_expression":
		u := &Unary{Pos: p}
		for i := range int(n.ChildCount()) {
			c := n.Child(i)
			if c.IsNamed() {
				u.X = l.expr(c, depth+1)
			} else {
				u.Op = c.Type()
			}
		}
		if u.X == nil {
			return &Opaque{Pos: p}
		}
		return u
	case "parenthesized_expression":
		if c := n.NamedChild(0); c != nil {
			return l.expr(c, depth+1)
		}
	case "cast_expression":
		if v := n.ChildByFieldName("value"); v != nil {
			return l.expr(v, depth+1)
		}
	case "object_creation_expression":
		nw := &New{Pos: p, Type: l.typeName(n.ChildByFieldName("type"))}
		if a := n.ChildByFieldName("arguments"); a != nil {
			nw.Args = l.args(a, depth+1)
		}
		for i := range int(n.NamedChildCount()) {
			if c := n.NamedChild(i); c.Type() == "class_body" {
				anon := &Class{Kind: KindAnonymous, Super: nw.Type, File: l.file, Off: int(c.StartByte()), End: int(c.EndByte()), NameOff: p.Off}
				if t := n.ChildByFieldName("type"); t != nil {
					anon.SuperText = withoutSpace(l.text(t))
				}
				anon.Qualified = nw.Type + "$anon"
				l.classBody(anon, c, depth+1)
				l.anon = append(l.anon, anon)
				nw.Body = anon
			}
		}
		return nw
	case "lambda_expression":
		return l.lambda(n, depth, true)
	case "method_reference":
		mr := &MethodRef{Pos: p}
		if n.NamedChildCount() > 0 {
			mr.X = l.expr(n.NamedChild(0), depth+1)
		}
		if k := n.NamedChildCount(); k > 1 {
			mr.Name = l.text(n.NamedChild(int(k) - 1))
		} else {
			mr.Name = "new"
		}
		return mr
	case "class_literal":
		if c := n.NamedChild(0); c != nil {
			return &ClassLit{Pos: p, Type: l.typeName(c)}
		}
	case "ternary_expression":
		return &Cond{Pos: p, C: l.exprOf(n.ChildByFieldName("condition"), depth+1), T: l.exprOf(n.ChildByFieldName("consequence"), depth+1), F: l.exprOf(n.ChildByFieldName("alternative"), depth+1)}
	case "assignment_expression":
		a := &Assign{Pos: p, L: l.exprOf(n.ChildByFieldName("left"), depth+1), R: l.exprOf(n.ChildByFieldName("right"), depth+1)}
		if op := n.ChildByFieldName("operator"); op != nil {
			a.Op = op.Type()
		}
		if a.L == nil || a.R == nil {
			return &Opaque{Pos: p}
		}
		return a
	case "switch_expression", "switch_statement":
		o := &Opaque{Pos: p}
		if body := n.ChildByFieldName("body"); body != nil {
			for i := range int(body.NamedChildCount()) {
				arm := body.NamedChild(i)
				var stmts []Stmt
				for j := range int(arm.NamedChildCount()) {
					c := arm.NamedChild(j)
					if c.Type() == "switch_label" {
						continue
					}
					if c.Type() == "expression_statement" || c.Type() == "block" || c.Type() == "throw_statement" || strings.HasSuffix(c.Type(), "_statement") || c.Type() == "local_variable_declaration" {
						stmts = l.stmt(c, depth+1, stmts)
					} else {
						stmts = append(stmts, &Return{X: l.expr(c, depth+1)})
					}
				}
				o.Sub = append(o.Sub, &Lambda{Pos: pos(arm), Body: []Stmt{&Block{Body: stmts, Branch: true}}})
			}
		}
		return o
	}
	// Anything else: keep the subexpressions that may hold pipeline calls.
	o := &Opaque{Pos: p}
	for i := range int(n.NamedChildCount()) {
		c := n.NamedChild(i)
		switch c.Type() {
		case "line_comment", "block_comment", "type_arguments", "dimensions", "modifiers":
			continue
		}
		o.Sub = append(o.Sub, l.expr(c, depth+1))
	}
	return o
}

// keySelector reports whether the lambdas given to the method name are
// key selectors whose bodies are lowered: their return type is the key type
// the state check compares with the savepoint's key serializer. The C walk
// keeps the same bodies (UC_KEYSEL).
func (l *lowerer) keySelector(name string) bool { return l.stateBodies && name == "keyBy" }

// lambda lowers a lambda expression, without its body unless withBody.
func (l *lowerer) lambda(n *fnode, depth int, withBody bool) *Lambda {
	lam := l.lambdas.New()
	lam.Pos = pos(n)
	if ps := n.ChildByFieldName("parameters"); ps != nil {
		if ps.Type() == "identifier" {
			lam.Params = l.strs.Take(1)
			lam.Params[0] = l.text(ps)
		} else {
			lam.Params = l.strs.Take(int(ps.NamedChildCount()))[:0]
			for i := range int(ps.NamedChildCount()) {
				c := ps.NamedChild(i)
				if c.Type() == "identifier" {
					lam.Params = append(lam.Params, l.text(c))
				} else if name := c.ChildByFieldName("name"); name != nil {
					lam.Params = append(lam.Params, l.text(name))
				}
			}
		}
	}
	if body := n.ChildByFieldName("body"); body != nil && withBody {
		if body.Type() == "block" {
			lam.Body = l.block(body, depth+1)
		} else {
			lam.Body = []Stmt{&Return{X: l.expr(body, depth+1)}}
		}
	}
	return lam
}

// isJavaStream reports whether x is a java.util.stream pipeline: a chain
// that begins with x.stream(), x.parallelStream() or Stream.of(...), as
// uc_java_stream in flat.go decides while flattening.
func isJavaStream(x Expr) bool {
	for range 64 {
		c, ok := x.(*Call)
		if !ok {
			return false
		}
		if c.Name == "stream" || c.Name == "parallelStream" {
			return true
		}
		if id, ok := c.Recv.(*Ident); ok && id.Name == "Stream" && c.Name == "of" {
			return true
		}
		x = c.Recv
	}
	return false
}

// stateBody reports whether a user function's method body may register
// state: it names a state (getState, ValueStateDescriptor, …) or a runtime
// context. The C walk keeps exactly these bodies (uc_state_body).
func stateBody(body []byte) bool {
	return bytes.Contains(body, []byte("State")) || bytes.Contains(body, []byte("RuntimeContext"))
}

func isFunctionClass(c *Class) bool {
	if flinkapi.FunctionBases[simple(c.Super)] {
		return true
	}
	for _, i := range c.Interfaces {
		if flinkapi.FunctionBases[simple(i)] {
			return true
		}
	}
	return false
}

func simple(t string) string {
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		return t[i+1:]
	}
	return t
}

// decodeString decodes a Java string, character or text block literal.
func decodeString(raw string) string {
	switch {
	case strings.HasPrefix(raw, `"""`) && strings.HasSuffix(raw, `"""`) && len(raw) >= 6:
		raw = raw[3 : len(raw)-3]
		if i := strings.IndexByte(raw, '\n'); i >= 0 {
			raw = raw[i+1:]
		}
		raw = stripIndent(raw)
	case len(raw) >= 2:
		raw = raw[1 : len(raw)-1]
	}
	if !strings.Contains(raw, `\`) {
		return raw
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		ch := raw[i]
		if ch != '\\' || i+1 >= len(raw) {
			b.WriteByte(ch)
			continue
		}
		i++
		switch raw[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 's':
			b.WriteByte(' ')
		case '\n':
		case 'u':
			for i < len(raw) && raw[i] == 'u' {
				i++
			}
			if r, ok := hexRune(raw[i:min(i+4, len(raw))]); ok {
				b.WriteRune(r)
				i += 3
				continue
			}
			i--
		case '0', '1', '2', '3', '4', '5', '6', '7':
			var r rune
			j := i
			for j < len(raw) && j < i+3 && raw[j] >= '0' && raw[j] <= '7' {
				r = r*8 + rune(raw[j]-'0')
				j++
			}
			b.WriteRune(r)
			i = j - 1
		default:
			b.WriteByte(raw[i])
		}
	}
	return b.String()
}

// hexRune decodes the four hex digits of a \uXXXX escape.
func hexRune(s string) (rune, bool) {
	if len(s) != 4 {
		return 0, false
	}
	var r rune
	for i := range len(s) {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			r = r*16 + rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r*16 + rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r*16 + rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// stripIndent removes the common leading whitespace of a text block's lines.
func stripIndent(s string) string {
	lines := strings.Split(s, "\n")
	indent := -1
	for _, ln := range lines {
		if strings.TrimSpace(ln) == "" {
			continue
		}
		k := len(ln) - len(strings.TrimLeft(ln, " \t"))
		if indent < 0 || k < indent {
			indent = k
		}
	}
	if indent <= 0 {
		return s
	}
	for i, ln := range lines {
		if len(ln) >= indent {
			lines[i] = ln[indent:]
		} else {
			lines[i] = strings.TrimLeft(ln, " \t")
		}
	}
	return strings.Join(lines, "\n")
}
