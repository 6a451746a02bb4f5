package pipeline

import (
	"strconv"
	"strings"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
	"github.com/uidcheck/uidcheck/analyzer/javasyntax"
)

// typeExpr is a Java type as written: a name with type arguments and array
// dimensions ("Tuple2<Long, Event>[]").
type typeExpr struct {
	name string
	args []*typeExpr
	dims int
}

// parseTypeText parses a type as written; nil when it is not one.
func parseTypeText(s string) *typeExpr {
	t, rest := parseTypeAt(strings.TrimSpace(s), 0)
	if t == nil || strings.TrimSpace(rest) != "" {
		return nil
	}
	return t
}

func parseTypeAt(s string, depth int) (*typeExpr, string) {
	s = strings.TrimSpace(s)
	if depth > 20 {
		return nil, s
	}
	for _, wild := range []string{"? extends ", "? super "} {
		if rest, ok := strings.CutPrefix(s, wild); ok {
			s = rest
		}
	}
	i := 0
	for i < len(s) && (isIdentChar(s[i]) || s[i] == '.' || s[i] == '?') {
		i++
	}
	if i == 0 {
		return nil, s
	}
	t := &typeExpr{name: s[:i]}
	s = strings.TrimSpace(s[i:])
	if strings.HasPrefix(s, "<") {
		s = s[1:]
		for {
			a, rest := parseTypeAt(s, depth+1)
			if a == nil {
				return nil, s
			}
			t.args = append(t.args, a)
			rest = strings.TrimSpace(rest)
			if strings.HasPrefix(rest, ",") {
				s = rest[1:]
				continue
			}
			if !strings.HasPrefix(rest, ">") {
				return nil, rest
			}
			s = strings.TrimSpace(rest[1:])
			break
		}
	}
	for strings.HasPrefix(s, "[]") {
		t.dims++
		s = strings.TrimSpace(s[2:])
	}
	return t, s
}

func isIdentChar(b byte) bool {
	return b == '_' || b == '$' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}

// unknownType is a type that is not inferred, and why.
func unknownType(why string) *TypeInfo { return &TypeInfo{Unknown: why} }

// maxTypeDepth bounds nested types (POJOs holding POJOs); Flink handles
// recursive types with Kryo, which the inference does not try to follow.
const maxTypeDepth = 8

// typeOf infers the TypeInformation Flink's TypeExtractor gives the type t
// written in file (a TypeHint's argument, a class literal, a POJO field).
func (ix *index) typeOf(t *typeExpr, file *javasyntax.File, depth int) *TypeInfo {
	if t == nil {
		return unknownType("the type is not written in a form the analysis reads")
	}
	if depth > maxTypeDepth {
		return unknownType("type nested too deeply")
	}
	if t.dims > 0 {
		return ix.arrayTypeOf(t, file, depth)
	}
	if cls, ok := javaClassOf(t.name); ok {
		return basicType(cls)
	}
	if n, ok := tupleArity(t.name); ok {
		if len(t.args) != n || n == 0 {
			return unknownType("a " + t.name + " without its type arguments: Flink cannot extract its field types")
		}
		out := &TypeInfo{Family: "tuple", Class: flinkapi.TupleClass + strconv.Itoa(n)}
		for _, a := range t.args {
			out.Args = append(out.Args, ix.typeOf(a, file, depth+1))
		}
		return out
	}
	switch simpleName(t.name) {
	case "List":
		if len(t.args) == 1 && (t.name == "List" || t.name == "java.util.List") {
			// Flink 1.x serializes it with Kryo, 2.x with its list
			// serializer; compat compares it with whichever was saved.
			return &TypeInfo{Family: "list", Class: "java.util.List", Args: []*TypeInfo{ix.typeOf(t.args[0], file, depth+1)}, Collection: true}
		}
		return unknownType(t.name + " without its element type")
	case "ArrayList", "Map", "HashMap", "Set", "HashSet", "Collection", "Iterable":
		return unknownType(t.name + ": whether TypeExtractor uses Kryo or a collection serializer for it depends on the Flink version")
	case "Row":
		return unknownType("Row needs a RowTypeInfo (Types.ROW) to name its fields")
	case "?", "Object":
		return unknownType("type " + t.name + " does not name a class")
	}
	cls := ix.class(t.name, file)
	if cls == nil {
		if len(t.name) == 1 && t.name[0] >= 'A' && t.name[0] <= 'Z' {
			return unknownType("type variable " + t.name)
		}
		return unknownType("class " + t.name + " is not in the analysed sources")
	}
	return ix.classType(cls, depth)
}

