package pipeline

import (
	"strconv"
	"strings"

	"github.com/uidcheck/uidcheck/analyzer/javasyntax"
)

func (e *evaluator) call(c *javasyntax.Call, sc *scope) *value {
	if c.Recv == nil {
		args := e.args(c.Args, sc)
		e.callPos = e.pos(c.NameOff)
		if m := e.a.methodIn(e.top().cls, c.Name, len(args)); m != nil {
			return e.inline(m, e.top().this, args)
		}
		return e.unknownCall(c, nil, args)
	}
	recv := e.eval(c.Recv, sc)
	switch recv.kind {
	case vEnv:
		return e.envCall(c, recv, sc)
	case vStream:
		return e.streamCall(c, recv, sc)
	case vClassRef:
		return e.staticCall(c, recv, sc)
	case vObject:
		args := e.args(c.Args, sc)
		e.callPos = e.pos(c.NameOff)
		if e.a.inlinable(recv.cls) {
			if m := e.a.methodIn(recv.cls, c.Name, len(args)); m != nil {
				return e.inline(m, recv, args)
			}
		}
		return e.unknownCall(c, recv, args)
	case vFunc:
		args := e.args(c.Args, sc)
		switch c.Name {
		case "accept", "apply", "get", "call", "run", "create", "build":
			return e.runLambda(recv, args, false)
		}
		return e.unknownCall(c, recv, args)
	case vConst:
		args := e.args(c.Args, sc)
		if v := stringMethod(recv, c.Name, args); v != nil {
			return v
		}
		return e.unknownCall(c, recv, args)
	case vUnknown:
	}
	return e.unknownCall(c, recv, e.args(c.Args, sc))
}

// unknownCall handles a call into code outside the tree. Lambdas passed to
// it are evaluated once (forEach-style calls mark them as repeated), so that
// pipelines built inside them are still seen.
func (e *evaluator) unknownCall(c *javasyntax.Call, recv *value, args []*value) *value {
	if reason, ok := unstableCalls[c.Name]; ok {
		return &value{unstable: reason}
	}
	if envFactories[c.Name] {
		return e.newEnv("")
	}
	repeated := strings.HasPrefix(c.Name, "forEach") || c.Name == "map" || c.Name == "flatMap" || c.Name == "computeIfAbsent"
	out := &value{}
	if recv != nil {
		out.unstable = recv.unstable
		out.className = recv.className // builder chains keep their origin
		if recv.kind == vClassRef && recv.cls == nil {
			out.className = recv.className
		}
	}
	for _, a := range args {
		if a.kind == vFunc && a.lam != nil {
			e.runLambda(a, nil, repeated)
		}
		if out.unstable == "" {
			out.unstable = a.unstable
		}
	}
	return out
}

func stringMethod(s *value, name string, args []*value) *value {
	allConst := true
	for _, a := range args {
		if a.kind != vConst {
			allConst = false
		}
	}
	if !allConst {
		return nil
	}
	switch {
	case name == "concat" && len(args) == 1:
		return &value{kind: vConst, s: s.s + args[0].s}
	case name == "toUpperCase" && len(args) == 0:
		return &value{kind: vConst, s: strings.ToUpper(s.s)}
	case name == "toLowerCase" && len(args) == 0:
		return &value{kind: vConst, s: strings.ToLower(s.s)}
	case name == "trim" || name == "strip":
		return &value{kind: vConst, s: strings.TrimSpace(s.s)}
	case name == "replace" && len(args) == 2:
		return &value{kind: vConst, s: strings.ReplaceAll(s.s, args[0].s, args[1].s)}
	case name == "toString" || name == "intern":
		return s
	case name == "formatted":
		if f, ok := javaFormat(s.s, args); ok {
			return &value{kind: vConst, s: f}
		}
	}
	return nil
}

func (e *evaluator) staticCall(c *javasyntax.Call, recv *value, sc *scope) *value {
	args := e.args(c.Args, sc)
	if _, isLit := recv.expr.(*javasyntax.ClassLit); isLit {
		return e.classLiteralCall(c, recv, args)
	}
	simple := simpleName(recv.className)
	if v := e.flinkStatic(c, simple, args); v != nil {
		return v
	}
	if v := jdkStatic(c.Name, simple, args); v != nil {
		return v
	}
	if e.a.inlinable(recv.cls) {
		e.callPos = e.pos(c.NameOff)
		if m := e.a.methodIn(recv.cls, c.Name, len(args)); m != nil {
			return e.inline(m, nil, args)
		}
	}
	return e.unknownCall(c, recv, args)
}

