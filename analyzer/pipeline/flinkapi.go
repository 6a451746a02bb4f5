package pipeline

// The DataStream API as a table: which calls on which receiver type create
// an operator, which only change the stream's type or partitioning, and
// which configure the operator created last. Types are simple names; the
// 2.x package moves keep them.

type set map[string]bool

func setOf(names ...string) set {
	s := set{}
	for _, n := range names {
		s[n] = true
	}
	return s
}

// streamTypes are the Flink types whose values are streams or stream
// builders. A declared type (local, field, parameter, method return) with
// one of these names makes the value a stream.
var streamTypes = setOf(
	"DataStream", "SingleOutputStreamOperator", "DataStreamSource", "KeyedStream",
	"WindowedStream", "AllWindowedStream", "ConnectedStreams", "BroadcastStream",
	"BroadcastConnectedStream", "DataStreamSink", "JoinedStreams", "CoGroupedStreams",
	"IntervalJoin", "IntervalJoined", "PatternStream", "IterativeStream", "SideOutputDataStream",
	"Where", "EqualTo", "WithWindow",
	// Flink 2.x DataStream V2 (org.apache.flink.datastream.api).
	"NonKeyedPartitionStream", "KeyedPartitionStream", "GlobalStream",
	"ProcessConfigurableAndNonKeyedPartitionStream", "ProcessConfigurableAndKeyedPartitionStream",
	"ProcessConfigurableAndGlobalStream",
)

// v2Types are the DataStream V2 stream types of Flink 2.x.
var v2Types = setOf("NonKeyedPartitionStream", "KeyedPartitionStream", "GlobalStream",
	"ProcessConfigurableAndNonKeyedPartitionStream", "ProcessConfigurableAndKeyedPartitionStream",
	"ProcessConfigurableAndGlobalStream", "V2BroadcastStream")

// v2Modifiers map DataStream V2's ProcessConfigurable methods to the
// DataStream V1 modifiers they correspond to.
var v2Modifiers = map[string]string{
	"withUid": "uid", "withName": "name", "withParallelism": "setParallelism",
	"withMaxParallelism": "setMaxParallelism", "withSlotSharingGroup": "slotSharingGroup",
}

// envTypes are the stream execution environments.
var envTypes = setOf("StreamExecutionEnvironment", "LocalStreamEnvironment", "RemoteStreamEnvironment")

// envFactories are static methods of StreamExecutionEnvironment that return one.
var envFactories = setOf("getExecutionEnvironment", "createLocalEnvironment", "createRemoteEnvironment",
	"createLocalEnvironmentWithWebUI")

// envSources create a source operator on an environment.
var envSources = setOf("addSource", "fromSource", "fromElements", "fromCollection", "fromSequence",
	"fromData", "socketTextStream", "readTextFile", "readFile", "createInput", "fromParallelCollection",
	"generateSequence")

// oneInputOps create a one-input operator on any data stream.
var oneInputOps = setOf("map", "flatMap", "filter", "process", "transform", "assignTimestampsAndWatermarks", "project")

// keyedAggregations create a StreamGroupedReduceOperator on a KeyedStream.
var keyedAggregations = setOf("reduce", "sum", "min", "max", "minBy", "maxBy", "fold")

// windowOps create a WindowOperator on a windowed stream.
var windowOps = setOf("apply", "process", "reduce", "aggregate", "sum", "min", "max", "minBy", "maxBy", "fold")

// windowConfig configure a windowed or joined stream and return it.
var windowConfig = setOf("trigger", "evictor", "allowedLateness", "sideOutputLateData", "where", "equalTo",
	"window", "between", "lowerBoundExclusive", "upperBoundExclusive", "sideOutputLeftLateData",
	"sideOutputRightLateData", "inEventTime", "inProcessingTime")

// partitioners change how records reach the next operator; no operator.
var partitioners = map[string]Partitioning{
	"rebalance": Rebalance, "rescale": Rescale, "shuffle": Shuffle, "global": Global,
	"forward": Forward, "partitionCustom": Custom,
}

// sinkOps create a sink operator.
var sinkOps = setOf("addSink", "sinkTo", "print", "printToErr", "writeAsText", "writeAsCsv",
	"writeUsingOutputFormat", "writeToSocket")

// pipelineCalls mark a method as building part of a pipeline (with
// envSources, sinkOps, oneInputOps, collectOps and envFactories).
var pipelineCalls = setOf("keyBy", "window", "windowAll", "connect", "union", "join", "coGroup", "intervalJoin",
	"orderedWait", "unorderedWait", "orderedWaitWithRetry", "unorderedWaitWithRetry", "pattern", "getInstance",
	"toSink", "uid", "setUidHash")

// tableConversions turn a Table into a DataStream on a StreamTableEnvironment.
var tableConversions = setOf("toDataStream", "toChangelogStream", "toAppendStream", "toRetractStream")

// collectOps create a collect sink and return results, not a stream.
var collectOps = setOf("executeAndCollect", "collectAsync")

