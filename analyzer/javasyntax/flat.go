package javasyntax

// Walking a tree-sitter tree from Go costs a cgo call (and often a string
// allocation) per node and per accessor, which made lowering as expensive
// as parsing itself. flatten walks the whole tree once in C with a tree
// cursor and copies each node's symbol, field, flags and byte range into a
// Go-allocated array; lowering then reads plain Go memory.
//
// Parsing calls tree-sitter directly too: the Go binding copies every
// source into C memory and attaches a finalizer to every tree, while
// tree-sitter only reads the source during the parse and keeps no pointer
// to it, so the Go slice can be passed as it is.
//
// The C side declares the few tree-sitter API functions it calls, with
// structs laid out exactly as tree-sitter's public TSNode and TSTreeCursor
// and opaque pointers for TSParser, TSTree and TSLanguage; the definitions
// are linked from the go-tree-sitter package and its java grammar.

/*
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct { uint32_t context[4]; const void *id; const void *tree; } uc_node;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } uc_cursor;

void *ts_parser_new(void);
void ts_parser_delete(void *self);
void ts_parser_reset(void *self);
void ts_parser_set_cancellation_flag(void *self, const size_t *flag);
bool ts_parser_set_language(void *self, const void *language);
void *ts_parser_parse_string(void *self, const void *old_tree, const char *string, uint32_t length);
typedef struct { uint32_t row, column; } uc_point;
typedef struct { uc_point start_point, end_point; uint32_t start_byte, end_byte; } uc_range;
bool ts_parser_set_included_ranges(void *self, const uc_range *ranges, uint32_t count);
uc_node ts_tree_root_node(const void *self);
void ts_tree_delete(void *self);
const void *tree_sitter_java(void);

uc_cursor ts_tree_cursor_new(uc_node node);
void ts_tree_cursor_delete(uc_cursor *self);
uc_node ts_tree_cursor_current_node(const uc_cursor *self);
uint16_t ts_tree_cursor_current_field_id(const uc_cursor *self);
bool ts_tree_cursor_goto_parent(uc_cursor *self);
bool ts_tree_cursor_goto_next_sibling(uc_cursor *self);
bool ts_tree_cursor_goto_first_child(uc_cursor *self);
uint16_t ts_node_symbol(uc_node self);
uint32_t ts_node_child_count(uc_node self);
uint32_t ts_node_start_byte(uc_node self);
uint32_t ts_node_end_byte(uc_node self);
bool ts_node_is_named(uc_node self);
bool ts_node_is_missing(uc_node self);
bool ts_node_is_error(uc_node self);
bool ts_node_has_error(uc_node self);

typedef struct {
	uint16_t sym, field, flags, pad;
	uint32_t start, end;
	int32_t parent;
} uc_flat;

enum { UC_NAMED = 1, UC_MISSING = 2, UC_ERROR = 4, UC_HAS_ERROR = 8 };

enum { UC_UDF = 16, UC_FUNC = 32, UC_JSTREAM = 64, UC_KEYSEL = 128 };

// Node kinds the walk recognises, from a per-symbol table built in Go.
enum {
	K_NONE, K_INVOCATION, K_ARGS, K_LAMBDA, K_CLASS_DECL, K_OBJECT_CREATION, K_METHOD_DECL,
	K_CLASS_BODY, K_SUPERCLASS, K_SUPER_INTERFACES, K_TYPE_LIST, K_GENERIC_TYPE, K_SCOPED_TYPE,
	K_TYPE_IDENT, K_IDENT, K_SKIP_CHILDREN, K_KEEP_TOKENS
};

// uc_parse parses src from byte from (at row and column) to its end; a
// parser keeps its ranges between parses, so they are set every time.
static void *uc_parse(void *parser, const char *src, uint32_t len, uint32_t from, uint32_t row, uint32_t column) {
	uc_range whole = {{row, column}, {UINT32_MAX, UINT32_MAX}, from, UINT32_MAX};
	if (!ts_parser_set_included_ranges(parser, &whole, 1)) return NULL;
	return ts_parser_parse_string(parser, NULL, src, len);
}

// uc_set is a set of names: open addressing over a power-of-two table,
// filled once from Go. Looking names up by scanning a list cost more than
// the rest of the walk on files with many calls and types.
enum { UC_SET_SLOTS = 256 };
typedef struct {
	const char *name[UC_SET_SLOTS];
	uint32_t len[UC_SET_SLOTS];
} uc_set;

static uint32_t uc_hash(const char *s, uint32_t n) {
	uint32_t h = 2166136261u; // FNV-1a
	for (uint32_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
}

// uc_set_add adds a name that lives as long as the set; false when full.
static bool uc_set_add(uc_set *set, const char *s, uint32_t n) {
	for (uint32_t i = 0, h = uc_hash(s, n); i < UC_SET_SLOTS; i++, h++) {
		uint32_t k = h & (UC_SET_SLOTS - 1);
		if (set->name[k] == NULL) {
			set->name[k] = s;
			set->len[k] = n;
			return true;
		}
	}
	return false;
}

static bool uc_set_has(const uc_set *set, const char *s, uint32_t n) {
	for (uint32_t i = 0, h = uc_hash(s, n); i < UC_SET_SLOTS; i++, h++) {
		uint32_t k = h & (UC_SET_SLOTS - 1);
		if (set->name[k] == NULL) return false;
		if (set->len[k] == n && memcmp(set->name[k], s, n) == 0) return true;
	}
	return false;
}

typedef struct {
	uint16_t field_name, field_body, field_type, field_object;
	bool state_bodies; // keep the bodies of user function methods that may register state
	const uc_set *udf_names; // lambdas given to these methods are user functions
	const uc_set *fn_bases;  // classes extending these are user functions
} uc_config;

static uint8_t uc_kind(const uint8_t *kinds, uint32_t nkinds, int64_t i, const uc_flat *out, int64_t cap) {
	if (i < 0 || i >= cap) return K_NONE;
	uint16_t sym = out[i].sym;
	return sym < nkinds ? kinds[sym] : K_NONE;
}

static int64_t uc_parent(int64_t i, const uc_flat *out, int64_t cap) {
	return (i >= 0 && i < cap) ? out[i].parent : -1;
}

// uc_static_call reports whether invocation p is called on a capitalised
// name (Helper.apply(s, x -> ...)): a helper class, not a stream, whose
// lambda arguments may build the pipeline. The object, when present, is
// the invocation's first child, next in preorder.
static bool uc_static_call(int64_t p, const uc_flat *out, int64_t cap, const uint8_t *kinds, uint32_t nkinds,
		const char *src, const uc_config *cfg) {
	int64_t o = p + 1;
	if (o >= cap || out[o].parent != p || out[o].field != cfg->field_object || uc_kind(kinds, nkinds, o, out, cap) != K_IDENT) {
		return false;
	}
	char first = src[out[o].start];
	return first >= 'A' && first <= 'Z';
}

static bool uc_text_is(const uc_flat *f, const char *src, const char *want) {
	uint32_t n = f->end - f->start;
	return strlen(want) == n && memcmp(src + f->start, want, n) == 0;
}

// uc_java_stream reports whether invocation p, whose name is node i, is a
// java.util.stream pipeline: x.stream(), x.parallelStream(), Stream.of(...),
// or a call on one (its object, the invocation's first child, carries
// UC_JSTREAM, set when that object's name was visited). A map or reduce on
// one is not Flink's: the lambdas run in the job's main method and may build
// operators (list.stream().map(t -> in.filter(...))).
static bool uc_java_stream(int64_t p, int64_t i, const uc_flat *out, int64_t cap, const uint8_t *kinds, uint32_t nkinds,
		const char *src, const uc_config *cfg) {
	if (uc_text_is(&out[i], src, "stream") || uc_text_is(&out[i], src, "parallelStream")) return true;
	int64_t o = p + 1;
	if (o >= i || out[o].parent != p || out[o].field != cfg->field_object) return false;
	uint8_t ok = uc_kind(kinds, nkinds, o, out, cap);
	if (ok == K_INVOCATION) return (out[o].flags & UC_JSTREAM) != 0;
	return ok == K_IDENT && uc_text_is(&out[o], src, "Stream") && uc_text_is(&out[i], src, "of");
}

// uc_mark sets UC_UDF on invocations of user-function-taking methods and
// UC_FUNC on user function classes, as their names are visited.
static void uc_mark(int64_t i, uc_flat *out, int64_t cap, const uint8_t *kinds, uint32_t nkinds,
		const char *src, const uc_config *cfg) {
	uint8_t k = uc_kind(kinds, nkinds, i, out, cap);
	const char *text = src + out[i].start;
	uint32_t len = out[i].end - out[i].start;
	int64_t p = out[i].parent;
	if (k == K_IDENT && out[i].field == cfg->field_name && uc_kind(kinds, nkinds, p, out, cap) == K_INVOCATION) {
		int64_t o = p + 1;
		bool on_java_stream = o < i && out[o].parent == p && (out[o].flags & UC_JSTREAM);
		if (uc_set_has(cfg->udf_names, text, len) && !on_java_stream && !uc_static_call(p, out, cap, kinds, nkinds, src, cfg)) {
			out[p].flags |= UC_UDF;
			if (len == 5 && memcmp(text, "keyBy", 5) == 0) out[p].flags |= UC_KEYSEL;
		}
		if (uc_java_stream(p, i, out, cap, kinds, nkinds, src, cfg)) out[p].flags |= UC_JSTREAM;
		return;
	}
	if (k != K_TYPE_IDENT || !uc_set_has(cfg->fn_bases, text, len)) return;
	int64_t prev = i;
	for (int depth = 0; depth < 6 && p >= 0; depth++) {
		uint8_t pk = uc_kind(kinds, nkinds, p, out, cap);
		if (pk == K_GENERIC_TYPE || pk == K_SCOPED_TYPE || pk == K_TYPE_LIST) {
			prev = p;
			p = uc_parent(p, out, cap);
			continue;
		}
		if (pk == K_SUPERCLASS || pk == K_SUPER_INTERFACES) {
			int64_t c = uc_parent(p, out, cap);
			if (uc_kind(kinds, nkinds, c, out, cap) == K_CLASS_DECL) out[c].flags |= UC_FUNC;
		} else if (pk == K_OBJECT_CREATION && out[prev].field == cfg->field_type) {
			out[p].flags |= UC_FUNC;
		}
		return;
	}
}

// uc_mentions reports whether src[start:end] contains needle.
static bool uc_mentions(const char *src, uint32_t start, uint32_t end, const char *needle) {
	size_t n = strlen(needle);
	for (uint32_t i = start; i + n <= end; i++) {
		if (src[i] == needle[0] && memcmp(src + i, needle, n) == 0) return true;
	}
	return false;
}

// uc_state_body reports whether a method body may register state: it
// names a state or a runtime context (see lowerer.stateBody).
static bool uc_state_body(const char *src, const uc_flat *n) {
	return uc_mentions(src, n->start, n->end, "State") || uc_mentions(src, n->start, n->end, "RuntimeContext");
}

// uc_prune reports whether the children of node i are never read by the
// lowering: user function bodies (lambdas given to map, filter, ...; method
// bodies of user function classes that register no state) and node kinds
// read as text.
static bool uc_prune(int64_t i, const uc_flat *out, int64_t cap, const uint8_t *kinds, uint32_t nkinds,
		const char *src, const uc_config *cfg) {
	uint8_t k = uc_kind(kinds, nkinds, i, out, cap);
	if (k == K_SKIP_CHILDREN) return true;
	if (out[i].field != cfg->field_body) return false;
	int64_t p = out[i].parent, g = uc_parent(p, out, cap), gg = uc_parent(g, out, cap);
	uint8_t pk = uc_kind(kinds, nkinds, p, out, cap);
	if (pk == K_LAMBDA) {
		// A key selector's body tells the key type, which the state
		// check needs (see lowerer.keySelector).
		return uc_kind(kinds, nkinds, g, out, cap) == K_ARGS &&
			uc_kind(kinds, nkinds, gg, out, cap) == K_INVOCATION && (out[gg].flags & UC_UDF) &&
			!(cfg->state_bodies && (out[gg].flags & UC_KEYSEL));
	}
	if (pk == K_METHOD_DECL && uc_kind(kinds, nkinds, g, out, cap) == K_CLASS_BODY) {
		uint8_t ck = uc_kind(kinds, nkinds, gg, out, cap);
		return (ck == K_CLASS_DECL || ck == K_OBJECT_CREATION) && (out[gg].flags & UC_FUNC) && !(cfg->state_bodies && uc_state_body(src, &out[i]));
	}
	return false;
}

// uc_flatten writes the nodes under root in preorder into out and returns
// how many there are. When that exceeds cap, the count is only an estimate
// (tokens under nodes past cap are not told apart): call again with a
// larger out until the count fits.
// It returns -1 when *cancel is set, which it checks every 64K nodes.
static int64_t uc_flatten(uc_node root, uc_flat *out, int64_t cap, const uint8_t *kinds, uint32_t nkinds,
		const char *src, uc_config cfg, const size_t *cancel) {
	uc_cursor c = ts_tree_cursor_new(root);
	int64_t n = 0;
	int64_t parent = -1;
	// Most files have no syntax error: then no node needs the error flags.
	bool errors = ts_node_has_error(root);
	for (uint32_t steps = 1;; steps++) {
		if ((steps & 0xffff) == 0 && __atomic_load_n(cancel, __ATOMIC_RELAXED)) {
			ts_tree_cursor_delete(&c);
			return -1;
		}
		uc_node node = ts_tree_cursor_current_node(&c);
		bool descend = true;
		uint16_t field = ts_tree_cursor_current_field_id(&c);
		bool named = ts_node_is_named(node);
		// Punctuation and keywords are about half of all nodes and lowering
		// reads only those with a field (operators) or under a node kind
		// that reads its tokens (modifiers); the rest are walked past.
		// With syntax errors every node is kept for the error messages.
		// Leaves are most nodes: asking a node for its child count is far
		// cheaper than the cursor's attempt to descend.
		bool leaf = ts_node_child_count(node) == 0;
		if (!named && field == 0 && !errors && leaf && uc_kind(kinds, nkinds, parent, out, cap) != K_KEEP_TOKENS) {
			goto next;
		}
		int64_t self = n++;
		if (self < cap) {
			uc_flat *f = &out[self];
			f->sym = ts_node_symbol(node);
			f->field = field;
			f->flags = named ? UC_NAMED : 0;
			if (errors) {
				f->flags |= (ts_node_is_missing(node) ? UC_MISSING : 0) |
					(ts_node_is_error(node) ? UC_ERROR : 0) |
					(ts_node_has_error(node) ? UC_HAS_ERROR : 0);
			}
			f->start = ts_node_start_byte(node);
			f->end = ts_node_end_byte(node);
			f->parent = (int32_t)parent;
			uc_mark(self, out, cap, kinds, nkinds, src, &cfg);
			descend = !uc_prune(self, out, cap, kinds, nkinds, src, &cfg);
		}
		if (descend && !leaf && ts_tree_cursor_goto_first_child(&c)) {
			parent = self;
			continue;
		}
	next:
		for (;;) {
			if (ts_tree_cursor_goto_next_sibling(&c)) {
				break;
			}
			if (!ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				return n;
			}
			// parent moves up: find the new parent's own parent.
			parent = (parent >= 0 && parent < cap) ? out[parent].parent : -1;
		}
	}
}

const char *ts_node_type(uc_node self);
uc_node ts_node_parent(uc_node self);

// uc_note is a line comment (kind 1) or an annotation (kind 2, with the
// range of the declaration it annotates).
typedef struct {
	uint32_t start, end, decl_start, decl_end, kind;
} uc_note;

// uc_notes writes the line comments and annotations under root, in
// document order, into out (at most cap) and returns how many there are.
// It walks the whole tree, pruned nowhere, and compares type names: it
// runs only on the rare files that mention uidcheck.
static int64_t uc_notes(uc_node root, uc_note *out, int64_t cap) {
	uc_cursor c = ts_tree_cursor_new(root);
	int64_t n = 0;
	for (;;) {
		uc_node node = ts_tree_cursor_current_node(&c);
		const char *t = ts_node_type(node);
		uint32_t kind = strcmp(t, "line_comment") == 0 ? 1 : strcmp(t, "annotation") == 0 ? 2 : 0;
		if (kind != 0) {
			if (n < cap) {
				uc_note *o = &out[n];
				o->kind = kind;
				o->start = ts_node_start_byte(node);
				o->end = ts_node_end_byte(node);
				o->decl_start = o->decl_end = 0;
				if (kind == 2) {
					uc_node decl = ts_node_parent(node);
					if (decl.id != NULL && strcmp(ts_node_type(decl), "modifiers") == 0) decl = ts_node_parent(decl);
					if (decl.id != NULL) {
						o->decl_start = ts_node_start_byte(decl);
						o->decl_end = ts_node_end_byte(decl);
					}
				}
			}
			n++;
		} else if (ts_tree_cursor_goto_first_child(&c)) {
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				return n;
			}
		}
	}
}
*/
import "C"

