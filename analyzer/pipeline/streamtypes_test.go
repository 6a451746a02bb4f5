package pipeline_test

import (
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/analyzer/settings"
)

const streamHeader = `package m;
import java.time.Duration;
import org.apache.flink.api.common.functions.*;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.*;
import org.apache.flink.streaming.api.windowing.evictors.CountEvictor;
import org.apache.flink.streaming.api.windowing.triggers.*;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
`

// streamEvent is a POJO the jobs below key and window.
const streamEvent = `package m;
public class Ev {
    public String user;
    public long amount;
    public Ev() {}
    public String getUser() { return user; }
    public int getShard() { return 0; }
}
`

// streamFunctions are user functions whose type arguments give the
// element types downstream.
const streamFunctions = `package m;
import org.apache.flink.api.common.functions.*;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
public class Fns {
    public static class ToEv implements MapFunction<Long, Ev> { public Ev map(Long v) { return new Ev(); } }
    public static class ToText extends RichMapFunction<Long, String> { public String map(Long v) { return "" + v; } }
    public static class Sum implements ReduceFunction<Long> { public Long reduce(Long a, Long b) { return a + b; } }
    public static class Avg implements AggregateFunction<Ev, Tuple2<Long, Long>, Double> {
        public Tuple2<Long, Long> createAccumulator() { return Tuple2.of(0L, 0L); }
        public Tuple2<Long, Long> add(Ev e, Tuple2<Long, Long> a) { return a; }
        public Double getResult(Tuple2<Long, Long> a) { return 0.0; }
        public Tuple2<Long, Long> merge(Tuple2<Long, Long> a, Tuple2<Long, Long> b) { return a; }
    }
    public static class All extends ProcessWindowFunction<Ev, String, String, TimeWindow> {
        public void process(String k, Context c, Iterable<Ev> in, Collector<String> out) {}
    }
}
`

func streamStates(t *testing.T, body, call string) string {
	t.Helper()
	job := streamHeader + `public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ` + body + `
        env.execute();
    }
}
`
	m := build(t, map[string]string{"m/Job.java": job, "m/Ev.java": streamEvent, "m/Fns.java": streamFunctions})
	return describeStates(opStates(t, m, call))
}