// classLiteralCall folds X.class.getSimpleName() and getName().
func (e *evaluator) classLiteralCall(c *javasyntax.Call, recv *value, args []*value) *value {
	switch c.Name {
	case "getSimpleName":
		return &value{kind: vConst, s: simpleName(recv.className)}
	case "getName", "getCanonicalName", "getTypeName":
		if recv.cls != nil {
			return &value{kind: vConst, s: binaryName(recv.cls, c.Name != "getName")}
		}
		if strings.Contains(recv.className, ".") {
			return &value{kind: vConst, s: recv.className}
		}
	}
	return e.unknownCall(c, recv, args)
}

// flinkStatic handles Flink's static entry points: environments, async
// I/O, CEP and DataStreamUtils. It returns nil for other calls.
func (e *evaluator) flinkStatic(c *javasyntax.Call, simple string, args []*value) *value {
	var stream *value
	if len(args) > 0 && args[0].kind == vStream {
		stream = args[0]
	}
	switch {
	case envTypes[simple] && envFactories[c.Name]:
		return e.newEnv("")
	case simple == "ExecutionEnvironment" && c.Name == "getInstance":
		return e.newEnv("v2")
	case c.Name == "addSink" && stream != nil && recvNotInTree(simple, e):
		// Static sink wrappers such as CassandraSink.addSink(stream) create
		// the sink and return a builder that configures it.
		op := e.newOperator(c, KindSink, stream.ins...)
		op.Stateful, op.StatefulReason = StatefulUnknown, simple+".addSink sink state is not known"
		if entry, ok := lookupCatalog(simple); ok {
			op.Stateful, op.StatefulReason = entry.stateful(), entry.Reason
		}
		return &value{kind: vStream, stype: "SinkBuilder", last: op}
	case (simple == "DataStreamV2SinkUtils" || simple == "DataStreamV2SourceUtils") && strings.HasPrefix(c.Name, "wrap") && len(args) == 1:
		return args[0]
	case simple == "AsyncDataStream" && strings.HasSuffix(strings.TrimSuffix(c.Name, "WithRetry"), "Wait") && stream != nil:
		op := e.newOperator(c, KindOneInput, stream.ins...)
		op.Stateful, op.StatefulReason = StatefulYes, "async I/O keeps in-flight records in operator state (_async_wait_operator_state_)"
		return streamOf(op)
	case simple == "CEP" && c.Name == "pattern" && stream != nil:
		return &value{kind: vStream, stype: "PatternStream", ins: stream.ins}
	case simple == "DataStreamUtils" && c.Name == "reinterpretAsKeyedStream" && stream != nil:
		return &value{kind: vStream, stype: "KeyedStream", ins: stream.ins, keyed: true}
	}
	return nil
}

// jdkStatic folds String.format, valueOf and join over constants, and marks
// JDK calls whose result differs per run. It returns nil for other calls.
func jdkStatic(name, simple string, args []*value) *value {
	switch {
	case simple == "String" && name == "format" && len(args) > 0 && args[0].kind == vConst:
		if s, ok := javaFormat(args[0].s, args[1:]); ok {
			return &value{kind: vConst, s: s}
		}
		return &value{unstable: unstableOf(args)}
	case (simple == "String" || simple == "Integer" || simple == "Long") && (name == "valueOf" || name == "toString") && len(args) == 1:
		if args[0].kind == vConst {
			return &value{kind: vConst, s: args[0].s}
		}
		return &value{unstable: args[0].unstable}
	case simple == "String" && name == "join" && len(args) > 1:
		parts := make([]string, 0, len(args)-1)
		for _, a := range args {
			if a.kind != vConst {
				return &value{unstable: unstableOf(args)}
			}
			parts = append(parts, a.s)
		}
		return &value{kind: vConst, s: strings.Join(parts[1:], parts[0])}
	case (name == "now" || name == "current") && timeOrRandom[simple]:
		return &value{unstable: simple + "." + name + "()"}
	}
	return nil
}