import (
	"bytes"
	"errors"
	"sync"
	"sync/atomic"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/java"

	"github.com/uidcheck/uidcheck/analyzer/flinkapi"
)

const (
	flagNamed    = 1
	flagMissing  = 2
	flagError    = 4
	flagHasError = 8
)

// flatTree is a tree copied out of tree-sitter.
type flatTree struct {
	// g is the grammar, held here because lowering asks each node's type
	// and fields.
	g                   *grammar
	buf                 []C.uc_flat
	counts, namedCounts []int32
	nodes               []fnode
	// kids and named hold child indices; each node's children are the
	// ranges [kidOff, kidOff+kidN) and [namedOff, namedOff+namedN).
	kids, named []int32
	// stateBodies keeps the bodies of user function methods that may
	// register state (Method.StateBody): only compat reads them, and on a
	// large tree they are much of the memory the analysis holds.
	stateBodies bool
	// notes are the line comments and annotations of the last parse, when
	// asked for.
	notes []note
	// cancel is the parser's cancellation flag, read by the walk and the
	// lowering so that a large file stops early too.
	cancel *C.size_t
}

// canceled reports whether the parser's cancellation flag is set.
func (t *flatTree) canceled() bool {
	return t.cancel != nil && atomic.LoadUintptr((*uintptr)(unsafe.Pointer(t.cancel))) != 0
}

