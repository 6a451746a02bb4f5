package savepointinfo

import "sync"

// Packages of the snapshot classes.
const (
	pkgBase    = "org.apache.flink.api.common.typeutils.base."
	pkgArray   = pkgBase + "array."
	pkgRuntime = "org.apache.flink.api.java.typeutils.runtime."
	pkgState   = "org.apache.flink.runtime.state."
	pkgWindows = "org.apache.flink.streaming.api.windowing.windows."
	pkgScala   = "org.apache.flink.api.scala.typeutils."
	pkgTable   = "org.apache.flink.table.runtime.typeutils."
	pkgCEP     = "org.apache.flink.cep.nfa."
)

// snapshotClasses are the snapshot classes whose payload layout is known
// (docs/state-meta-format.md §5), by the class name Flink writes. A class
// not listed ends the decoding of its stream. Built on first use: the
// readers it holds refer back to the lookup.
var (
	snapshotClassesOnce sync.Once
	snapshotClasses     map[string]snapshotClass
)

func lookupSnapshotClass(name string) (snapshotClass, bool) {
	snapshotClassesOnce.Do(func() { snapshotClasses = buildSnapshotClasses() })
	k, ok := snapshotClasses[name]
	return k, ok
}

func buildSnapshotClasses() map[string]snapshotClass {
	m := map[string]snapshotClass{}
	simple := func(class, typ string) { m[class] = snapshotClass{family: "simple", typ: typ, read: readSimple} }
	// <X>Serializer$<X>SerializerSnapshot in typeutils.base, by X.
	for x, typ := range map[string]string{
		"Long": "java.lang.Long", "Int": "java.lang.Integer", "String": "java.lang.String",
		"Boolean": "java.lang.Boolean", "Double": "java.lang.Double", "Float": "java.lang.Float",
		"Short": "java.lang.Short", "Byte": "java.lang.Byte", "Char": "java.lang.Character",
		"BigInt": "java.math.BigInteger", "BigDec": "java.math.BigDecimal", "Void": "java.lang.Void",
		"Instant": "java.time.Instant", "LocalDate": "java.time.LocalDate",
		"LocalDateTime": "java.time.LocalDateTime", "LocalTime": "java.time.LocalTime",
		"Date": "java.util.Date", "SqlDate": "java.sql.Date", "SqlTime": "java.sql.Time",
		"SqlTimestamp": "java.sql.Timestamp",
		"LongValue":    "org.apache.flink.types.LongValue", "IntValue": "org.apache.flink.types.IntValue",
		"StringValue": "org.apache.flink.types.StringValue", "BooleanValue": "org.apache.flink.types.BooleanValue",
		"ByteValue": "org.apache.flink.types.ByteValue", "CharValue": "org.apache.flink.types.CharValue",
		"DoubleValue": "org.apache.flink.types.DoubleValue", "FloatValue": "org.apache.flink.types.FloatValue",
		"ShortValue": "org.apache.flink.types.ShortValue", "NullValue": "org.apache.flink.types.NullValue",
	} {
		simple(pkgBase+x+"Serializer$"+x+"SerializerSnapshot", typ)
	}
	for x, typ := range map[string]string{
		"BooleanPrimitiveArray": "boolean[]", "BytePrimitiveArray": "byte[]", "CharPrimitiveArray": "char[]",
		"DoublePrimitiveArray": "double[]", "FloatPrimitiveArray": "float[]", "IntPrimitiveArray": "int[]",
		"LongPrimitiveArray": "long[]", "ShortPrimitiveArray": "short[]", "StringArray": "java.lang.String[]",
	} {
		simple(pkgArray+x+"Serializer$"+x+"SerializerSnapshot", typ)
	}
	simple(pkgState+"VoidNamespaceSerializer$VoidNamespaceSerializerSnapshot", pkgState+"VoidNamespace")
	simple(pkgState+"JavaSerializer$JavaSerializerSnapshot", "")
	simple(pkgWindows+"TimeWindow$Serializer$TimeWindowSerializerSnapshot", pkgWindows+"TimeWindow")
	simple(pkgWindows+"GlobalWindow$Serializer$GlobalWindowSerializerSnapshot", pkgWindows+"GlobalWindow")

	comp := func(class, family string, outer outerReader) {
		m[class] = snapshotClass{family: family, read: composite(outer)}
	}
	comp(pkgBase+"ListSerializerSnapshot", "list", noOuter(1))
	comp(pkgBase+"MapSerializerSnapshot", "map", noOuter(1))
	comp(pkgState+"ArrayListSerializerSnapshot", "list", noOuter(1))
	comp(pkgBase+"GenericArraySerializerSnapshot", "array", classOuter("[]", 1))
	comp(pkgRuntime+"TupleSerializerSnapshot", "tuple", classOuter("", 2))
	comp(pkgRuntime+"RowSerializer$RowSerializerSnapshot", "row", rowOuter)
	comp(pkgRuntime+"NullableSerializer$NullableSerializerSnapshot", "nullable", nullableOuter)
	comp(pkgRuntime+"JavaEitherSerializerSnapshot", "either", noOuter(1))
	comp(pkgState+"ttl.TtlStateFactory$TtlSerializerSnapshot", "ttl", noOuter(2))
	comp("org.apache.flink.streaming.api.operators.TimerSerializerSnapshot", "composite", noOuter(2))
	comp("org.apache.flink.streaming.runtime.streamrecord.StreamElementSerializer$StreamElementSerializerSnapshot", "composite", noOuter(2))
	comp(pkgScala+"ScalaCaseClassSerializerSnapshot", "scala", classOuter("", 2))
	comp(pkgScala+"ScalaOptionSerializerSnapshot", "scala", noOuter(2))
	comp(pkgScala+"ScalaTrySerializerSnapshot", "scala", noOuter(2))
	comp(pkgScala+"ScalaEitherSerializerSnapshot", "either", noOuter(1))
	comp(pkgScala+"TraversableSerializerSnapshot", "scala", traversableOuter)

	m[pkgRuntime+"EitherSerializerSnapshot"] = snapshotClass{family: "either", read: readNestedOnly(2)}
	m[pkgTable+"RowDataSerializer$RowDataSerializerSnapshot"] = snapshotClass{family: "row", read: readRowData}
	comp(pkgTable+"ExternalSerializer$ExternalSerializerSnapshot", "composite", externalOuter)
	comp(pkgTable+"RawValueDataSerializer$RawValueDataSerializerSnapshot", "composite", noOuter(0))
	simple(pkgTable+"StringDataSerializer$StringDataSerializerSnapshot", "org.apache.flink.table.data.StringData")
	simple("org.apache.flink.table.dataview.NullSerializer$NullSerializerSnapshot", "")
	simple("org.apache.flink.table.runtime.operators.window.TimeWindow$Serializer$TimeWindowSerializerSnapshot",
		"org.apache.flink.table.runtime.operators.window.TimeWindow")
	m[pkgTable+"TimestampDataSerializer$TimestampDataSerializerSnapshot"] = snapshotClass{
		family: "simple", typ: "org.apache.flink.table.data.TimestampData", read: readInts(1, 1),
	}
	m[pkgTable+"DecimalDataSerializer$DecimalSerializerSnapshot"] = snapshotClass{
		family: "simple", typ: "org.apache.flink.table.data.DecimalData", read: readInts(3, 2),
	}
	m[pkgTable+"MapDataSerializer$MapDataSerializerSnapshot"] = snapshotClass{family: "map", read: readJavaObjects(3, 4)}
	m[pkgTable+"ArrayDataSerializer$ArrayDataSerializerSnapshot"] = snapshotClass{family: "array", read: readJavaObjects(3, 2)}
	m[pkgTable+"SortedMapSerializerSnapshot"] = snapshotClass{family: "map", read: readJavaThenNested(3)}
	comp(pkgTable+"LinkedListSerializer$LinkedListSerializerSnapshot", "list", linkedListOuter)
	comp("org.apache.flink.cep.nfa.NFAStateSerializerSnapshot", "composite", nfaOuter)
	simple(pkgCEP+"DeweyNumber$DeweyNumberSerializer$DeweyNumberSerializerSnapshot", pkgCEP+"DeweyNumber")
	simple(pkgCEP+"sharedbuffer.EventId$EventIdSerializer$EventIdSerializerSnapshot", pkgCEP+"sharedbuffer.EventId")
	comp(pkgCEP+"sharedbuffer.NodeId$NodeIdSerializer$NodeIdSerializerSnapshot", "composite", noOuter(1))
	comp(pkgCEP+"sharedbuffer.LockableTypeSerializerSnapshot", "composite", noOuter(1))
	comp(pkgCEP+"sharedbuffer.SharedBufferNodeSerializerSnapshotV2", "composite", noOuter(1))
	comp(pkgCEP+"sharedbuffer.SharedBufferEdge$SharedBufferEdgeSerializer$SharedBufferEdgeSerializerSnapshot", "composite", noOuter(1))
	m[pkgRuntime+"PojoSerializerSnapshot"] = snapshotClass{family: "pojo", read: readPojo}
	m[pkgRuntime+"kryo.KryoSerializerSnapshot"] = snapshotClass{family: "kryo", read: readKryo}
	m["org.apache.flink.formats.avro.typeutils.AvroSerializerSnapshot"] = snapshotClass{family: "avro", read: readAvro}
	m[pkgBase+"EnumSerializer$EnumSerializerSnapshot"] = snapshotClass{family: "enum", read: readEnum}
	m[pkgScala+"ScalaEnumSerializerSnapshot"] = snapshotClass{family: "enum", read: readScalaEnum}
	for _, class := range []string{
		"ValueSerializer$ValueSerializerSnapshot",
		"CopyableValueSerializer$CopyableValueSerializerSnapshot",
		"WritableSerializer$WritableSerializerSnapshot",
	} {
		m[pkgRuntime+class] = snapshotClass{family: "generic", read: readGeneric}
	}
	return m
}
