// Package catalogen builds the statefulness catalog from the bytecode of
// Flink's jars and of connector jars: for every public function, source,
// sink, operator and operator factory it decides whether the operator it
// ends up in puts state into a savepoint, and why; for builders and static
// factory methods it records which of those classes they create.
package catalogen

import (
	"slices"
	"strings"

	"github.com/uidcheck/uidcheck/internal/classfile"
)

// Flink types, in internal form, that give a class its role or its state.
const (
	tSource           = "org/apache/flink/api/connector/source/Source"
	tSink2            = "org/apache/flink/api/connector/sink2/Sink"
	tSinkV1           = "org/apache/flink/api/connector/sink/Sink"
	tStreamOperator   = "org/apache/flink/streaming/api/operators/StreamOperator"
	tOperatorFactory  = "org/apache/flink/streaming/api/operators/StreamOperatorFactory"
	tFunction         = "org/apache/flink/api/common/functions/Function"
	tCheckpointedFn   = "org/apache/flink/streaming/api/checkpoint/CheckpointedFunction"
	tListCheckpointed = "org/apache/flink/streaming/api/checkpoint/ListCheckpointed"
	tUdfOperator      = "org/apache/flink/streaming/api/operators/AbstractUdfStreamOperator"
	tEnv              = "org/apache/flink/streaming/api/environment/StreamExecutionEnvironment"
	tObject           = "java/lang/Object"
	tDataStream       = "org/apache/flink/streaming/api/datastream/DataStream"
	tDataStreamSink   = "org/apache/flink/streaming/api/datastream/DataStreamSink"
)

var (
	sourceFunctions = []string{
		"org/apache/flink/streaming/api/functions/source/SourceFunction",
		"org/apache/flink/streaming/api/functions/source/legacy/SourceFunction",
	}
	sinkFunctions = []string{
		"org/apache/flink/streaming/api/functions/sink/SinkFunction",
		"org/apache/flink/streaming/api/functions/sink/legacy/SinkFunction",
	}
	// Sink V2 writer state (1.x StatefulSink, 1.19+ SupportsWriterState)
	// and committers (1.x TwoPhaseCommittingSink, 1.19+ SupportsCommitter).
	sinkWriterState = []string{
		"org/apache/flink/api/connector/sink2/StatefulSink",
		"org/apache/flink/api/connector/sink2/SupportsWriterState",
	}
	sinkCommitter = []string{
		"org/apache/flink/api/connector/sink2/TwoPhaseCommittingSink",
		"org/apache/flink/api/connector/sink2/SupportsCommitter",
	}
	// framework holds Flink's generic operator and function bases. Their
	// code registers state on behalf of whatever runs in them (the user
	// function's ListCheckpointed, a subclass's timer service), so state
	// calls inside them say nothing about a subclass: only the subclass's
	// own calls count. This is the one hand-kept list the generator needs.
	framework = map[string]bool{
		"org/apache/flink/streaming/api/operators/AbstractStreamOperator":   true,
		"org/apache/flink/streaming/api/operators/AbstractStreamOperatorV2": true,
		tUdfOperator: true,
		"org/apache/flink/runtime/asyncprocessing/operators/AbstractAsyncStateStreamOperator":      true,
		"org/apache/flink/runtime/asyncprocessing/operators/AbstractAsyncStateStreamOperatorV2":    true,
		"org/apache/flink/runtime/asyncprocessing/operators/AbstractAsyncStateUdfStreamOperator":   true,
		"org/apache/flink/runtime/asyncprocessing/operators/AbstractAsyncKeyOrderedStreamOperator": true,
		"org/apache/flink/api/common/functions/AbstractRichFunction":                               true,
		"org/apache/flink/streaming/util/functions/StreamingFunctionUtils":                         true,
		"org/apache/flink/streaming/api/operators/StreamOperatorStateHandler":                      true,
	}
	// stateAccessors take a state descriptor (or, in DataStream V2, a
	// declaration) and return the state registered under it.
	stateAccessors = map[string]bool{
		"getState": true, "getListState": true, "getUnionListState": true, "getMapState": true,
		"getReducingState": true, "getAggregatingState": true, "getBroadcastState": true,
		"getPartitionedState": true, "getOrCreateKeyedState": true, "getValueState": true,
	}
	// stateStores hand out the stores above; code that asks for one but
	// registers nothing we can see may register it elsewhere.
	stateStores = map[string]bool{
		"getOperatorStateStore": true, "getKeyedStateStore": true,
		"getOperatorStateBackend": true, "getKeyedStateBackend": true,
	}
)