// fnode mirrors the parts of a tree-sitter node that lowering reads, with
// the same method names as *sitter.Node.
type fnode struct {
	t                 *flatTree
	sym, field, flags uint16
	start, end        uint32
	parent            int32
	kidOff, kidN      int32
	namedOff, namedN  int32
}

type grammar struct {
	symbols []string // symbol id -> node type
	kinds   []uint8  // symbol id -> node kind for the C walk
	cfg     C.uc_config
	fields  []string          // field id -> name
	fieldID map[string]uint16 // name -> field id
}

var javaGrammar = sync.OnceValue(func() *grammar {
	lang := java.GetLanguage()
	g := &grammar{fieldID: map[string]uint16{}}
	for i := range lang.SymbolCount() {
		g.symbols = append(g.symbols, lang.SymbolName(sitter.Symbol(i)))
	}
	g.kinds = make([]uint8, len(g.symbols))
	for i, name := range g.symbols {
		g.kinds[i] = kindOf(name)
	}
	g.fields = append(g.fields, "")
	for i := 1; i < 1<<10; i++ {
		name := lang.FieldName(i)
		if name == "" {
			break
		}
		g.fields = append(g.fields, name)
		g.fieldID[name] = uint16(i)
	}
	g.cfg = C.uc_config{
		field_name:   C.uint16_t(g.fieldID["name"]),
		field_body:   C.uint16_t(g.fieldID["body"]),
		field_type:   C.uint16_t(g.fieldID["type"]),
		field_object: C.uint16_t(g.fieldID["object"]),
		udf_names:    nameSet(flinkapi.UDFMethods()),
		fn_bases:     nameSet(flinkapi.FunctionBases),
	}
	return g
})