// timeOrRandom are JDK classes whose now() or current() differs per run.
var timeOrRandom = setOf("ThreadLocalRandom", "Instant", "LocalDateTime", "LocalDate", "ZonedDateTime", "OffsetDateTime", "Clock")

// recvNotInTree reports whether a static call's class is outside the
// analysed pipeline code, so its behaviour comes from the API table.
func recvNotInTree(simple string, e *evaluator) bool {
	return e.a.eagerClass(simple, e.top().file) == nil
}

func unstableOf(vs []*value) string {
	for _, v := range vs {
		if v.unstable != "" {
			return v.unstable
		}
	}
	return ""
}

// binaryName is Class.getName() ("pkg.Outer$Inner"), or the canonical name.
func binaryName(c *javasyntax.Class, canonical bool) string {
	sep := "$"
	if canonical {
		sep = "."
	}
	name := c.Name
	for o := c.Outer; o != nil; o = o.Outer {
		name = o.Name + sep + name
	}
	if c.File.Package != "" {
		name = c.File.Package + "." + name
	}
	return name
}

// javaFormat formats like String.format for %s, %d, %% and %n with constant
// arguments; anything else is not folded.
func javaFormat(format string, args []*value) (string, bool) {
	var b strings.Builder
	next := 0
	for i := 0; i < len(format); i++ {
		ch := format[i]
		if ch != '%' {
			b.WriteByte(ch)
			continue
		}
		if i+1 >= len(format) {
			return "", false
		}
		i++
		switch format[i] {
		case '%':
			b.WriteByte('%')
		case 'n':
			b.WriteByte('\n')
		case 's', 'd', 'S':
			if next >= len(args) || args[next].kind != vConst {
				return "", false
			}
			s := args[next].s
			if format[i] == 'S' {
				s = strings.ToUpper(s)
			}
			if format[i] == 'd' {
				if _, err := strconv.ParseInt(s, 10, 64); err != nil {
					return "", false
				}
			}
			b.WriteString(s)
			next++
		default:
			return "", false
		}
	}
	return b.String(), true
}

func streamOf(op *Operator) *value {
	return &value{kind: vStream, stype: "SingleOutputStreamOperator", last: op, ins: []Input{{From: op, Partition: Forward}}}
}

func (e *evaluator) envCall(c *javasyntax.Call, env *value, sc *scope) *value {
	args := e.args(c.Args, sc)
	if env.stype == "ExecutionConfig" {
		if c.Name == "disableAutoGeneratedUIDs" && env.env != nil {
			env.env.autoUIDsDisabled = true
		}
		return env
	}
	switch {
	case env.stype == "v2" && c.Name == "fromSource":
		op := e.newOperator(c, KindSource)
		op.env = env.env
		op.Stateful, op.StatefulReason = e.sourceState(c.Name, args)
		v := streamOf(op)
		v.stype = "NonKeyedPartitionStream"
		return v
	case envSources[c.Name]:
		op := e.newOperator(c, KindSource)
		op.env = env.env
		op.Stateful, op.StatefulReason = e.sourceState(c.Name, args)
		v := streamOf(op)
		v.stype = "DataStreamSource"
		return v
	case c.Name == "setParallelism" && env.env != nil:
		if n, ok := intOf(args); ok {
			env.env.parallelism = n
		}
	case c.Name == "setMaxParallelism" && env.env != nil:
		if n, ok := intOf(args); ok {
			env.env.maxParallelism = n
		}
	case c.Name == "disableOperatorChaining" && env.env != nil:
		env.env.chainingDisabled = true
	case c.Name == "getConfig":
		return &value{kind: vEnv, stype: "ExecutionConfig", env: env.env}
	case strings.HasPrefix(c.Name, "set"), strings.HasPrefix(c.Name, "enable"), strings.HasPrefix(c.Name, "disable"),
		strings.HasPrefix(c.Name, "configure"), strings.HasPrefix(c.Name, "register"), strings.HasPrefix(c.Name, "add"):
	default:
		return e.unknownCall(c, env, args)
	}
	return env
}

