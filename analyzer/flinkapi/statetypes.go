package flinkapi

// The facts below are what Flink's TypeExtractor and state descriptors do
// with the types a job names; the state check infers from them the
// serializers a new job registers (docs/state-meta-format.md §5–§6).

const (
	basePkg  = "org.apache.flink.api.common.typeutils.base."
	arrayPkg = "org.apache.flink.api.common.typeutils.base.array."
)

// BasicSerializers maps the Java classes Flink handles with a fixed
// serializer (BasicTypeInfo, SqlTimeTypeInfo, LocalTimeTypeInfo,
// PrimitiveArrayTypeInfo, BasicArrayTypeInfo.STRING_ARRAY) to that
// serializer's class. Primitives map like their boxes.
var BasicSerializers = map[string]string{
	"java.lang.Long": basePkg + "LongSerializer", "java.lang.Integer": basePkg + "IntSerializer",
	"java.lang.String": basePkg + "StringSerializer", "java.lang.Boolean": basePkg + "BooleanSerializer",
	"java.lang.Double": basePkg + "DoubleSerializer", "java.lang.Float": basePkg + "FloatSerializer",
	"java.lang.Short": basePkg + "ShortSerializer", "java.lang.Byte": basePkg + "ByteSerializer",
	"java.lang.Character": basePkg + "CharSerializer", "java.lang.Void": basePkg + "VoidSerializer",
	"java.math.BigInteger": basePkg + "BigIntSerializer", "java.math.BigDecimal": basePkg + "BigDecSerializer",
	"java.util.Date": basePkg + "DateSerializer", "java.time.Instant": basePkg + "InstantSerializer",
	"java.time.LocalDate": basePkg + "LocalDateSerializer", "java.time.LocalDateTime": basePkg + "LocalDateTimeSerializer",
	"java.time.LocalTime": basePkg + "LocalTimeSerializer", "java.sql.Date": basePkg + "SqlDateSerializer",
	"java.sql.Time": basePkg + "SqlTimeSerializer", "java.sql.Timestamp": basePkg + "SqlTimestampSerializer",
	"long[]": arrayPkg + "LongPrimitiveArraySerializer", "int[]": arrayPkg + "IntPrimitiveArraySerializer",
	"byte[]": arrayPkg + "BytePrimitiveArraySerializer", "boolean[]": arrayPkg + "BooleanPrimitiveArraySerializer",
	"double[]": arrayPkg + "DoublePrimitiveArraySerializer", "float[]": arrayPkg + "FloatPrimitiveArraySerializer",
	"short[]": arrayPkg + "ShortPrimitiveArraySerializer", "char[]": arrayPkg + "CharPrimitiveArraySerializer",
	"java.lang.String[]": arrayPkg + "StringArraySerializer",
}

// JavaLangNames maps the names Java resolves without an import (primitives
// and java.lang classes) to their boxed class.
var JavaLangNames = map[string]string{
	"long": "java.lang.Long", "Long": "java.lang.Long", "int": "java.lang.Integer", "Integer": "java.lang.Integer",
	"String": "java.lang.String", "boolean": "java.lang.Boolean", "Boolean": "java.lang.Boolean",
	"double": "java.lang.Double", "Double": "java.lang.Double", "float": "java.lang.Float", "Float": "java.lang.Float",
	"short": "java.lang.Short", "Short": "java.lang.Short", "byte": "java.lang.Byte", "Byte": "java.lang.Byte",
	"char": "java.lang.Character", "Character": "java.lang.Character", "Void": "java.lang.Void",
	"Object": "java.lang.Object",
}

// PrimitiveOf maps boxed classes to their primitive (Types.PRIMITIVE_ARRAY
// takes the box's TypeInformation).
var PrimitiveOf = map[string]string{
	"java.lang.Long": "long", "java.lang.Integer": "int", "java.lang.Byte": "byte", "java.lang.Boolean": "boolean",
	"java.lang.Double": "double", "java.lang.Float": "float", "java.lang.Short": "short", "java.lang.Character": "char",
}

// PrimitiveNames are Java's primitive types.
var PrimitiveNames = map[string]bool{
	"long": true, "int": true, "byte": true, "boolean": true, "double": true, "float": true, "short": true, "char": true,
}

// WellKnownClasses are JDK classes with a basic serializer, by simple name,
// for type names written after an import.
var WellKnownClasses = map[string]string{
	"BigInteger": "java.math.BigInteger", "BigDecimal": "java.math.BigDecimal", "Instant": "java.time.Instant",
	"LocalDate": "java.time.LocalDate", "LocalDateTime": "java.time.LocalDateTime", "LocalTime": "java.time.LocalTime",
	"Timestamp": "java.sql.Timestamp", "Time": "java.sql.Time",
}