// nameSet copies names into a C set that lives as long as the process.
func nameSet(names map[string]bool) *C.uc_set {
	set := (*C.uc_set)(C.calloc(1, C.sizeof_uc_set))
	for n := range names {
		if !C.uc_set_add(set, C.CString(n), C.uint32_t(len(n))) {
			panic("javasyntax: name set full") // a programming error: UC_SET_SLOTS is too small
		}
	}
	return set
}

func kindOf(name string) uint8 {
	if skipChildren[name] {
		return C.K_SKIP_CHILDREN
	}
	switch name {
	case "method_invocation":
		return C.K_INVOCATION
	case "argument_list":
		return C.K_ARGS
	case "lambda_expression":
		return C.K_LAMBDA
	case "class_declaration":
		return C.K_CLASS_DECL
	case "object_creation_expression":
		return C.K_OBJECT_CREATION
	case "method_declaration":
		return C.K_METHOD_DECL
	case "class_body":
		return C.K_CLASS_BODY
	case "superclass":
		return C.K_SUPERCLASS
	case "super_interfaces":
		return C.K_SUPER_INTERFACES
	case "type_list":
		return C.K_TYPE_LIST
	case "generic_type":
		return C.K_GENERIC_TYPE
	case "scoped_type_identifier":
		return C.K_SCOPED_TYPE
	case "type_identifier":
		return C.K_TYPE_IDENT
	case "identifier":
		return C.K_IDENT
	case "modifiers", "update_expression":
		return C.K_KEEP_TOKENS
	}
	return C.K_NONE
}