// Roles of catalog entries, as the analyzer's catalog names them.
const (
	RoleSource   = "source"
	RoleSink     = "sink"
	RoleFunction = "function"
	RoleOperator = "operator"
)

// Verdict is what the generator decides for one class.
type Verdict struct {
	Role     string
	Stateful string // "true", "false" or "unknown"
	Reason   string
	Parts    []string // Sink V2 parts
	Returns  string   // for builders and factory methods: the class created
}

type class struct {
	*classfile.Class
	artifact string
}

// world is one universe: the classes of a Flink release and the connector
// jars built against it.
type world struct {
	classes map[string]*class
	// implementors lists, for each class or interface, the classes of its
	// jar that extend or implement it, to follow calls through an
	// interface to its few implementations.
	implementors map[string][]string
	memo         map[string]*Verdict
	reach        map[reachKey]string
}

type reachKey struct {
	owner, name, desc string
	budget            int
}

func newWorld() *world {
	return &world{classes: map[string]*class{}, memo: map[string]*Verdict{}, reach: map[reachKey]string{}, implementors: map[string][]string{}}
}

// maxImplementors bounds the implementations a call through an interface
// or abstract method is followed into: a handler with one or two
// implementations is followed, a general interface is not.
const maxImplementors = 3

// index fills implementors once all jars are added.
func (w *world) index() {
	names := make([]string, 0, len(w.classes))
	for n := range w.classes {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		c := w.classes[n]
		if c.Access&(classfile.AccAbstract|classfile.AccInterface) != 0 {
			continue
		}
		for _, sup := range w.supertypes(c) {
			// Only implementations from the interface's own jar: a
			// class's verdict then depends on its own jar and those of its
			// superclasses, never on which other connectors were scanned.
			if k := w.classes[sup]; k != nil && k.artifact == c.artifact {
				w.implementors[sup] = append(w.implementors[sup], n)
			}
		}
	}
}

// supertypes are all classes and interfaces c extends or implements.
func (w *world) supertypes(c *class) []string {
	var out []string
	var walk func(name string)
	walk = func(name string) {
		if name == "" || slices.Contains(out, name) {
			return
		}
		out = append(out, name)
		if k := w.classes[name]; k != nil {
			walk(k.Super)
			for _, i := range k.Interfaces {
				walk(i)
			}
		}
	}
	walk(c.Super)
	for _, i := range c.Interfaces {
		walk(i)
	}
	return out
}

// targets are the implementations a call may run: the method found from
// its owner up, or for an abstract one those of the owner's few concrete
// subclasses.
func (w *world) targets(r classfile.Ref) []target {
	k, m := w.method(r.Owner, r.Name, r.Desc)
	if m != nil && m.Access&classfile.AccAbstract == 0 {
		return []target{{k, m}}
	}
	impls := w.implementors[r.Owner]
	if len(impls) > maxImplementors {
		return nil
	}
	var out []target
	for _, n := range impls {
		if k, m := w.method(n, r.Name, r.Desc); m != nil && m.Access&classfile.AccAbstract == 0 {
			out = append(out, target{k, m})
		}
	}
	return out
}

type target struct {
	k *class
	m *classfile.Method
}

// add puts a jar's classes into the world; the first jar that has a class
// keeps it (Flink's own jars come first in the artifact list).
func (w *world) add(classes []*classfile.Class, artifact string) {
	for _, c := range classes {
		if _, ok := w.classes[c.Name]; !ok {
			w.classes[c.Name] = &class{Class: c, artifact: artifact}
		}
	}
}