func intOf(args []*value) (int, bool) {
	if len(args) != 1 || args[0].kind != vConst || !args[0].isInt {
		return 0, false
	}
	n, err := strconv.Atoi(args[0].s)
	return n, err == nil
}

func (e *evaluator) streamCall(c *javasyntax.Call, sv *value, sc *scope) *value {
	name := c.Name
	args := e.args(c.Args, sc)
	withType := func(stype string) *value {
		v := *sv
		v.stype = stype
		v.last = nil
		return &v
	}
	switch sv.stype {
	case "WindowedStream", "AllWindowedStream":
		switch {
		case windowConfig[name]:
			return sv
		case windowOps[name]:
			op := e.newOperator(c, KindOneInput, sv.ins...)
			op.Stateful, op.StatefulReason = StatefulYes, "window operator keeps window contents, trigger state and timers"
			return streamOf(op)
		}
	case "JoinedStreams", "CoGroupedStreams", "Where", "EqualTo", "WithWindow":
		switch {
		case windowConfig[name]:
			return sv
		case name == "apply" || name == "with":
			op := e.newOperator(c, KindTwoInput, append(append([]Input(nil), sv.ins...), sv.ins2...)...)
			op.Stateful, op.StatefulReason = StatefulYes, "window join keeps both inputs' window contents and timers"
			return streamOf(op)
		}
	case "IntervalJoin", "IntervalJoined":
		switch {
		case windowConfig[name]:
			return withType("IntervalJoined")
		case name == "process":
			op := e.newOperator(c, KindTwoInput, append(append([]Input(nil), sv.ins...), sv.ins2...)...)
			op.Stateful, op.StatefulReason = StatefulYes, "interval join buffers both inputs in keyed state with cleanup timers"
			return streamOf(op)
		}
	case "PatternStream":
		switch {
		case windowConfig[name]:
			return sv
		case name == "select" || name == "flatSelect" || name == "process":
			op := e.newOperator(c, KindOneInput, sv.ins...)
			op.Stateful, op.StatefulReason = StatefulYes, "CEP keeps partial matches (NFA state and shared buffer) in keyed state"
			return streamOf(op)
		}
	case "ConnectedStreams", "BroadcastConnectedStream":
		switch name {
		case "keyBy":
			v := *sv
			v.keyed = true
			v.ins = withPartition(sv.ins, Hash)
			v.ins2 = withPartition(sv.ins2, Hash)
			return &v
		case "map", "flatMap", "process", "transform":
			op := e.newOperator(c, KindTwoInput, append(append([]Input(nil), sv.ins...), sv.ins2...)...)
			switch {
			case sv.bcast:
				op.Stateful, op.StatefulReason = StatefulYes, "broadcast state is kept in operator state"
			case name == "transform":
				op.Stateful, op.StatefulReason = StatefulUnknown, "custom operator"
			case len(args) > 0:
				op.Stateful, op.StatefulReason = e.functionState(args[0])
			}
			return streamOf(op)
		}
	case "BroadcastStream":
	case "SinkBuilder":
		if modifierOps[name] {
			e.modify(c, name, sv, args)
		}
		return sv
	case "DataStreamSink":
		if modifierOps[name] {
			e.modify(c, name, sv, args)
			return sv
		}
	default:
		if v2Types[sv.stype] {
			return e.v2Call(c, sv, args)
		}
		return e.dataStreamCall(c, sv, args)
	}
	e.gap("call of " + name + " on a " + sv.stype + " is not modelled")
	return e.unknownCall(c, sv, args)
}

func withPartition(ins []Input, p Partitioning) []Input {
	out := make([]Input, len(ins))
	for i, in := range ins {
		in.Partition = p
		out[i] = in
	}
	return out
}

