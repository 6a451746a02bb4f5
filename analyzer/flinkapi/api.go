package flinkapi

import (
	"slices"
	"sync"
)

// Role is what a method of Flink's DataStream API does to a pipeline.
type Role uint8

// Roles. A name may have several rows with different roles: process is an
// operator on a data stream and the window function of a windowed stream.
const (
	// EnvSource creates a source on a StreamExecutionEnvironment; it
	// returns DataStreamSource.
	EnvSource Role = iota + 1
	// EnvFactory is a static method of StreamExecutionEnvironment that
	// returns one.
	EnvFactory
	// OneInput creates a one-input operator on any data stream.
	OneInput
	// KeyedAggregation creates a StreamGroupedReduceOperator on a KeyedStream.
	KeyedAggregation
	// WindowOp creates the WindowOperator of a windowed stream.
	WindowOp
	// WindowConfig configures a windowed, joined or pattern stream and
	// returns it.
	WindowConfig
	// Partitioner changes how records reach the next operator; no operator.
	Partitioner
	// Sink creates a sink operator.
	Sink
	// Collect creates a collect sink and returns results, not a stream: it
	// cannot carry a uid.
	Collect
	// Modifier configures the operator created last and returns the same
	// stream.
	Modifier
	// Structure builds part of a pipeline without creating an operator
	// itself (keyBy, connect, join, uid…); it marks a method as building
	// one.
	Structure
	// TableConversion turns a Table into a DataStream on a
	// StreamTableEnvironment.
	TableConversion
	// Function only takes per-record user functions (CEP's select, a join's
	// with, watermark builders).
	Function
)

// Method is one row of the DataStream API table.
type Method struct {
	Name string
	Role Role
	// UDF marks methods whose lambda arguments are user functions Flink
	// runs per record: their bodies never build a pipeline, so the front
	// end does not lower them.
	UDF bool
	// Stateful is, for a method that creates an operator, "true", "false",
	// "unknown", or "function" when the user function given to it decides.
	Stateful string
	// Reason says why, for Stateful "true" or "false".
	Reason string
	// Partitioning is a Partitioner's edge: "rebalance", "rescale", …
	Partitioning string
}