// skipChildren are node types whose children lowering never reads: it
// takes their text, or ignores them. Not copying their subtrees saves a
// good part of the walk.
var skipChildren = map[string]bool{
	"string_literal": true, "character_literal": true, "text_block": true,
	"import_declaration": true, "package_declaration": true,
	"annotation": true, "marker_annotation": true, "type_arguments": true,
	"line_comment": true, "block_comment": true, "dimensions": true,
	"throws": true, "type_parameters": true,
}

// tsParser is a tree-sitter parser for Java. Its cancellation flag lives in
// C memory, since tree-sitter keeps the pointer between calls; once set, it
// makes this and every later parse stop.
type tsParser struct {
	c    unsafe.Pointer
	flag *C.size_t
}

func newTSParser() tsParser {
	p := tsParser{c: C.ts_parser_new(), flag: (*C.size_t)(C.calloc(1, C.size_t(unsafe.Sizeof(C.size_t(0)))))}
	if !C.ts_parser_set_language(p.c, C.tree_sitter_java()) {
		panic("javasyntax: the java grammar does not match the tree-sitter runtime") // a build problem
	}
	C.ts_parser_set_cancellation_flag(p.c, p.flag)
	return p
}

func (p tsParser) close() {
	C.ts_parser_delete(p.c)
	C.free(unsafe.Pointer(p.flag))
}

