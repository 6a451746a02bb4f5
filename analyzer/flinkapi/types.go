package flinkapi

// Flink types and class names the analysis recognises by simple name; the
// 2.x package moves keep simple names.

type set = map[string]bool

func setOf(names ...string) set {
	s := set{}
	for _, n := range names {
		s[n] = true
	}
	return s
}

// StreamTypes are the Flink types whose values are streams or stream
// builders. A declared type (local, field, parameter, method return) with
// one of these names makes the value a stream.
var StreamTypes = setOf(
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

// TransformationTypes are the classes library code instantiates to build
// part of a pipeline without the DataStream methods: transformations, and
// streams wrapped around them (new DataStream<>(env, transformation)).
var TransformationTypes = setOf("PartitionTransformation", "OneInputTransformation", "TwoInputTransformation",
	"DataStream", "SingleOutputStreamOperator", "KeyedStream")

// Partitioners are the StreamPartitioner classes a PartitionTransformation
// is made with, by the edge they make.
var Partitioners = map[string]string{
	"KeyGroupStreamPartitioner": "hash", "RebalancePartitioner": "rebalance", "RescalePartitioner": "rescale",
	"ShufflePartitioner": "shuffle", "BroadcastPartitioner": "broadcast", "GlobalPartitioner": "global",
	"ForwardPartitioner": "forward",
}

// V2Types are the DataStream V2 stream types of Flink 2.x.
var V2Types = setOf("NonKeyedPartitionStream", "KeyedPartitionStream", "GlobalStream",
	"ProcessConfigurableAndNonKeyedPartitionStream", "ProcessConfigurableAndKeyedPartitionStream",
	"ProcessConfigurableAndGlobalStream", "V2BroadcastStream")

// V2Modifiers map DataStream V2's ProcessConfigurable methods to the
// DataStream V1 modifiers they correspond to.
var V2Modifiers = map[string]string{
	"withUid": "uid", "withName": "name", "withParallelism": "setParallelism",
	"withMaxParallelism": "setMaxParallelism", "withSlotSharingGroup": "slotSharingGroup",
}

// EnvTypes are the stream execution environments.
var EnvTypes = setOf("StreamExecutionEnvironment", "LocalStreamEnvironment", "RemoteStreamEnvironment")

// BatchEnvTypes are the DataSet API's environments (org.apache.flink.api.java):
// their jobs are batch jobs, whose operators take no uid and are never
// restored from a savepoint.
var BatchEnvTypes = setOf("ExecutionEnvironment", "LocalEnvironment", "RemoteEnvironment", "CollectionEnvironment")

// ConfigCalls read the JVM's configuration: the same on every submission
// of one deployment.
var ConfigCalls = setOf("getenv", "getProperty")

// ConfigTypes hold a job's configuration (Flink's ParameterTool and
// Configuration, java.util.Properties, Typesafe Config): what their
// getters return depends on the deployment, not on the run.
var ConfigTypes = setOf("ParameterTool", "MultipleParameterTool", "Configuration", "ReadableConfig", "Properties", "Config")

// PerRunTypes are JDK classes whose new instances differ per run.
var PerRunTypes = setOf("Random", "SecureRandom", "Date")

// UnstableCalls are calls whose result differs from run to run; a uid built
// from one changes on every submission and never matches a savepoint.
var UnstableCalls = map[string]string{
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

// TimeOrRandom are JDK classes whose now() or current() differs per run.
var TimeOrRandom = setOf("ThreadLocalRandom", "Instant", "LocalDateTime", "LocalDate", "ZonedDateTime", "OffsetDateTime", "Clock")

// StatelessBases are Flink function interfaces and base classes that hold no
// state themselves: a user function extending only these is stateless
// unless its own body uses state.
var StatelessBases = setOf(
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

// UDFOperatorBases are Flink operators that run a user function given to
// their constructor: a subclass keeps the state of that function.
var UDFOperatorBases = setOf("AbstractUdfStreamOperator", "StreamMap", "StreamFlatMap", "StreamFilter",
	"ProcessOperator", "KeyedProcessOperator")

// GeneratorSources are legacy source functions whose state is their
// generator's: DataGeneratorSource registers nothing itself and hands its
// initialisation context to the DataGenerator (SequenceGenerator registers
// its position there, RandomGenerator nothing).
var GeneratorSources = setOf("org.apache.flink.streaming.api.functions.source.datagen.DataGeneratorSource")

// FileInputFormats are Flink's FileInputFormat and its subclasses:
// createInput reads them with the file monitoring function and reader,
// which keep pending splits in operator state.
var FileInputFormats = setOf("FileInputFormat", "DelimitedInputFormat", "TextInputFormat", "TextValueInputFormat",
	"CsvInputFormat", "RowCsvInputFormat", "PojoCsvInputFormat", "TupleCsvInputFormat", "PrimitiveInputFormat",
	"BinaryInputFormat", "SerializedInputFormat", "AvroInputFormat")

// NonFileInputFormats are input formats that are not FileInputFormats:
// createInput runs them in an InputFormatSourceFunction, which registers
// no state.
var NonFileInputFormats = setOf("InputFormat", "RichInputFormat", "GenericInputFormat", "JdbcInputFormat",
	"JdbcRowDataInputFormat", "HadoopInputFormat", "ReplicatingInputFormat")

// OperatorFactoryBases are Flink's operator factory types: a factory given
// to transform keeps no state itself, Flink runs the operator its
// createStreamOperator returns.
var OperatorFactoryBases = setOf("StreamOperatorFactory", "AbstractStreamOperatorFactory",
	"OneInputStreamOperatorFactory", "TwoInputStreamOperatorFactory", "CoordinatedOperatorFactory",
	"YieldingOperatorFactory", "ProcessingTimeServiceAware")

// StateInterfaces make a function stateful: Flink snapshots operator state
// through them.
var StateInterfaces = setOf("CheckpointedFunction", "ListCheckpointed", "CheckpointedRestoring",
	"StatefulSink", "SupportsWriterState", "TwoPhaseCommittingSink", "SupportsCommitter",
	"TwoPhaseCommittingStatefulSink")

// FunctionBases are the Flink function types whose implementations are
// user functions: the front end leaves their method bodies out of the
// lowered syntax unless state is found in them.
var FunctionBases = setOf(
	"MapFunction", "RichMapFunction", "FlatMapFunction", "RichFlatMapFunction",
	"FilterFunction", "RichFilterFunction", "ProcessFunction", "KeyedProcessFunction",
	"CoProcessFunction", "KeyedCoProcessFunction", "CoMapFunction", "RichCoMapFunction",
	"CoFlatMapFunction", "RichCoFlatMapFunction", "BroadcastProcessFunction",
	"KeyedBroadcastProcessFunction", "ProcessWindowFunction", "ProcessAllWindowFunction",
	"WindowFunction", "AllWindowFunction", "RichWindowFunction", "AggregateFunction",
	"ReduceFunction", "RichReduceFunction", "SinkFunction", "RichSinkFunction",
	"SourceFunction", "RichSourceFunction", "ParallelSourceFunction",
	"RichParallelSourceFunction", "AsyncFunction", "RichAsyncFunction", "KeySelector",
	"JoinFunction", "CoGroupFunction", "ProcessJoinFunction", "PatternProcessFunction",
)

// StateAPIs are the method names whose call makes a user function stateful:
// keyed and operator state accessors and timer registration. Each maps to
// itself, so that a lookup by bytes finds the name without allocating.
var StateAPIs = selfMap(
	"getState", "getListState", "getUnionListState", "getMapState", "getReducingState",
	"getAggregatingState", "getBroadcastState", "getPartitionedState",
	"registerEventTimeTimer", "registerProcessingTimeTimer",
	// Flink 2.x DataStream V2 functions declare their state.
	"usesStates",
	// Custom operators (transform) keep state through the operator API.
	"initializeState", "getOperatorStateBackend", "getKeyedStateBackend", "getInternalTimerService",
)

func selfMap(names ...string) map[string]string {
	m := make(map[string]string, len(names))
	for _, n := range names {
		m[n] = n
	}
	return m
}

// PrefilterMarkers are the byte strings that make a file worth parsing
// eagerly: pipelines are built on environments and stream types, and
// helpers that build part of one take or return a stream.
var PrefilterMarkers = [][]byte{
	[]byte("StreamExecutionEnvironment"),
	[]byte("getExecutionEnvironment"),
	[]byte("DataStream"),
	[]byte("SingleOutputStreamOperator"),
	[]byte("KeyedStream"),
	[]byte("WindowedStream"),
	[]byte("ConnectedStreams"),
	[]byte("BroadcastStream"),
	[]byte("PartitionStream"), // Flink 2.x DataStream V2
	[]byte("org.apache.flink.datastream.api"),
}

// TestAnnotations are JUnit 4, JUnit 5 and TestNG annotations of test and
// lifecycle methods, by simple name.
var TestAnnotations = setOf(
	"Test", "ParameterizedTest", "RepeatedTest", "TestTemplate", "TestFactory",
	"Before", "After", "BeforeClass", "AfterClass",
	"BeforeEach", "AfterEach", "BeforeAll", "AfterAll",
	"BeforeMethod", "AfterMethod", "BeforeTest", "AfterTest", "BeforeSuite", "AfterSuite",
	"BeforeGroups", "AfterGroups", "DataProvider",
)

// TestClassSuffixes are the class-name conventions of Maven Surefire,
// Failsafe (*ITCase, Flink's own) and shared test bases.
var TestClassSuffixes = []string{"Test", "Tests", "ITCase", "TestBase"}