// chain is c and its superclasses found in the world; missing is the first
// superclass that is not, unless it is a JDK class.
func (w *world) chain(c *class) (out []*class, missing string) {
	for depth := 0; c != nil && depth < 50; depth++ {
		out = append(out, c)
		if c.Super == "" || c.Super == tObject {
			return out, ""
		}
		next := w.classes[c.Super]
		if next == nil && !strings.HasPrefix(c.Super, "java/") {
			missing = c.Super
		}
		c = next
	}
	return out, missing
}

// is reports whether c is, extends or implements t, within the world.
func (w *world) is(c *class, t string) bool {
	seen := map[string]bool{}
	var walk func(name string) bool
	walk = func(name string) bool {
		if name == t {
			return true
		}
		if name == "" || seen[name] {
			return false
		}
		seen[name] = true
		k := w.classes[name]
		if k == nil {
			return false
		}
		if walk(k.Super) {
			return true
		}
		return slices.ContainsFunc(k.Interfaces, walk)
	}
	return walk(c.Name)
}

func (w *world) isAny(c *class, ts []string) bool {
	return slices.ContainsFunc(ts, func(t string) bool { return w.is(c, t) })
}

// role is the role of a class in a pipeline, or "" for other classes.
func (w *world) role(c *class) string {
	switch {
	case w.is(c, tSource) || w.isAny(c, sourceFunctions):
		return RoleSource
	case w.is(c, tSink2) || w.is(c, tSinkV1) || w.isAny(c, sinkFunctions):
		return RoleSink
	case w.is(c, tStreamOperator) || w.is(c, tOperatorFactory):
		return RoleOperator
	case w.is(c, tFunction):
		return RoleFunction
	}
	return ""
}

// stateCall says what a call does to state, or "" for calls that neither
// register state nor timers.
func stateCall(r classfile.Ref) string {
	switch {
	case stateAccessors[r.Name] && (strings.Contains(r.Desc, "StateDescriptor;") || strings.Contains(r.Desc, "StateDeclaration;")):
		return "registers state (" + r.Name + ")"
	case (r.Name == "registerEventTimeTimer" || r.Name == "registerProcessingTimeTimer") && strings.HasSuffix(r.Owner, "TimerService"):
		return "registers timers (" + r.Name + ")"
	case r.Name == "getInternalTimerService":
		return "uses a timer service (getInternalTimerService)"
	case r.Name == "getRawOperatorStateOutput" || r.Name == "getRawKeyedOperatorStateOutput":
		return "writes raw state (" + r.Name + ")"
	case strings.HasSuffix(r.Owner, "/StateDeclarations"):
		return "declares state (StateDeclarations." + r.Name + ")"
	}
	return ""
}

// method finds the implementation of name+desc in owner or its superclasses.
func (w *world) method(owner, name, desc string) (*class, *classfile.Method) {
	for range 50 {
		k := w.classes[owner]
		if k == nil {
			return nil, nil
		}
		for i := range k.Methods {
			m := &k.Methods[i]
			if m.Name == name && m.Desc == desc {
				return k, m
			}
		}
		owner = k.Super
	}
	return nil, nil
}

// reaches returns where a method, or the methods it calls within budget
// steps, registers state or timers: "Class.method registers …", or "".
// Calls into the framework bases are not followed.
func (w *world) reaches(k *class, m *classfile.Method, budget int) string {
	key := reachKey{k.Name, m.Name, m.Desc, budget}
	if r, ok := w.reach[key]; ok {
		return r
	}
	w.reach[key] = "" // a recursive call finds nothing new
	found := ""
	for _, r := range m.Calls {
		if s := stateCall(r); s != "" {
			found = shortName(k.Name) + "." + m.Name + " " + s
			break
		}
		if budget == 0 || framework[r.Owner] || strings.HasPrefix(r.Owner, "java/") {
			continue
		}
		for _, t := range w.targets(r) {
			if framework[t.k.Name] {
				continue
			}
			if s := w.reaches(t.k, t.m, budget-1); s != "" {
				found = s
				break
			}
		}
		if found != "" {
			break
		}
	}
	w.reach[key] = found
	return found
}