// modifierOps configure the operator created last and return the same stream.
var modifierOps = setOf("uid", "setUidHash", "name", "setParallelism", "setMaxParallelism", "disableChaining",
	"startNewChain", "slotSharingGroup", "returns", "setDescription", "setBufferTimeout", "forceNonParallel",
	"setResources", "setMinResources", "setDescription")

// configCalls read the JVM's configuration: the same on every submission
// of one deployment.
var configCalls = setOf("getenv", "getProperty")

// configTypes hold a job's configuration (Flink's ParameterTool and
// Configuration, java.util.Properties, Typesafe Config): what their
// getters return depends on the deployment, not on the run.
var configTypes = setOf("ParameterTool", "MultipleParameterTool", "Configuration", "ReadableConfig", "Properties", "Config")

// perRunTypes are JDK classes whose new instances differ per run.
var perRunTypes = setOf("Random", "SecureRandom", "Date")

// unstableCalls are calls whose result differs from run to run; a uid built
// from one changes on every submission and never matches a savepoint.
var unstableCalls = map[string]string{
	"randomUUID":        "UUID.randomUUID()",
	"currentTimeMillis": "System.currentTimeMillis()",
	"nanoTime":          "System.nanoTime()",
	"random":            "Math.random()",
	"nextInt":           "a random number",
	"nextLong":          "a random number",
	"nextDouble":        "a random number",
	"nextFloat":         "a random number",
	"nextGaussian":      "a random number",
	"nextBoolean":       "a random number",
	"hashCode":          "hashCode(), which differs between JVM runs for most objects",
	"identityHashCode":  "System.identityHashCode()",
	"now":               "the current time",
	"getAndIncrement":   "a counter",
	"incrementAndGet":   "a counter",
	"getAndAdd":         "a counter",
	"addAndGet":         "a counter",
}

// statelessBases are Flink function interfaces and base classes that hold no
// state themselves: a user function extending only these is stateless
// unless its own body uses state.
var statelessBases = setOf(
	"MapFunction", "RichMapFunction", "FlatMapFunction", "RichFlatMapFunction", "FilterFunction",
	"RichFilterFunction", "ProcessFunction", "KeyedProcessFunction", "CoProcessFunction",
	"KeyedCoProcessFunction", "CoMapFunction", "RichCoMapFunction", "CoFlatMapFunction",
	"RichCoFlatMapFunction", "BroadcastProcessFunction", "KeyedBroadcastProcessFunction",
	"ProcessWindowFunction", "ProcessAllWindowFunction", "WindowFunction", "AllWindowFunction",
	"RichWindowFunction", "RichAllWindowFunction", "AggregateFunction", "ReduceFunction",
	"RichReduceFunction", "SinkFunction", "RichSinkFunction", "SourceFunction", "RichSourceFunction",
	"ParallelSourceFunction", "RichParallelSourceFunction", "AsyncFunction", "RichAsyncFunction",
	"KeySelector", "JoinFunction", "RichJoinFunction", "CoGroupFunction", "RichCoGroupFunction",
	"FlatJoinFunction", "ProcessJoinFunction", "PatternProcessFunction", "PatternSelectFunction",
	"PatternFlatSelectFunction", "AbstractRichFunction", "RichFunction", "Function", "Serializable",
	"ResultTypeQueryable", "OutputFormat", "RichOutputFormat", "SerializationSchema",
	"DeserializationSchema", "Sink", "SinkWriter", "TimestampAssigner", "WatermarkStrategy",
	"Comparable", "Cloneable", "Object", "CheckpointListener",
	// Custom operators given to transform: their own state is found by the
	// state markers (initializeState, state backends, timer services).
	"AbstractStreamOperator", "AbstractStreamOperatorV2", "OneInputStreamOperator", "TwoInputStreamOperator",
	"AbstractUdfStreamOperator", "BoundedOneInput", "StreamOperator",
	"StreamMap", "StreamFlatMap", "StreamFilter", "ProcessOperator", "KeyedProcessOperator",
)

// udfOperatorBases are Flink operators that run a user function given to
// their constructor: a subclass keeps the state of that function.
var udfOperatorBases = setOf("AbstractUdfStreamOperator", "StreamMap", "StreamFlatMap", "StreamFilter",
	"ProcessOperator", "KeyedProcessOperator")

// stateInterfaces make a function stateful: Flink snapshots operator state
// through them.
var stateInterfaces = setOf("CheckpointedFunction", "ListCheckpointed", "CheckpointedRestoring",
	"StatefulSink", "SupportsWriterState", "TwoPhaseCommittingSink", "SupportsCommitter",
	"TwoPhaseCommittingStatefulSink")

// IsEnvSource reports whether name is a method of the stream execution
// environment that creates a source; it returns DataStreamSource.
func IsEnvSource(name string) bool { return envSources[name] }

// IsCollectSink reports whether name creates a collect sink
// (executeAndCollect, collectAsync): it returns results, not a stream, so
// it cannot carry a uid, and jobs that use one are not resumed from
// savepoints.
func IsCollectSink(name string) bool { return collectOps[name] }