//nolint:gocognit,cyclop,funlen // the DataStream API table
func (e *evaluator) dataStreamCall(c *javasyntax.Call, sv *value, args []*value) *value {
	name := c.Name
	switch {
	case modifierOps[name]:
		e.modify(c, name, sv, args)
		return sv
	case sv.keyed && keyedAggregations[name]:
		op := e.newOperator(c, KindOneInput, sv.ins...)
		op.Stateful, op.StatefulReason = StatefulYes, "keyed aggregation keeps its running value in keyed state"
		return streamOf(op)
	case oneInputOps[name]:
		op := e.newOperator(c, KindOneInput, sv.ins...)
		switch {
		case name == "assignTimestampsAndWatermarks" || name == "project":
			op.Stateful, op.StatefulReason = StatefulNo, name+" keeps no state"
		case name == "transform":
			op.Stateful, op.StatefulReason = StatefulUnknown, "custom operator given to transform"
			if len(args) > 0 {
				if s, r := e.functionState(args[len(args)-1]); s != StatefulUnknown || !strings.Contains(r, "could not") {
					op.Stateful, op.StatefulReason = s, r
				}
			}
		case len(args) > 0:
			op.Stateful, op.StatefulReason = e.functionState(args[0])
		}
		return streamOf(op)
	case name == "keyBy":
		return &value{kind: vStream, stype: "KeyedStream", ins: withPartition(sv.ins, Hash), keyed: true}
	case partitioners[name] != "":
		return &value{kind: vStream, stype: "DataStream", ins: withPartition(sv.ins, partitioners[name])}
	case name == "broadcast":
		if len(args) == 0 {
			return &value{kind: vStream, stype: "DataStream", ins: withPartition(sv.ins, Broadcast)}
		}
		return &value{kind: vStream, stype: "BroadcastStream", ins: withPartition(sv.ins, Broadcast)}
	case name == "union":
		ins := append([]Input(nil), sv.ins...)
		for _, a := range args {
			if a.kind == vStream {
				ins = append(ins, a.ins...)
			}
		}
		for i := range ins {
			ins[i].Union = true
		}
		return &value{kind: vStream, stype: "DataStream", ins: ins}
	case name == "connect" && len(args) == 1:
		other := args[0]
		v := &value{kind: vStream, stype: "ConnectedStreams", ins: sv.ins, ins2: other.ins, keyed: sv.keyed}
		if other.stype == "BroadcastStream" {
			v.stype, v.bcast = "BroadcastConnectedStream", true
		}
		if other.kind != vStream {
			v.ins2 = []Input{{Partition: Forward}}
		}
		return v
	case (name == "join" || name == "coGroup") && len(args) == 1:
		stype := "JoinedStreams"
		if name == "coGroup" {
			stype = "CoGroupedStreams"
		}
		v := &value{kind: vStream, stype: stype, ins: withPartition(sv.ins, Hash), ins2: withPartition(args[0].ins, Hash)}
		if args[0].kind != vStream {
			v.ins2 = []Input{{Partition: Hash}}
		}
		return v
	case name == "intervalJoin" && len(args) == 1:
		v := &value{kind: vStream, stype: "IntervalJoin", ins: sv.ins, ins2: args[0].ins}
		if args[0].kind != vStream {
			v.ins2 = []Input{{Partition: Hash}}
		}
		return v
	case name == "window" || name == "countWindow" || name == "timeWindow":
		if sv.keyed {
			return &value{kind: vStream, stype: "WindowedStream", ins: sv.ins, keyed: true}
		}
	case name == "windowAll" || name == "countWindowAll" || name == "timeWindowAll":
		return &value{kind: vStream, stype: "AllWindowedStream", ins: withPartition(sv.ins, Global)}
	case sinkOps[name]:
		op := e.newOperator(c, KindSink, sv.ins...)
		op.Stateful, op.StatefulReason, op.Parts = e.sinkState(name, args)
		return &value{kind: vStream, stype: "DataStreamSink", last: op}
	case collectOps[name]:
		op := e.newOperator(c, KindSink, sv.ins...)
		op.Stateful, op.StatefulReason = StatefulYes, "collect sink keeps its buffer and offset in operator state"
		return unknown
	case name == "getSideOutput":
		if sv.last != nil {
			return &value{kind: vStream, stype: "DataStream", ins: []Input{{From: sv.last, Partition: Forward}}}
		}
		return &value{kind: vStream, stype: "DataStream", ins: sv.ins}
	case name == "iterate":
		return &value{kind: vStream, stype: "IterativeStream", ins: sv.ins, last: sv.last}
	case name == "getExecutionEnvironment":
		if sv.last != nil && sv.last.env != nil {
			return &value{kind: vEnv, env: sv.last.env}
		}
		return e.newEnv("")
	case name == "closeWith" || name == "getType" || name == "getId" || name == "getTransformation" ||
		name == "getParallelism" || name == "getName" || name == "getUid" || name == "executeAndCollect":
		return unknown
	}
	e.gap("call of " + name + " on a " + sv.stype + " is not modelled")
	return e.unknownCall(c, sv, args)
}