// TypeConstants maps the TypeInformation constants of Types, BasicTypeInfo
// and PrimitiveArrayTypeInfo to the Java class they describe.
var TypeConstants = map[string]string{
	"Types.LONG": "java.lang.Long", "Types.INT": "java.lang.Integer", "Types.STRING": "java.lang.String",
	"Types.BOOLEAN": "java.lang.Boolean", "Types.DOUBLE": "java.lang.Double", "Types.FLOAT": "java.lang.Float",
	"Types.SHORT": "java.lang.Short", "Types.BYTE": "java.lang.Byte", "Types.CHAR": "java.lang.Character",
	"Types.VOID": "java.lang.Void", "Types.BIG_INT": "java.math.BigInteger", "Types.BIG_DEC": "java.math.BigDecimal",
	"Types.SQL_DATE": "java.sql.Date", "Types.SQL_TIME": "java.sql.Time", "Types.SQL_TIMESTAMP": "java.sql.Timestamp",
	"Types.INSTANT": "java.time.Instant", "Types.LOCAL_DATE": "java.time.LocalDate",
	"Types.LOCAL_TIME": "java.time.LocalTime", "Types.LOCAL_DATE_TIME": "java.time.LocalDateTime",
	"BasicTypeInfo.LONG_TYPE_INFO": "java.lang.Long", "BasicTypeInfo.INT_TYPE_INFO": "java.lang.Integer",
	"BasicTypeInfo.STRING_TYPE_INFO": "java.lang.String", "BasicTypeInfo.BOOLEAN_TYPE_INFO": "java.lang.Boolean",
	"BasicTypeInfo.DOUBLE_TYPE_INFO": "java.lang.Double", "BasicTypeInfo.FLOAT_TYPE_INFO": "java.lang.Float",
	"BasicTypeInfo.SHORT_TYPE_INFO": "java.lang.Short", "BasicTypeInfo.BYTE_TYPE_INFO": "java.lang.Byte",
	"BasicTypeInfo.CHAR_TYPE_INFO": "java.lang.Character", "BasicTypeInfo.VOID_TYPE_INFO": "java.lang.Void",
	"BasicTypeInfo.BIG_INT_TYPE_INFO": "java.math.BigInteger", "BasicTypeInfo.BIG_DEC_TYPE_INFO": "java.math.BigDecimal",
	"BasicTypeInfo.DATE_TYPE_INFO": "java.util.Date", "BasicTypeInfo.INSTANT_TYPE_INFO": "java.time.Instant",
	"PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO": "long[]",
	"PrimitiveArrayTypeInfo.INT_PRIMITIVE_ARRAY_TYPE_INFO":  "int[]",
	"PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO": "byte[]",
	"BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO":             "java.lang.String[]",
}

// SerializerInstances maps serializer singletons a descriptor may be given
// instead of a type (LongSerializer.INSTANCE) to the class they serialize.
var SerializerInstances = map[string]string{
	"LongSerializer": "java.lang.Long", "IntSerializer": "java.lang.Integer", "StringSerializer": "java.lang.String",
	"BooleanSerializer": "java.lang.Boolean", "DoubleSerializer": "java.lang.Double",
	"FloatSerializer": "java.lang.Float", "ShortSerializer": "java.lang.Short", "ByteSerializer": "java.lang.Byte",
	"CharSerializer": "java.lang.Character",
}

// StateDescriptorArgs gives, per keyed state descriptor class, the
// constructor argument that holds the value type; MapStateDescriptor
// takes the key type first and the value type next (1 and 2).
var StateDescriptorArgs = map[string]int{
	"ValueStateDescriptor": 1, "ListStateDescriptor": 1, "MapStateDescriptor": 2,
	"ReducingStateDescriptor": 2, "AggregatingStateDescriptor": 2,
}

// StateGetters maps the state accessors of RuntimeContext, KeyedStateStore,
// OperatorStateStore and the broadcast contexts to the kind of state they
// register; getListState is keyed LIST unless called on an
// OperatorStateStore.
var StateGetters = map[string]string{
	"getState": "VALUE", "getListState": "LIST", "getMapState": "MAP", "getReducingState": "REDUCING",
	"getAggregatingState": "AGGREGATING", "getUnionListState": "UNION", "getBroadcastState": "BROADCAST",
}

// KeyedFunctionKeyArg gives, per keyed function base, the position of the
// key among its type arguments: Java makes it equal the keyBy key type.
var KeyedFunctionKeyArg = map[string]int{
	"KeyedProcessFunction": 0, "KeyedCoProcessFunction": 0, "KeyedBroadcastProcessFunction": 0,
	"ProcessWindowFunction": 2, "WindowFunction": 2,
}

// FunctionOutArg gives, per user function base, the position of its output
// type among its type arguments: the element type of the stream the
// operator emits (a source's, for source functions).
var FunctionOutArg = map[string]int{
	"MapFunction": 1, "RichMapFunction": 1, "FlatMapFunction": 1, "RichFlatMapFunction": 1,
	"ProcessFunction": 1, "KeyedProcessFunction": 2,
	"ProcessWindowFunction": 1, "ProcessAllWindowFunction": 1, "WindowFunction": 1, "AllWindowFunction": 1,
	"AggregateFunction": 2, "RichAggregateFunction": 2,
	"SourceFunction": 0, "RichSourceFunction": 0, "ParallelSourceFunction": 0, "RichParallelSourceFunction": 0,
}

// AggregateAccArg gives the position of the accumulator type among an
// AggregateFunction's type arguments: the window state's value type.
var AggregateAccArg = map[string]int{"AggregateFunction": 1, "RichAggregateFunction": 1}

// Names of the states Flink's own operators register.
const (
	// WindowContentsState is WindowOperator's keyed state of the window
	// contents, in the window namespace.
	WindowContentsState = "window-contents"
	// KeyedReduceState is StreamGroupedReduceOperator's ValueState of the
	// last aggregate per key (KeyedStream.reduce, sum, min, …).
	KeyedReduceState = "_op_state"
	// SourceReaderState is SourceOperator's operator list state of the
	// reader's serialized splits.
	SourceReaderState = "SourceReaderState"
)

// AvroGenericRecord is the class of Avro's generic records.
const AvroGenericRecord = "org.apache.avro.generic.GenericRecord"

// TupleClass is the package of Flink's TupleN classes.
const TupleClass = "org.apache.flink.api.java.tuple.Tuple"