// cancel stops the parse in progress, from any goroutine: tree-sitter
// checks the flag every few hundred operations, so a 10 MB file stops
// within milliseconds instead of parsing to its end.
func (p tsParser) cancel() { atomic.StoreUintptr((*uintptr)(unsafe.Pointer(p.flag)), 1) }

// errCanceled is returned by a parse stopped by cancel.
var errCanceled = errors.New("parse canceled")

// parse parses src from byte offset from (see scanHeader) into a tree
// that the caller must delete with deleteTree.
func (p tsParser) parse(src []byte, from int) (unsafe.Pointer, error) {
	row := bytes.Count(src[:from], []byte("\n"))
	column := from - (bytes.LastIndexByte(src[:from], '\n') + 1)
	tree := C.uc_parse(p.c, cBytes(src), C.uint32_t(len(src)), C.uint32_t(from), C.uint32_t(row), C.uint32_t(column))
	if tree == nil {
		if atomic.LoadUintptr((*uintptr)(unsafe.Pointer(p.flag))) != 0 {
			C.ts_parser_reset(p.c)
			return nil, errCanceled
		}
		return nil, errors.New("tree-sitter returned no tree")
	}
	return tree, nil
}

// cBytes passes a Go byte slice to C for the duration of one call.
func cBytes(src []byte) *C.char {
	if len(src) == 0 {
		return (*C.char)(unsafe.Pointer(&zeroByte))
	}
	return (*C.char)(unsafe.Pointer(unsafe.SliceData(src)))
}