// v2Call models Flink 2.x's DataStream V2 API: process, connectAndProcess
// and toSink create operators; withUid and friends configure the last one.
func (e *evaluator) v2Call(c *javasyntax.Call, sv *value, args []*value) *value {
	name := c.Name
	stream := func(op *Operator, stype string) *value {
		v := streamOf(op)
		v.stype = stype
		return v
	}
	switch {
	case v2Modifiers[name] != "":
		e.modify(c, v2Modifiers[name], sv, args)
		return sv
	case name == "process" && len(args) > 0:
		op := e.newOperator(c, KindOneInput, sv.ins...)
		op.Stateful, op.StatefulReason = e.functionState(args[0])
		return stream(op, "NonKeyedPartitionStream")
	case name == "connectAndProcess" && len(args) > 1:
		var other []Input
		if args[0].kind == vStream {
			other = args[0].ins
		}
		op := e.newOperator(c, KindTwoInput, append(append([]Input(nil), sv.ins...), other...)...)
		op.Stateful, op.StatefulReason = e.functionState(args[len(args)-1])
		return stream(op, "NonKeyedPartitionStream")
	case name == "toSink" && len(args) > 0:
		op := e.newOperator(c, KindSink, sv.ins...)
		op.Stateful, op.StatefulReason, op.Parts = e.sinkState("sinkTo", args)
		return &value{kind: vStream, stype: "NonKeyedPartitionStream", last: op}
	case name == "keyBy":
		return &value{kind: vStream, stype: "KeyedPartitionStream", ins: withPartition(sv.ins, Hash), keyed: true}
	case name == "shuffle":
		return &value{kind: vStream, stype: "NonKeyedPartitionStream", ins: withPartition(sv.ins, Shuffle)}
	case name == "broadcast":
		return &value{kind: vStream, stype: "V2BroadcastStream", ins: withPartition(sv.ins, Broadcast)}
	case name == "global":
		return &value{kind: vStream, stype: "GlobalStream", ins: withPartition(sv.ins, Global)}
	}
	e.gap("call of " + name + " on a " + sv.stype + " is not modelled")
	return e.unknownCall(c, sv, args)
}

// modify applies a configuring call (named as in DataStream V1) to the
// operator created last.
func (e *evaluator) modify(c *javasyntax.Call, name string, sv *value, args []*value) {
	op := sv.last
	if op == nil {
		if name == "uid" || name == "setUidHash" {
			e.gap(name + " applied to a stream whose operator is not known")
		}
		return
	}
	var arg *value
	if len(args) > 0 {
		arg = args[0]
	}
	switch name {
	case "uid":
		if arg == nil {
			return
		}
		u := UID{State: UIDUnresolved, Expr: e.text(c.Args[0]), Pos: e.pos(c.NameOff), End: e.pos(c.NameEnd), Unstable: arg.unstable}
		if arg.kind == vConst && arg.unstable == "" {
			u.State, u.Value = UIDResolved, strings.Clone(arg.s)
		}
		op.UID = u
	case "setUidHash":
		if arg != nil && arg.kind == vConst {
			op.UIDHash = strings.Clone(arg.s)
		} else if arg != nil {
			op.UIDHash = e.text(c.Args[0])
		}
		op.UIDHashPos = e.pos(c.NameOff)
	case "name":
		if arg != nil && arg.kind == vConst {
			op.Name = strings.Clone(arg.s)
		}
	case "setParallelism":
		if n, ok := intOf(args); ok {
			op.Parallelism = n
		}
	case "setMaxParallelism":
		if n, ok := intOf(args); ok {
			op.MaxParallelism = n
		}
	case "disableChaining":
		op.DisableChaining = true
	case "startNewChain":
		op.StartNewChain = true
	case "slotSharingGroup":
		if arg != nil && arg.kind == vConst {
			op.SlotSharingGroup = strings.Clone(arg.s)
		} else {
			op.SlotSharingGroup = "?"
		}
	}
}