// The states of Flink's own operators follow the stream's element type: a
// window's contents (reduced value, accumulator, or elements), a keyed
// reduce's last value, and the key type a lambda computes from elements.
func TestWindowAndAggregationStates(t *testing.T) {
	t.Parallel()
	const tumbling = ".window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))"
	cases := []struct{ name, body, call, want string }{
		{
			name: "reduce keyed by an arithmetic lambda",
			body: `env.fromSequence(0, 9).keyBy(v -> v % 8)` + tumbling + `.reduce(new Fns.Sum()).uid("w").print();`,
			call: "reduce",
			want: "key=java.lang.Long\nREDUCING window-contents simple:java.lang.Long ttl=off",
		},
		{
			name: "a cast decides the key type",
			body: `env.fromSequence(0, 9).keyBy(v -> (int) (v % 8))` + tumbling + `.reduce(new Fns.Sum()).uid("w").print();`,
			call: "reduce",
			want: "key=java.lang.Integer\nREDUCING window-contents simple:java.lang.Long ttl=off",
		},
		{
			name: "a cast inside the body is not guessed",
			body: `env.fromSequence(0, 9).keyBy(v -> (int) v + 1L)` + tumbling + `.reduce(new Fns.Sum()).uid("w").print();`,
			call: "reduce",
			want: "key=?\nREDUCING window-contents simple:java.lang.Long ttl=off",
		},
		{
			name: "string key from a lambda on a mapped POJO, aggregate accumulator",
			body: `env.fromSequence(0, 9).map(new Fns.ToEv()).keyBy(e -> e.getUser())` + tumbling + `.aggregate(new Fns.Avg()).uid("w").print();`,
			call: "aggregate",
			want: "key=java.lang.String\nAGGREGATING window-contents tuple:org.apache.flink.api.java.tuple.Tuple2<java.lang.Long, java.lang.Long> ttl=off",
		},
		{
			name: "process keeps every element; key from a field and concatenation",
			body: `env.fromSequence(0, 9).map(new Fns.ToEv()).keyBy(e -> e.user + "/" + e.amount)` + tumbling + `.process(new Fns.All()).uid("w").print();`,
			call: "process",
			want: "key=java.lang.String\nLIST window-contents pojo:m.Ev ttl=off",
		},
		{
			name: "hash bucket key",
			body: `env.fromSequence(0, 9).map(new Fns.ToEv()).keyBy(e -> Math.abs(e.getUser().hashCode()) % 4)` + tumbling + `.process(new Fns.All()).uid("w").print();`,
			call: "process",
			want: "key=java.lang.Integer\nLIST window-contents pojo:m.Ev ttl=off",
		},
		{
			name: "an evictor keeps StreamRecords",
			body: `env.fromSequence(0, 9).keyBy(v -> v % 2)` + tumbling + `.evictor(CountEvictor.of(3)).reduce(new Fns.Sum()).uid("w").print();`,
			call: "reduce",
			want: "key=java.lang.Long\nLIST window-contents :? ttl=off (an evicting window keeps its elements as StreamRecords, which the state check does not compare)",
		},
		{
			name: "session windows merge",
			body: `env.fromSequence(0, 9).keyBy(v -> v % 2).window(EventTimeSessionWindows.withGap(Duration.ofMinutes(1))).reduce(new Fns.Sum()).uid("w").print();`,
			call: "reduce",
			want: "key=java.lang.Long\nincomplete: the window assigner may merge windows (sessions keep a merging-window-set), which the state check does not model\nREDUCING window-contents simple:java.lang.Long ttl=off",
		},
		{
			name: "a trigger with state",
			body: `env.fromSequence(0, 9).keyBy(v -> v % 2)` + tumbling + `.trigger(CountTrigger.of(5)).sum(0).uid("w").print();`,
			call: "sum",
			want: "key=java.lang.Long\nincomplete: the window's trigger may keep state of its own, which the state check does not model\nREDUCING window-contents simple:java.lang.Long ttl=off",
		},
		{
			name: "windowAll keys by a byte",
			body: `env.fromSequence(0, 9).map(new Fns.ToText()).windowAll(TumblingProcessingTimeWindows.of(Duration.ofMinutes(1))).reduce((a, b) -> a + b).uid("w").print();`,
			call: "reduce",
			want: "key=java.lang.Byte\nREDUCING window-contents simple:java.lang.String ttl=off",
		},
		{
			name: "a lambda's output needs returns()",
			body: `env.fromSequence(0, 9).map(v -> "x" + v).keyBy(s -> s.length())` + tumbling + `.reduce((a, b) -> a).uid("w").print();`,
			call: "reduce",
			want: "key=?\nREDUCING window-contents :? ttl=off (the type of the window's input stream is not inferred)",
		},
		{
			name: "returns() names it",
			body: `env.fromSequence(0, 9).map(v -> "x" + v).returns(Types.STRING).keyBy(s -> s.length())` + tumbling + `.reduce((a, b) -> a).uid("w").print();`,
			call: "reduce",
			want: "key=java.lang.Integer\nREDUCING window-contents simple:java.lang.String ttl=off",
		},
		{
			name: "keyed rolling reduce keeps the last value",
			body: `env.fromSequence(0, 9).map(new Fns.ToEv()).keyBy(Ev::getShard).reduce((a, b) -> b).uid("r").print();`,
			call: "reduce",
			want: "key=java.lang.Integer\nVALUE _op_state pojo:m.Ev ttl=off",
		},
		{
			name: "a tuple field key",
			body: `env.fromElements(Tuple2.of("a", 1L)).returns(Types.TUPLE(Types.STRING, Types.LONG)).keyBy(t -> t.f0).sum(1).uid("r").print();`,
			call: "sum",
			want: "key=java.lang.String\nVALUE _op_state tuple:org.apache.flink.api.java.tuple.Tuple2<java.lang.String, java.lang.Long> ttl=off",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got := streamStates(t, c.body, c.call); got != c.want {
				t.Errorf("states:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// A FLIP-27 source's operator keeps the reader's splits as bytes.
func TestSourceReaderState(t *testing.T) {
	t.Parallel()
	got := streamStates(t, `env.fromSequence(0, 9).uid("n").print();`, "fromSequence")
	if want := "key=?\nSPLIT_DISTRIBUTE SourceReaderState simple:byte[] ttl=off"; got != want {
		t.Errorf("states:\n%s\nwant:\n%s", got, want)
	}
}

// The element types are followed only when states are inferred: check and
// manifest do not pay for them.
func TestNoStatesWithoutInference(t *testing.T) {
	t.Parallel()
	m := buildWith(t, settings.Default(), map[string]string{"m/Job.java": streamHeader + `public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 9).keyBy(v -> v % 8).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).sum(0).uid("w").print();
    }
}
`})
	for _, op := range m.Operators {
		if op.States != nil {
			t.Errorf("%s has states without inference: %+v", op.Call, op.States)
		}
	}
}

// A public record is a POJO of its components (Flink 1.19+), a List among
// them a collection of its elements; a record that is not public goes to
// Kryo.
func TestRecordTypes(t *testing.T) {
	t.Parallel()
	job := `package m;
import org.apache.flink.api.common.state.*;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
public class Job {
    record Hidden(int x) {}
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 9).keyBy(v -> v % 2).process(new Fn()).uid("p").print();
    }
    public static class Fn extends KeyedProcessFunction<Long, Long, Long> {
        private transient ValueState<Reading> reading;
        private transient ValueState<Hidden> hidden;
        public void open(OpenContext c) {
            reading = getRuntimeContext().getState(new ValueStateDescriptor<>("reading", Reading.class));
            hidden = getRuntimeContext().getState(new ValueStateDescriptor<>("hidden", Hidden.class));
        }
        public void processElement(Long v, Context ctx, Collector<Long> out) {}
    }
}
`
	rec := `package m;
import java.util.List;
public record Reading(long count, String note, List<String> tags) {
    public static final int LIMIT = 3;
}
`
	m := build(t, map[string]string{"m/Job.java": job, "m/Reading.java": rec})
	st := opStates(t, m, "process")
	if len(st.Descriptors) != 2 {
		t.Fatalf("descriptors: %s", describeStates(st))
	}
	r, h := st.Descriptors[0].Value, st.Descriptors[1].Value
	var fields []string
	for _, f := range r.Fields {
		fields = append(fields, f.Name+":"+f.Type.String()+":"+f.Primitive)
	}
	if r.Family != "pojo" || !r.Record || strings.Join(fields, " ") != "count:java.lang.Long:long note:java.lang.String: tags:java.util.List<java.lang.String>:" {
		t.Errorf("Reading = %s %v fields %v", r.Family, r.Record, fields)
	}
	if h.Family != "kryo" || h.Class != "m.Job$Hidden" {
		t.Errorf("Hidden = %s %s", h.Family, h.Class)
	}
}