// javaClassOf resolves primitives, java.lang names and the JDK classes with
// a basic serializer to their binary name.
func javaClassOf(name string) (string, bool) {
	if c, ok := flinkapi.JavaLangNames[name]; ok {
		return c, name != "Object"
	}
	if _, ok := flinkapi.BasicSerializers[name]; ok {
		return name, true
	}
	if c, ok := flinkapi.WellKnownClasses[name]; ok {
		return c, true
	}
	return "", false
}

func basicType(cls string) *TypeInfo {
	if s, ok := flinkapi.BasicSerializers[cls]; ok {
		return &TypeInfo{Family: "simple", Class: cls, Serializer: s}
	}
	return unknownType("no basic serializer for " + cls)
}

func tupleArity(name string) (int, bool) {
	rest, ok := strings.CutPrefix(simpleName(name), "Tuple")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil && n <= 25
}

// arrayTypeOf follows TypeExtractor for arrays: primitive arrays and
// String[] have their own serializers, other arrays a generic one over the
// component.
func (ix *index) arrayTypeOf(t *typeExpr, file *javasyntax.File, depth int) *TypeInfo {
	comp := &typeExpr{name: t.name, args: t.args, dims: t.dims - 1}
	if t.dims == 1 {
		name := t.name
		if c, ok := flinkapi.JavaLangNames[name]; ok && c == "java.lang.String" {
			name = c
		}
		if _, ok := flinkapi.BasicSerializers[name+"[]"]; ok {
			return basicType(name + "[]")
		}
	}
	elem := ix.typeOf(comp, file, depth+1)
	if elem.Family == "" {
		return unknownType("array of " + t.name + ": " + elem.Unknown)
	}
	return &TypeInfo{Family: "array", Class: elem.Class, Args: []*TypeInfo{elem}}
}

// classType judges a class of the tree as TypeExtractor does: enums, Avro
// specific records, POJOs, and Kryo for everything else.
func (ix *index) classType(c *javasyntax.Class, depth int) *TypeInfo {
	name := binaryName(c, false)
	switch {
	case c.Kind == javasyntax.KindEnum:
		return &TypeInfo{Family: "enum", Class: name, EnumConstants: c.EnumConstants}
	case c.Kind == javasyntax.KindRecord:
		return ix.recordType(c, name, depth)
	case ix.avroRecord(c):
		return &TypeInfo{Family: "avro", Class: name, AvroSchema: avroSchema(c)}
	case c.Kind == javasyntax.KindInterface:
		return &TypeInfo{Family: "kryo", Class: name}
	}
	fields, why := ix.pojoFields(c, depth)
	if why == "" {
		return &TypeInfo{Family: "pojo", Class: name, Fields: fields, NoArgConstructor: true}
	}
	if strings.HasPrefix(why, "?") {
		return unknownType(why[1:])
	}
	return &TypeInfo{Family: "kryo", Class: name, Unknown: why, NoArgConstructor: hasNoArgConstructor(c)}
}

// recordType judges a Java record: since Flink 1.19 a public record is a
// POJO of its components, built through its canonical constructor (no
// no-argument constructor or accessors needed); a record that is not
// public, and any record before 1.19, goes to Kryo. Record marks the type
// so that compat can apply the version (compat.recordsFor).
func (ix *index) recordType(c *javasyntax.Class, name string, depth int) *TypeInfo {
	if !c.Public {
		return &TypeInfo{Family: "kryo", Class: name, Unknown: c.Name + " is not public, so Flink serializes it with Kryo"}
	}
	t := &TypeInfo{Family: "pojo", Class: name, NoArgConstructor: true, Record: true}
	for _, f := range c.Fields {
		if f.Static {
			continue
		}
		tf := TypeField{Name: f.Name, Type: ix.typeOf(parseTypeText(f.TypeText), c.File, depth+1)}
		if flinkapi.PrimitiveNames[f.TypeText] {
			tf.Primitive = f.TypeText
		}
		t.Fields = append(t.Fields, tf)
	}
	return t
}

// avroRecord reports whether c is an Avro specific record: its hierarchy
// reaches SpecificRecordBase or SpecificRecord.
func (ix *index) avroRecord(c *javasyntax.Class) bool {
	return implementsAny(ix, c, "SpecificRecord") || ix.extendsAny(c, map[string]bool{"SpecificRecordBase": true})
}

// avroSchema reads the schema of a generated Avro class from its SCHEMA$
// field (new Schema.Parser().parse("…")), "" when not written so.
func avroSchema(c *javasyntax.Class) string {
	for _, f := range c.Fields {
		if f.Name != "SCHEMA$" || f.Init == nil {
			continue
		}
		var parts []string
		walkExpr(f.Init, func(x javasyntax.Expr) {
			if l, ok := x.(*javasyntax.Lit); ok && l.Kind == javasyntax.LitString {
				parts = append(parts, l.Value)
			}
		})
		return strings.Join(parts, "")
	}
	return ""
}