// Methods is the DataStream API as the analysis knows it. Adding a method
// of a role the evaluator models is one row: the pre-filter, the front
// end's pruning of user functions and the evaluator read this table (a test
// adds a row and sees each pick it up). Read-only once first used.
var Methods = []Method{
	// An environment source's Stateful is the fallback for when the
	// catalog does not decide "StreamExecutionEnvironment.<name>" from
	// Flink's bytecode (Catalog.EnvSource); "function" means the source
	// given as its argument decides.
	{Name: "addSource", Role: EnvSource, Stateful: "function"},
	{Name: "fromSource", Role: EnvSource, Stateful: "function"},
	{Name: "fromElements", Role: EnvSource, Stateful: "true", Reason: "fromElements keeps the number of emitted elements in operator state"},
	{Name: "fromCollection", Role: EnvSource, Stateful: "true", Reason: "fromCollection keeps the number of emitted elements in operator state"},
	{Name: "fromSequence", Role: EnvSource, Stateful: "true", Reason: "fromSequence keeps its remaining splits in operator state"},
	{Name: "fromData", Role: EnvSource, Stateful: "true", Reason: "fromData keeps its remaining splits in operator state"},
	{Name: "socketTextStream", Role: EnvSource, Stateful: "false", Reason: "socket source keeps no state"},
	{Name: "readTextFile", Role: EnvSource, Stateful: "true", Reason: fileSourceReason},
	{Name: "readFile", Role: EnvSource, Stateful: "true", Reason: fileSourceReason},
	{Name: "createInput", Role: EnvSource, Stateful: "unknown", Reason: "createInput's source state depends on its input format"},
	{Name: "fromParallelCollection", Role: EnvSource, Stateful: "false", Reason: "fromParallelCollection's FromSplittableIteratorFunction registers no state"},
	{Name: "generateSequence", Role: EnvSource, Stateful: "true", Reason: "generateSequence keeps its remaining splits in operator state"},

	{Name: "getExecutionEnvironment", Role: EnvFactory},
	{Name: "createLocalEnvironment", Role: EnvFactory},
	{Name: "createRemoteEnvironment", Role: EnvFactory},
	{Name: "createLocalEnvironmentWithWebUI", Role: EnvFactory},

	{Name: "map", Role: OneInput, UDF: true, Stateful: "function"},
	{Name: "flatMap", Role: OneInput, UDF: true, Stateful: "function"},
	{Name: "filter", Role: OneInput, UDF: true, Stateful: "function"},
	{Name: "process", Role: OneInput, UDF: true, Stateful: "function"},
	{Name: "transform", Role: OneInput, Stateful: "function"},
	{Name: "assignTimestampsAndWatermarks", Role: OneInput, Stateful: "false", Reason: "assignTimestampsAndWatermarks keeps no state"},
	{Name: "project", Role: OneInput, Stateful: "false", Reason: "project keeps no state"},

	{Name: "reduce", Role: KeyedAggregation, UDF: true, Stateful: "true", Reason: keyedAggregationReason},
	{Name: "sum", Role: KeyedAggregation, Stateful: "true", Reason: keyedAggregationReason},
	{Name: "min", Role: KeyedAggregation, Stateful: "true", Reason: keyedAggregationReason},
	{Name: "max", Role: KeyedAggregation, Stateful: "true", Reason: keyedAggregationReason},
	{Name: "minBy", Role: KeyedAggregation, Stateful: "true", Reason: keyedAggregationReason},
	{Name: "maxBy", Role: KeyedAggregation, Stateful: "true", Reason: keyedAggregationReason},
	{Name: "fold", Role: KeyedAggregation, Stateful: "true", Reason: keyedAggregationReason},

	{Name: "apply", Role: WindowOp, UDF: true, Stateful: "true", Reason: windowReason},
	{Name: "process", Role: WindowOp, UDF: true, Stateful: "true", Reason: windowReason},
	{Name: "reduce", Role: WindowOp, UDF: true, Stateful: "true", Reason: windowReason},
	{Name: "aggregate", Role: WindowOp, UDF: true, Stateful: "true", Reason: windowReason},
	{Name: "sum", Role: WindowOp, Stateful: "true", Reason: windowReason},
	{Name: "min", Role: WindowOp, Stateful: "true", Reason: windowReason},
	{Name: "max", Role: WindowOp, Stateful: "true", Reason: windowReason},
	{Name: "minBy", Role: WindowOp, Stateful: "true", Reason: windowReason},
	{Name: "maxBy", Role: WindowOp, Stateful: "true", Reason: windowReason},
	{Name: "fold", Role: WindowOp, Stateful: "true", Reason: windowReason},

	{Name: "trigger", Role: WindowConfig},
	{Name: "evictor", Role: WindowConfig},
	{Name: "allowedLateness", Role: WindowConfig},
	{Name: "sideOutputLateData", Role: WindowConfig},
	{Name: "where", Role: WindowConfig, UDF: true},
	{Name: "equalTo", Role: WindowConfig, UDF: true},
	{Name: "window", Role: WindowConfig},
	{Name: "between", Role: WindowConfig},
	{Name: "lowerBoundExclusive", Role: WindowConfig},
	{Name: "upperBoundExclusive", Role: WindowConfig},
	{Name: "sideOutputLeftLateData", Role: WindowConfig},
	{Name: "sideOutputRightLateData", Role: WindowConfig},
	{Name: "inEventTime", Role: WindowConfig},
	{Name: "inProcessingTime", Role: WindowConfig},

	{Name: "rebalance", Role: Partitioner, Partitioning: "rebalance"},
	{Name: "rescale", Role: Partitioner, Partitioning: "rescale"},
	{Name: "shuffle", Role: Partitioner, Partitioning: "shuffle"},
	{Name: "global", Role: Partitioner, Partitioning: "global"},
	{Name: "forward", Role: Partitioner, Partitioning: "forward"},
	{Name: "partitionCustom", Role: Partitioner, UDF: true, Partitioning: "custom"},

	{Name: "addSink", Role: Sink},
	{Name: "sinkTo", Role: Sink},
	{Name: "print", Role: Sink},
	{Name: "printToErr", Role: Sink},
	{Name: "writeAsText", Role: Sink},
	{Name: "writeAsCsv", Role: Sink},
	{Name: "writeUsingOutputFormat", Role: Sink},
	{Name: "writeToSocket", Role: Sink},

	{Name: "executeAndCollect", Role: Collect, Stateful: "true", Reason: "collect sink keeps its buffer and offset in operator state"},
	{Name: "collectAsync", Role: Collect, Stateful: "true", Reason: "collect sink keeps its buffer and offset in operator state"},

	{Name: "uid", Role: Modifier},
	{Name: "setUidHash", Role: Modifier},
	{Name: "name", Role: Modifier},
	{Name: "setParallelism", Role: Modifier},
	{Name: "setMaxParallelism", Role: Modifier},
	{Name: "disableChaining", Role: Modifier},
	{Name: "startNewChain", Role: Modifier},
	{Name: "slotSharingGroup", Role: Modifier},
	{Name: "returns", Role: Modifier},
	{Name: "setDescription", Role: Modifier},
	{Name: "setBufferTimeout", Role: Modifier},
	{Name: "forceNonParallel", Role: Modifier},
	{Name: "setResources", Role: Modifier},
	{Name: "setMinResources", Role: Modifier},

	{Name: "keyBy", Role: Structure, UDF: true},
	{Name: "window", Role: Structure},
	{Name: "windowAll", Role: Structure},
	{Name: "connect", Role: Structure},
	{Name: "union", Role: Structure},
	{Name: "join", Role: Structure},
	{Name: "coGroup", Role: Structure},
	{Name: "intervalJoin", Role: Structure},
	{Name: "orderedWait", Role: Structure},
	{Name: "unorderedWait", Role: Structure},
	{Name: "orderedWaitWithRetry", Role: Structure},
	{Name: "unorderedWaitWithRetry", Role: Structure},
	{Name: "pattern", Role: Structure},
	{Name: "getInstance", Role: Structure},
	{Name: "toSink", Role: Structure},
	{Name: "uid", Role: Structure},
	{Name: "setUidHash", Role: Structure},

	{Name: "select", Role: Function, UDF: true},
	{Name: "flatSelect", Role: Function, UDF: true},
	{Name: "with", Role: Function, UDF: true},
	{Name: "withTimestampAssigner", Role: Function, UDF: true},
	{Name: "withIdleness", Role: Function, UDF: true},

	{Name: "toDataStream", Role: TableConversion},
	{Name: "toChangelogStream", Role: TableConversion},
	{Name: "toAppendStream", Role: TableConversion},
	{Name: "toRetractStream", Role: TableConversion},
}