var zeroByte byte

// parseFlat parses src from byte offset from and copies its tree into t,
// reusing t's arrays: each parsing goroutine keeps one flatTree for all its
// files. With withNotes it also records the file's line comments and
// annotations in t.notes, from the same tree.
func (t *flatTree) parseFlat(p tsParser, src []byte, from int, withNotes bool) error {
	tree, err := p.parse(src, from)
	if err != nil {
		return err
	}
	t.cancel = p.flag
	t.notes = t.notes[:0]
	if err := t.flatten(C.ts_tree_root_node(tree), src); err != nil {
		// Freeing a large tree takes a few hundred milliseconds; after an
		// interrupt that must not delay the exit.
		go deleteTree(tree)
		return err
	}
	if withNotes {
		t.notes = treeNotes(C.ts_tree_root_node(tree), t.notes)
	}
	deleteTree(tree)
	return nil
}

// note is a line comment, or an annotation with its declaration's range.
type note struct {
	start, end         int
	declStart, declEnd int
	annotation         bool
}

// treeNotes appends the line comments and annotations under root to out.
func treeNotes(root C.uc_node, out []note) []note {
	buf := make([]C.uc_note, 16)
	for {
		n := int(C.uc_notes(root, &buf[0], C.int64_t(len(buf))))
		if n > len(buf) {
			buf = make([]C.uc_note, n)
			continue
		}
		for _, x := range buf[:n] {
			out = append(out, note{
				start: int(x.start), end: int(x.end), declStart: int(x.decl_start), declEnd: int(x.decl_end),
				annotation: x.kind == 2,
			})
		}
		return out
	}
}

func deleteTree(tree unsafe.Pointer) { C.ts_tree_delete(tree) }