// pojoFields applies Flink's POJO rules (TypeExtractor.analyzePojo): a
// public, non-abstract, top-level or static class with a public no-argument
// constructor whose every non-static, non-transient field, its
// superclasses' included, is public or has a getter and a setter. why is ""
// for a POJO; a reason starting with '?' means the rules could not be
// decided from the sources (the class is then not judged at all).
func (ix *index) pojoFields(c *javasyntax.Class, depth int) (fields []TypeField, why string) {
	switch {
	case !c.Public:
		return nil, c.Name + " is not public, so Flink serializes it with Kryo"
	case c.Abstract:
		return nil, c.Name + " is abstract, so Flink serializes it with Kryo"
	case c.Outer != nil && !c.Static:
		return nil, c.Name + " is a non-static inner class, so Flink serializes it with Kryo"
	case !hasPublicNoArgConstructor(c):
		return nil, c.Name + " has no public no-argument constructor, so Flink serializes it with Kryo"
	}
	for k, seen := c, 0; k != nil && seen < 20; seen++ {
		for _, f := range k.Fields {
			if f.Static || f.Transient {
				continue
			}
			if !f.Public && !hasAccessors(k, f) {
				return nil, "field " + f.Name + " of " + c.Name + " is neither public nor has a getter and setter, so Flink serializes " + c.Name + " with Kryo"
			}
			tf := TypeField{Name: f.Name, Type: ix.typeOf(parseTypeText(f.TypeText), k.File, depth+1)}
			if flinkapi.PrimitiveNames[f.TypeText] {
				tf.Primitive = f.TypeText
			}
			fields = append(fields, tf)
		}
		if k.Super == "" || k.Super == "Object" || k.Super == "java.lang.Object" {
			return fields, ""
		}
		sup := ix.class(k.Super, k.File)
		if sup == nil {
			return nil, "?the superclass " + k.Super + " of " + k.Name + " is not in the analysed sources"
		}
		k = sup
	}
	return nil, "?class hierarchy of " + c.Name + " too deep"
}

func hasNoArgConstructor(c *javasyntax.Class) bool {
	found := false
	for _, m := range c.Methods {
		if m.Constructor {
			if len(m.Params) == 0 {
				return true
			}
			found = true
		}
	}
	return !found
}

func hasPublicNoArgConstructor(c *javasyntax.Class) bool {
	found := false
	for _, m := range c.Methods {
		if !m.Constructor {
			continue
		}
		if len(m.Params) == 0 && m.Public {
			return true
		}
		found = true
	}
	return !found // the default constructor is as public as the class
}

// hasAccessors finds a getter (get<Name>, is<Name>, or Scala's <name>) and
// a setter (set<Name>) of field f, names compared without case as Flink
// does.
func hasAccessors(c *javasyntax.Class, f *javasyntax.Field) bool {
	low := strings.ToLower(f.Name)
	getter, setter := false, false
	for _, m := range c.Methods {
		name := strings.ToLower(m.Name)
		switch {
		case len(m.Params) == 0 && (name == "get"+low || name == "is"+low || name == low) && m.ReturnType != "void":
			getter = true
		case len(m.Params) == 1 && (name == "set"+low || name == low+"_$eq"):
			setter = true
		}
	}
	return getter && setter
}

// typeInfoExpr infers the type a descriptor is given: a class literal, a
// TypeInformation (Types.X, BasicTypeInfo.X, TypeInformation.of(…), a
// TypeHint, Types.TUPLE/POJO/LIST/MAP/…), a serializer singleton, or a
// variable or constant holding one of those.
func (ix *index) typeInfoExpr(x javasyntax.Expr, s site, depth int) *TypeInfo {
	if depth > maxResolve {
		return unknownType("too many indirections")
	}
	file := s.file()
	switch x := x.(type) {
	case *javasyntax.ClassLit:
		return ix.typeOf(parseTypeText(x.Type), file, 0)
	case *javasyntax.New:
		if x.Body != nil && simpleName(x.Type) == "TypeHint" {
			return ix.typeHint(x.Body, file)
		}
		if simpleName(x.Type) == "GenericRecordAvroTypeInfo" && len(x.Args) == 1 {
			return ix.genericRecord(x.Args[0], s)
		}
		return unknownType("type given as " + exprText(file, x) + " is not inferred")
	case *javasyntax.FieldAccess:
		text := exprText(file, x)
		if cls, ok := flinkapi.TypeConstants[strings.TrimPrefix(text, "org.apache.flink.api.common.typeinfo.")]; ok {
			return basicType(cls)
		}
		if cls, ok := flinkapi.SerializerInstances[simpleName(exprText(file, x.X))]; ok && x.Name == "INSTANCE" {
			return basicType(cls)
		}
	case *javasyntax.Call:
		return ix.typeInfoCall(x, s, depth)
	}
	def, at, _, why := ix.definition(x, s)
	if def == nil {
		return unknownType("type given as " + exprText(file, x) + " is not inferred: " + why)
	}
	return ix.typeInfoExpr(def, at, depth+1)
}