// touchesStore reports whether a method asks for a state store or backend.
func touchesStore(m *classfile.Method) bool {
	return slices.ContainsFunc(m.Calls, func(r classfile.Ref) bool { return stateStores[r.Name] })
}

// evidence looks through c and its superclasses, framework bases left out,
// for state or timer registration.
func (w *world) evidence(chain []*class) (found string, initTouches bool) {
	for _, k := range chain {
		if framework[k.Name] {
			continue
		}
		for i := range k.Methods {
			m := &k.Methods[i]
			if s := w.reaches(k, m, 2); s != "" {
				return s, false
			}
			if m.Name == "initializeState" && touchesStore(m) {
				initTouches = true
			}
		}
	}
	return "", initTouches
}

// judge decides a class's verdict; it is memoised per class.
func (w *world) judge(c *class) *Verdict {
	if v, ok := w.memo[c.Name]; ok {
		return v
	}
	w.memo[c.Name] = &Verdict{Stateful: "unknown", Reason: "cyclic"}
	v := w.judgeUncached(c)
	w.memo[c.Name] = v
	return v
}

func (w *world) judgeUncached(c *class) *Verdict {
	role := w.role(c)
	v := &Verdict{Role: role}
	name := shortName(c.Name)
	switch {
	case role == "":
		return nil
	case w.is(c, tOperatorFactory):
		return w.judgeFactory(c)
	case w.is(c, tSource):
		v.Stateful, v.Reason = "true", "a FLIP-27 Source: its SourceOperator keeps the reader's splits (SourceReaderState) and the coordinator checkpoints the enumerator"
		return v
	case w.is(c, tSink2):
		return w.judgeSinkV2(c)
	case w.is(c, tSinkV1):
		return w.judgeSinkV1(c)
	case w.is(c, tListCheckpointed):
		v.Stateful, v.Reason = "true", name+" implements ListCheckpointed: its snapshot is operator list state"
		return v
	}
	chain, missing := w.chain(c)
	found, initTouches := w.evidence(chain)
	checkpointed := w.is(c, tCheckpointedFn)
	switch {
	case found != "":
		v.Stateful, v.Reason = "true", found
		if checkpointed && !strings.HasPrefix(found, name+".") {
			v.Reason = name + ": " + found
		}
	case initTouches:
		v.Stateful, v.Reason = "unknown", name+" hands its state store to code outside the scanned jars in initializeState"
	case missing != "":
		v.Stateful, v.Reason = "unknown", "superclass "+javaName(missing)+" of "+name+" is not in the scanned jars"
	case checkpointed:
		v.Stateful, v.Reason = "false", name+" implements CheckpointedFunction but registers no state, in initializeState or elsewhere"
	case w.is(c, tUdfOperator):
		v.Stateful, v.Reason = "false", name+" keeps no state itself: the user function it runs decides"
	default:
		v.Stateful, v.Reason = "false", name+" registers no state or timers"
	}
	return v
}

// judgeFactory resolves an operator factory to the operators its
// createStreamOperator creates.
func (w *world) judgeFactory(c *class) *Verdict {
	chain, _ := w.chain(c)
	var targets []string
	for _, k := range chain {
		for i := range k.Methods {
			if m := &k.Methods[i]; m.Name == "createStreamOperator" {
				targets = append(targets, w.created(k, m, 1)...)
			}
		}
		if len(targets) > 0 {
			break
		}
	}
	v := w.combine(targets, shortName(c.Name)+".createStreamOperator")
	if v == nil {
		return &Verdict{Role: RoleOperator, Stateful: "unknown", Reason: shortName(c.Name) + " is given its operator; it does not create one"}
	}
	v.Role = RoleOperator
	return v
}

