package javasyntax

import (
	"bytes"
	"strings"
)

// A Flink job file opens with a long list of imports: dotted names, so
// many tokens for their bytes. On the generated benchmark jobs tree-sitter
// spent about a tenth of each parse on them. Package and import
// declarations have a regular grammar, so scanHeader reads them by bytes
// and tree-sitter parses only what follows.
//
// The scanner accepts only the plain forms: ASCII names, whitespace and
// comments between declarations. At anything else (an annotation, a
// comment inside a declaration, a unicode escape, a syntax error) the
// header ends and tree-sitter parses from there, so nothing it would have
// read or reported is lost.

// header is what scanHeader read.
type header struct {
	pkg     string
	imports []string
	// end is the offset just after the last declaration read: where the
	// parse starts.
	end int
	// comments are the ranges of the line comments scanned, some of them
	// past end, where the parse sees them again.
	comments [][2]int
}

// scanHeader reads the package and import declarations at the start of src.
func scanHeader(src []byte) header {
	var h header
	s := headerScanner{src: src, comments: &h.comments}
	s.space()
	if s.keyword("package") {
		name, ok := s.declaration(false)
		if !ok {
			return h
		}
		h.pkg, h.end = name, s.i
		s.space()
	}
	for s.keyword("import") {
		name, ok := s.declaration(true)
		if !ok {
			break
		}
		h.imports = append(h.imports, name)
		h.end = s.i
		s.space()
	}
	return h
}

type headerScanner struct {
	src      []byte
	i        int
	comments *[][2]int
}

// space skips whitespace and comments. An unterminated block comment is
// left for tree-sitter to report.
func (s *headerScanner) space() {
	for s.i < len(s.src) {
		switch {
		case isBlank(s.src[s.i]):
			s.i++
		case s.at("//"):
			start := s.i
			for s.i < len(s.src) && s.src[s.i] != '\n' && s.src[s.i] != '\r' {
				s.i++
			}
			*s.comments = append(*s.comments, [2]int{start, s.i})
		case s.at("/*"):
			end := bytes.Index(s.src[s.i+2:], []byte("*/"))
			if end < 0 {
				return
			}
			s.i += 2 + end + 2
		default:
			return
		}
	}
}

func (s *headerScanner) at(lit string) bool {
	return len(s.src)-s.i >= len(lit) && string(s.src[s.i:s.i+len(lit)]) == lit
}

// keyword consumes kw when it stands as a whole word.
func (s *headerScanner) keyword(kw string) bool {
	if !s.at(kw) || s.i+len(kw) < len(s.src) && isIdentByte(s.src[s.i+len(kw)]) {
		return false
	}
	s.i += len(kw)
	return true
}

// blanks skips whitespace inside a declaration and reports whether there
// was any.
func (s *headerScanner) blanks() bool {
	start := s.i
	for s.i < len(s.src) && isBlank(s.src[s.i]) {
		s.i++
	}
	return s.i > start
}

// declaration reads the rest of a package or import declaration after its
// keyword: [static] a.b.C[.*] ; The name comes back in importName's form.
func (s *headerScanner) declaration(isImport bool) (string, bool) {
	if !s.blanks() {
		return "", false
	}
	prefix := ""
	if isImport && s.keyword("static") {
		if !s.blanks() {
			return "", false
		}
		prefix = "static "
	}
	var name strings.Builder
	name.Grow(64) // one allocation for most names
	name.WriteString(prefix)
	for {
		start := s.i
		for s.i < len(s.src) && isASCIIIdent(s.src[s.i]) {
			s.i++
		}
		if s.i == start || isDigit(s.src[start]) || isJavaKeyword(string(s.src[start:s.i])) {
			return "", false
		}
		name.Write(s.src[start:s.i])
		s.blanks()
		if s.at(";") {
			s.i++
			return name.String(), true
		}
		if !s.at(".") {
			return "", false
		}
		s.i++
		name.WriteByte('.')
		s.blanks()
		if isImport && s.at("*") {
			s.i++
			name.WriteByte('*')
			s.blanks()
			if !s.at(";") {
				return "", false
			}
			s.i++
			return name.String(), true
		}
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isBlank reports whether c is Java white space (JLS 3.6).
func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// isASCIIIdent reports whether c can be part of an ASCII Java identifier;
// names with other characters are left to tree-sitter.
func isASCIIIdent(c byte) bool { return c < 0x80 && isIdentByte(c) }

// isJavaKeyword reports whether s is a reserved word, which cannot be part
// of a name: a declaration holding one is a syntax error, left to
// tree-sitter. A switch, since most name parts (org, apache, flink) are
// looked up.
func isJavaKeyword(s string) bool {
	switch s {
	case "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
		"continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
		"for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
		"new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
		"super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
		"volatile", "while", "true", "false", "null":
		return true
	}
	return false
}