// flatten copies the tree under root into t.
func (t *flatTree) flatten(root C.uc_node, src []byte) error {
	// Java averages about one node per four bytes; retry if a file has more.
	want := max(int64(len(src)/3), 64)
	var n int64
	for {
		if int64(cap(t.buf)) < want {
			t.buf = make([]C.uc_flat, want)
		}
		t.buf = t.buf[:cap(t.buf)]
		t.g = javaGrammar()
		cfg := t.g.cfg
		cfg.state_bodies = C.bool(t.stateBodies)
		n = int64(C.uc_flatten(root, &t.buf[0], C.int64_t(len(t.buf)), (*C.uint8_t)(&t.g.kinds[0]), C.uint32_t(len(t.g.kinds)),
			cBytes(src), cfg, t.cancel))
		if n < 0 {
			return errCanceled
		}
		if n <= int64(len(t.buf)) {
			break
		}
		want = n
	}
	t.nodes = grow(t.nodes, int(n))
	t.counts = grow(t.counts, int(n))
	t.namedCounts = grow(t.namedCounts, int(n))
	clear(t.counts)
	clear(t.namedCounts)
	for i := range n {
		if i&0xffff == 0xffff && t.canceled() {
			return errCanceled
		}
		f := &t.buf[i]
		t.nodes[i] = fnode{
			t: t, sym: uint16(f.sym), field: uint16(f.field), flags: uint16(f.flags),
			start: uint32(f.start), end: uint32(f.end), parent: int32(f.parent),
		}
		if p := f.parent; p >= 0 {
			t.counts[p]++
			if f.flags&flagNamed != 0 {
				t.namedCounts[p]++
			}
		}
	}
	var off, namedOff int32
	for i := range t.nodes {
		t.nodes[i].kidOff, t.nodes[i].namedOff = off, namedOff
		off += t.counts[i]
		namedOff += t.namedCounts[i]
	}
	t.kids = grow(t.kids, int(off))
	t.named = grow(t.named, int(namedOff))
	for i := range t.nodes {
		p := t.nodes[i].parent
		if p < 0 {
			continue
		}
		pn := &t.nodes[p]
		t.kids[pn.kidOff+pn.kidN] = int32(i)
		pn.kidN++
		if t.nodes[i].flags&flagNamed != 0 {
			t.named[pn.namedOff+pn.namedN] = int32(i)
			pn.namedN++
		}
	}
	return nil
}

// maxKeptNodes bounds the scratch space a parser keeps between files: an
// unusually large file should not pin its buffers for the rest of the run.
const maxKeptNodes = 1 << 20

// release drops buffers grown beyond maxKeptNodes.
func (t *flatTree) release() {
	if cap(t.buf) > maxKeptNodes {
		*t = flatTree{}
	}
}

// grow returns s resized to n, reallocating only when its capacity is short.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

func (n *fnode) Type() string {
	g := n.t.g
	if n.flags&flagError != 0 {
		return "ERROR"
	}
	if int(n.sym) < len(g.symbols) {
		return g.symbols[n.sym]
	}
	return ""
}

func (n *fnode) StartByte() uint32       { return n.start }
func (n *fnode) EndByte() uint32         { return n.end }
func (n *fnode) IsNamed() bool           { return n.flags&flagNamed != 0 }
func (n *fnode) IsMissing() bool         { return n.flags&flagMissing != 0 }
func (n *fnode) IsError() bool           { return n.flags&flagError != 0 }
func (n *fnode) HasError() bool          { return n.flags&flagHasError != 0 }
func (n *fnode) ChildCount() uint32      { return uint32(n.kidN) }
func (n *fnode) NamedChildCount() uint32 { return uint32(n.namedN) }

func (n *fnode) Child(i int) *fnode {
	if i < 0 || i >= int(n.kidN) {
		return nil
	}
	return &n.t.nodes[n.t.kids[int(n.kidOff)+i]]
}

func (n *fnode) NamedChild(i int) *fnode {
	if i < 0 || i >= int(n.namedN) {
		return nil
	}
	return &n.t.nodes[n.t.named[int(n.namedOff)+i]]
}

// ChildByFieldName compares names rather than hashing name into a field
// id: nodes have few children, and lowering asks this of most nodes.
func (n *fnode) ChildByFieldName(name string) *fnode {
	fields := n.t.g.fields
	for _, k := range n.t.kids[n.kidOff : n.kidOff+n.kidN] {
		if c := &n.t.nodes[k]; c.field != 0 && int(c.field) < len(fields) && fields[c.field] == name {
			return c
		}
	}
	return nil
}

func (n *fnode) FieldNameForChild(i int) string {
	c := n.Child(i)
	if c == nil {
		return ""
	}
	fields := n.t.g.fields
	if int(c.field) < len(fields) {
		return fields[c.field]
	}
	return ""
}
