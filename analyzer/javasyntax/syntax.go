package javasyntax

// The lowered syntax below keeps only what the pipeline model reads: type
// declarations, fields, method signatures, and method bodies as statements and
// expressions. Everything else becomes an [Opaque] expression holding its
// source range. Tree-sitter trees cost about ten times the source size, so
// each tree is closed as soon as its file is lowered; this is what keeps peak
// memory low on large trees.

// File is one parsed Java file.
type File struct {
	// Name is the path registered in the pass's FileSet.
	Name string
	// Src is the file's content, as registered.
	Src     []byte
	Package string
	// Imports are the imported names: "org.x.Y", "org.x.*", and for static
	// imports "static org.x.Y.CONST" or "static org.x.Y.*".
	Imports []string
	Classes []*Class
	// Errors are the syntax errors tree-sitter recovered from.
	Errors []SyntaxError
	// Directives are the file's uidcheck comments and annotations.
	Directives []Directive
}

// SyntaxError is an ERROR or MISSING region of a file, or with Limit a
// place where the lowering stopped at its nesting limit.
type SyntaxError struct {
	Off, End int
	Msg      string
	Limit    bool
}

// ClassKind tells classes, interfaces, enums and records apart.
type ClassKind int

// Class kinds.
const (
	KindClass ClassKind = iota
	KindInterface
	KindEnum
	KindRecord
	KindAnonymous
)

// Class is a type declaration, or an anonymous class body.
type Class struct {
	Kind ClassKind
	// Name is the simple name; "" for anonymous classes.
	Name string
	// Qualified is "pkg.Outer.Inner"; for anonymous classes the enclosing
	// class's name with "$anon".
	Qualified string
	// Super is the extended type as written, without type arguments; for an
	// anonymous class, the instantiated type.
	Super      string
	Interfaces []string
	// SuperText and InterfaceTexts are the same types as written, with
	// their type arguments ("KeyedProcessFunction<String, Event, Long>"):
	// the state check reads a keyed function's key type from them.
	SuperText      string
	InterfaceTexts []string
	Outer          *Class
	File           *File
	Fields         []*Field
	Methods        []*Method
	Inner          []*Class
	// Off and End delimit the declaration; NameOff is the name's offset.
	Off, End, NameOff int
	// EnumConstants are an enum's constants in declaration order (Flink's
	// enum serializer fails on restore when one is removed).
	EnumConstants []string
	// Public, Static and Abstract are the modifiers Flink's POJO rules read.
	Public, Static, Abstract bool
	// StateUses lists calls of Flink state and timer APIs in this class's
	// own body (nested named classes excluded).
	StateUses []StateUse
}

// StateUse is a call of a state or timer API, e.g. getState or
// registerEventTimeTimer, found in a class body.
type StateUse struct {
	API string
	Off int
}

// Field is one declared field (one per declarator).
type Field struct {
	Name, Type string
	// TypeText is the type as written, with type arguments.
	TypeText      string
	Static, Final bool
	// Public and Transient are the modifiers Flink's POJO rules read.
	Public, Transient bool
	Init              Expr // nil without initialiser
	Off               int
	Class             *Class
}

// Param is a formal parameter.
type Param struct {
	Name, Type string
}

// Method is a method or constructor with a body (Body nil for abstract ones).
type Method struct {
	Name       string
	Params     []Param
	ReturnType string
	// ReturnTypeText is the return type as written, with type arguments.
	ReturnTypeText string
	Static         bool
	// Public is the modifier Flink's POJO rules read (getters, setters and
	// the no-argument constructor must be public).
	Public      bool
	Constructor bool
	// Private methods can be called only from their own file.
	Private bool
	// Annotations are the simple names of the method's annotations
	// ("Test" for @org.junit.jupiter.api.Test).
	Annotations []string
	Body        []Stmt
	// StateBody is, for a method of a user function class (whose Body is
	// left empty), the statements of a body that may register state; nil
	// otherwise. The state check reads the descriptors registered there.
	StateBody []Stmt
	Off       int // offset of the name
	Class     *Class
}

// Stmt is a lowered statement.
type Stmt interface{ stmt() }

// LocalVar declares a local variable (one per declarator).
type LocalVar struct {
	Type  string // "var" for inferred types
	Name  string
	Final bool
	Init  Expr
	Off   int
}

// ExprStmt is an expression used as a statement.
type ExprStmt struct{ X Expr }

// Return returns X (nil for a bare return).
type Return struct{ X Expr }

// If is a conditional; Else is nil without an else branch.
type If struct {
	Cond       Expr
	Then, Else []Stmt
}

// Loop is any loop. For an enhanced for, Var and Iter are set; for a basic
// for, Init and Update.
type Loop struct {
	Init   []Stmt
	Var    string
	Iter   Expr
	Update []Expr
	Body   []Stmt
}

// Block is a nested block: plain blocks, try bodies, catch and finally
// clauses, switch arms, synchronized bodies. Branch marks blocks that are
// alternatives of each other (switch arms, catch clauses).
type Block struct {
	Body   []Stmt
	Branch bool
}

func (*LocalVar) stmt() {}
func (*ExprStmt) stmt() {}
func (*Return) stmt()   {}
func (*If) stmt()       {}
func (*Loop) stmt()     {}
func (*Block) stmt()    {}

// Expr is a lowered expression. Span returns its byte range in the file.
type Expr interface{ Span() (off, end int) }

// Pos is the byte range of an expression.
type Pos struct{ Off, End int }

// Span returns the range.
func (p Pos) Span() (off, end int) { return p.Off, p.End }

// Call is a method invocation. Recv is nil for an unqualified call.
type Call struct {
	Pos
	Recv             Expr
	Name             string
	NameOff, NameEnd int
	Args             []Expr
}

// Ident is a simple name.
type Ident struct {
	Pos
	Name string
}

// FieldAccess is X.Name, including qualified names such as a.b.C.
type FieldAccess struct {
	Pos
	X    Expr
	Name string
}

// LitKind classifies literals.
type LitKind int

// Literal kinds.
const (
	LitString LitKind = iota
	LitInt
	LitChar
	LitBool
	LitNull
	LitOther
)

// Lit is a literal. For strings Value is the decoded content.
type Lit struct {
	Pos
	Kind  LitKind
	Value string
}

// Binary is L Op R.
type Binary struct {
	Pos
	Op   string
	L, R Expr
}

// Unary is Op X, and X++ / X-- (Op "++" or "--").
type Unary struct {
	Pos
	Op string
	X  Expr
}

// New is `new Type(args)`, with Body set for an anonymous class.
type New struct {
	Pos
	Type string
	Args []Expr
	Body *Class
}

// Lambda is a lambda expression; Body holds its statements (an expression
// body becomes one Return). The body of a lambda passed as a user function
// to a DataStream method (map, filter, keyBy, …) is not kept: Body is nil.
type Lambda struct {
	Pos
	Params []string
	Body   []Stmt
}

// MethodRef is X::Name.
type MethodRef struct {
	Pos
	X    Expr
	Name string
}

// ClassLit is Type.class.
type ClassLit struct {
	Pos
	Type string
}

// Cond is C ? T : F.
type Cond struct {
	Pos
	C, T, F Expr
}

// Assign is L Op R with Op "=", "+=", ….
type Assign struct {
	Pos
	Op   string
	L, R Expr
}

// This is `this`.
type This struct{ Pos }

// Opaque is any other expression; Sub lists the lowered subexpressions worth
// visiting (arguments of array initialisers, array accesses, …).
type Opaque struct {
	Pos
	Sub []Expr
}