const (
	keyedAggregationReason = "keyed aggregation keeps its running value in keyed state"
	windowReason           = "window operator keeps window contents, trigger state and timers"
	fileSourceReason       = "file monitoring and reading keep pending splits in operator state"
)

// table is Methods indexed by role and name, with the name sets the front
// end asks about for every call it lowers.
type table struct {
	byRole map[Role]map[string]Method
	udf    map[string]bool
	builds map[string]bool
}

// buildingRoles are the roles whose calls mark a method as building part
// of a pipeline.
var buildingRoles = []Role{EnvSource, EnvFactory, OneInput, Sink, Collect, Structure, TableConversion}

var index = sync.OnceValue(func() *table {
	t := &table{byRole: make(map[Role]map[string]Method), udf: map[string]bool{}, builds: map[string]bool{}}
	for _, m := range Methods {
		if t.byRole[m.Role] == nil {
			t.byRole[m.Role] = map[string]Method{}
		}
		t.byRole[m.Role][m.Name] = m
		if m.UDF {
			t.udf[m.Name] = true
		}
		if slices.Contains(buildingRoles, m.Role) {
			t.builds[m.Name] = true
		}
	}
	return t
})

// Lookup returns the row of name in role.
func Lookup(role Role, name string) (Method, bool) {
	m, ok := index().byRole[role][name]
	return m, ok
}

// Is reports whether name has a row in role.
func Is(role Role, name string) bool {
	_, ok := Lookup(role, name)
	return ok
}

// CollectStatic reports whether DataStreamUtils.name(stream, …) adds a
// collect sink to the stream, as executeAndCollect does.
func CollectStatic(name string) bool {
	switch name {
	case "collect", "collectWithClient", "collectBoundedStream", "collectUnboundedStream":
		return true
	}
	return false
}

// IsCollectSink reports whether an operator created by call is a collect
// sink, which cannot carry a uid.
func IsCollectSink(call string) bool { return Is(Collect, call) || CollectStatic(call) }

// BuildsPipeline reports whether a call of name marks the method holding it
// as building part of a pipeline.
func BuildsPipeline(name string) bool { return index().builds[name] }

// UDFMethods returns the names whose lambda arguments are user functions.
func UDFMethods() map[string]bool { return index().udf }

// TakesUDF reports whether name's lambda arguments are user functions.
func TakesUDF(name string) bool { return index().udf[name] }