// typeHint reads the type argument of an anonymous TypeHint subclass.
func (ix *index) typeHint(body *javasyntax.Class, file *javasyntax.File) *TypeInfo {
	t := parseTypeText(body.SuperText)
	if t == nil || len(t.args) != 1 {
		return unknownType("TypeHint without a type argument")
	}
	return ix.typeOf(t.args[0], file, 0)
}

// typeInfoCall infers the TypeInformation a factory call returns.
func (ix *index) typeInfoCall(c *javasyntax.Call, s site, depth int) *TypeInfo {
	file := s.file()
	recv := simpleName(exprText(file, c.Recv))
	args := func() []*TypeInfo {
		out := make([]*TypeInfo, 0, len(c.Args))
		for _, a := range c.Args {
			out = append(out, ix.typeInfoExpr(a, s, depth+1))
		}
		return out
	}
	one := func() *TypeInfo {
		if len(c.Args) != 1 {
			return unknownType(recv + "." + c.Name + " with " + strconv.Itoa(len(c.Args)) + " arguments")
		}
		return ix.typeInfoExpr(c.Args[0], s, depth+1)
	}
	switch {
	case c.Name == "getTypeInfo" && c.Recv != nil:
		if n, ok := c.Recv.(*javasyntax.New); ok && n.Body != nil {
			return ix.typeHint(n.Body, file)
		}
	case recv == "TypeInformation" && c.Name == "of", recv == "TypeExtractor" && c.Name == "getForClass":
		return one()
	case recv != "Types":
	case c.Name == "TUPLE":
		a := args()
		return &TypeInfo{Family: "tuple", Class: flinkapi.TupleClass + strconv.Itoa(len(a)), Args: a}
	case c.Name == "ROW":
		return &TypeInfo{Family: "row", Class: "org.apache.flink.types.Row", Args: args()}
	case c.Name == "LIST":
		return &TypeInfo{Family: "list", Class: "java.util.List", Args: args()}
	case c.Name == "MAP":
		return &TypeInfo{Family: "map", Class: "java.util.Map", Args: args()}
	case c.Name == "OBJECT_ARRAY":
		a := one()
		return &TypeInfo{Family: "array", Class: a.Class, Args: []*TypeInfo{a}}
	case c.Name == "PRIMITIVE_ARRAY":
		a := one()
		if p, ok := flinkapi.PrimitiveOf[a.Class]; ok && a.Family == "simple" {
			return basicType(p + "[]")
		}
		return unknownType("primitive array of " + a.String())
	case c.Name == "POJO" || c.Name == "ENUM" || c.Name == "GENERIC":
		t := one()
		switch {
		case t.Family == "":
			return t
		case c.Name == "GENERIC":
			return &TypeInfo{Family: "kryo", Class: t.Class}
		case c.Name == "POJO" && t.Family != "pojo":
			return unknownType("Types.POJO of " + t.Class + ", which Flink does not accept as a POJO")
		}
		return t
	}
	if def, at, ok := ix.returned(c, s); ok {
		return ix.typeInfoExpr(def, at, depth+1)
	}
	return unknownType("type given as " + exprText(file, c) + " is not inferred")
}

// genericRecord infers an Avro GenericRecord type from the schema given to
// GenericRecordAvroTypeInfo: new Schema.Parser().parse("…"), possibly
// through a variable or constant.
func (ix *index) genericRecord(x javasyntax.Expr, s site) *TypeInfo {
	for range maxResolve {
		if c, ok := x.(*javasyntax.Call); ok && c.Name == "parse" && len(c.Args) == 1 {
			schema, ok := ix.stringConst(c.Args[0], s, 0)
			if !ok {
				return unknownType("the Avro schema is not a constant")
			}
			return &TypeInfo{Family: "avro", Class: flinkapi.AvroGenericRecord, AvroSchema: schema}
		}
		def, at, _, why := ix.definition(x, s)
		if def == nil {
			return unknownType("the Avro schema could not be traced: " + why)
		}
		x, s = def, at
	}
	return unknownType("too many indirections")
}