// created lists the classes with a role (or builders of them) that a method
// instantiates, itself or through the methods of its own class it calls.
func (w *world) created(k *class, m *classfile.Method, budget int) []string {
	var out []string
	for _, n := range m.News {
		if t := w.classes[n]; t != nil && w.creates(t) && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	if budget == 0 {
		return out
	}
	for _, r := range m.Calls {
		if r.Owner != k.Name || r.Name == m.Name && r.Desc == m.Desc {
			continue
		}
		if tk, tm := w.method(r.Owner, r.Name, r.Desc); tm != nil && tk == k {
			for _, n := range w.created(tk, tm, budget-1) {
				if !slices.Contains(out, n) {
					out = append(out, n)
				}
			}
		}
	}
	return out
}

// creates reports whether instantiating t adds something to a pipeline
// whose state matters: a function, source, sink or operator, or a builder
// of one. Operators that only run a function given to them (StreamSource,
// StreamMap) leave the verdict to that function, which is created too.
func (w *world) creates(t *class) bool {
	if v := w.judge(t); v != nil {
		return !w.is(t, tUdfOperator) || v.Stateful != "false"
	}
	return w.builderTarget(t) != nil
}

// resolve is the verdict of what a created class stands for: its own, or
// for a builder the verdict of what build() returns.
func (w *world) resolve(name string) (*Verdict, string) {
	t := w.classes[name]
	if t == nil {
		return nil, ""
	}
	if v := w.judge(t); v != nil {
		return v, name
	}
	if v := w.builderTarget(t); v != nil {
		return v, v.Returns
	}
	return nil, ""
}

// combine merges the verdicts of the classes a method creates.
func (w *world) combine(targets []string, via string) *Verdict {
	var out *Verdict
	var reasons, names []string
	for _, t := range targets {
		v, cls := w.resolve(t)
		if v == nil {
			continue
		}
		names = append(names, shortName(t))
		reasons = append(reasons, v.Reason)
		r := *v
		r.Returns = cls
		switch {
		case out == nil:
			out = &r
			continue
		case r.Stateful == out.Stateful:
		default:
			out.Stateful = "unknown"
		}
		if r.Returns != out.Returns {
			out.Returns = ""
		}
		out.Parts = mergeParts(out.Parts, r.Parts)
	}
	if out == nil {
		return nil
	}
	// A builder or factory returns one of the classes it creates,
	// depending on its settings: they must agree, or the verdict is unknown.
	verb := " creates "
	if len(names) > 1 {
		verb = " creates one of "
	}
	if strings.HasPrefix(via, "the ") {
		verb = strings.Replace(verb, "creates", "create", 1)
	}
	out.Reason = via + verb + strings.Join(names, ", ") + ": " + strings.Join(dedupe(reasons), "; ")
	return out
}

func dedupe(s []string) []string {
	var out []string
	for _, x := range s {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func mergeParts(a, b []string) []string {
	out := slices.Clone(a)
	for _, p := range b {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// builderTarget is the verdict of what a builder's build() creates or
// returns, or nil when c has no such build().
func (w *world) builderTarget(c *class) *Verdict {
	key := "build:" + c.Name
	if v, ok := w.memo[key]; ok {
		return v
	}
	w.memo[key] = nil
	var v *Verdict
	chain, _ := w.chain(c)
	for _, k := range chain {
		if v = w.buildOf(c, k); v != nil {
			break
		}
	}
	w.memo[key] = v
	return v
}

// buildOf judges the build() that builder c declares in k, itself or one
// of its superclasses (Elasticsearch7SinkBuilder inherits its build()).
func (w *world) buildOf(c, k *class) *Verdict {
	for i := range k.Methods {
		m := &k.Methods[i]
		if m.Name != "build" || m.Access&classfile.AccStatic != 0 || !strings.HasPrefix(m.Desc, "()L") {
			continue
		}
		ret := strings.TrimSuffix(strings.TrimPrefix(m.Desc, "()L"), ";")
		targets := w.created(k, m, 1)
		if len(targets) == 0 {
			if t := w.classes[ret]; t != nil && w.role(t) != "" {
				targets = []string{ret}
			}
		}
		v := w.combine(targets, shortName(c.Name)+".build()")
		if w.isStream(ret) && (v == nil || v.Stateful != "true") {
			// Paimon's FlinkSinkBuilder: build() wires writer and committer
			// operators into the stream through factories in other classes,
			// so the few it creates itself cannot show it stateless.
			return &Verdict{Role: RoleOperator, Stateful: "unknown", Reason: shortName(c.Name) + ".build() adds operators to the pipeline itself (returns " + shortName(ret) + "), not all of them created in its own class"}
		}
		if v != nil {
			return v
		}
	}
	return nil
}

// isStream reports whether name is a DataStream or DataStreamSink: what a
// method returns when it adds operators to a pipeline itself.
func (w *world) isStream(name string) bool {
	t := w.classes[name]
	return t != nil && (w.is(t, tDataStream) || w.is(t, tDataStreamSink))
}

// judgeSinkV2 reads a Sink V2's parts and state from the interfaces it
// implements.
func (w *world) judgeSinkV2(c *class) *Verdict {
	name := shortName(c.Name)
	v := &Verdict{Role: RoleSink, Parts: []string{"Writer"}}
	committer := w.isAny(c, sinkCommitter)
	if committer {
		v.Parts = append(v.Parts, "Committer")
	}
	if w.globalCommitter(c) {
		v.Parts = append(v.Parts, "Global Committer")
	}
	switch {
	case w.isAny(c, sinkWriterState):
		v.Stateful, v.Reason = "true", name+" keeps writer state (StatefulSink/SupportsWriterState)"
	case committer:
		v.Stateful, v.Reason = "true", name+" has a committer, which keeps pending committables"
	case len(v.Parts) > 1:
		v.Stateful, v.Reason = "true", name+" has a global committer, which keeps pending committables"
	default:
		v.Stateful, v.Reason = "false", name+" is a Sink V2 without writer state or committer"
	}
	return v
}

// globalCommitter reports whether a sink's post-commit topology adds
// Flink's standard global committer.
func (w *world) globalCommitter(c *class) bool {
	chain, _ := w.chain(c)
	for _, k := range chain {
		for _, m := range k.Methods {
			if m.Name != "addPostCommitTopology" {
				continue
			}
			if slices.ContainsFunc(m.Calls, func(r classfile.Ref) bool { return r.Name == "addGlobalCommitter" }) {
				return true
			}
		}
	}
	return false
}

// judgeSinkV1 reads a Sink V1 (FLIP-143): its writer state, committer and
// global committer are there when the method returning them can return
// something other than Optional.empty().
func (w *world) judgeSinkV1(c *class) *Verdict {
	name := shortName(c.Name)
	v := &Verdict{Role: RoleSink, Parts: []string{"Writer"}}
	writerState := w.v1Present(c, "getWriterStateSerializer")
	if w.v1Present(c, "createCommitter") {
		v.Parts = append(v.Parts, "Committer")
	}
	if w.v1Present(c, "createGlobalCommitter") {
		v.Parts = append(v.Parts, "Global Committer")
	}
	switch {
	case writerState:
		v.Stateful, v.Reason = "true", name+" (Sink V1) has writer state"
	case len(v.Parts) > 1:
		v.Stateful, v.Reason = "true", name+" (Sink V1) has a committer, which keeps pending committables"
	default:
		v.Stateful, v.Reason = "false", name+" (Sink V1) has neither writer state nor committer"
	}
	return v
}

func (w *world) v1Present(c *class, method string) bool {
	chain, _ := w.chain(c)
	for _, k := range chain {
		for _, m := range k.Methods {
			if m.Name != method || m.Access&classfile.AccAbstract != 0 {
				continue
			}
			return slices.ContainsFunc(m.Calls, func(r classfile.Ref) bool {
				return r.Owner == "java/util/Optional" && (r.Name == "of" || r.Name == "ofNullable")
			}) || len(m.News) > 0
		}
	}
	return false
}

// shortName is a class's name without its package (Outer.Inner), for
// reasons.
func shortName(internal string) string {
	return javaName(internal[strings.LastIndexByte(internal, '/')+1:])
}

// javaName turns an internal name into the name Java source writes:
// org/x/Outer$Inner → org.x.Outer.Inner.
func javaName(internal string) string {
	return strings.ReplaceAll(strings.ReplaceAll(internal, "/", "."), "$", ".")
}
