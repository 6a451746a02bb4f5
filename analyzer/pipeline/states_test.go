package pipeline_test

import (
	"strings"
	"testing"

	"github.com/uidcheck/uidcheck/analyzer/pipeline"
)

// stateJob keys events by a KeySelector and runs a function that registers
// keyed state in open() through a field, a constant of a helper class, an
// inline descriptor and a TypeHint, with TTL on one of them.
const stateJob = `package m;
import org.apache.flink.api.common.state.*;
import org.apache.flink.api.common.typeinfo.*;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 9).map(v -> new Event())
            .keyBy(new KeySelector<Event, String>() { public String getKey(Event e) { return e.user; } })
            .process(new Counter()).uid("counter");
        env.execute();
    }
}
`

const stateCounter = `package m;
import org.apache.flink.api.common.state.*;
import org.apache.flink.api.common.typeinfo.*;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
public class Counter extends KeyedProcessFunction<String, Event, Long> {
    private transient ValueState<Long> count;
    private transient ListState<Event> seen;
    private final ValueStateDescriptor<Long> countDesc = new ValueStateDescriptor<>("count", Long.class);
    @Override
    public void open(Configuration parameters) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(java.time.Duration.ofHours(1)).build();
        countDesc.enableTimeToLive(ttl);
        count = getRuntimeContext().getState(countDesc);
        seen = getRuntimeContext().getListState(new ListStateDescriptor<>(Names.SEEN, Event.class));
        getRuntimeContext().getMapState(new MapStateDescriptor<>("pairs", Types.STRING,
            TypeInformation.of(new TypeHint<Tuple2<Long, String>>() {})));
    }
    @Override
    public void processElement(Event e, Context ctx, Collector<Long> out) throws Exception {
        count.update(1L);
    }
}
`

const stateEvent = `package m;
public class Event {
    public String user;
    private long amount;
    private transient int scratch;
    public static int COUNTER;
    public Event() {}
    public long getAmount() { return amount; }
    public void setAmount(long a) { amount = a; }
}
`

const stateNames = `package m;
public final class Names {
    public static final String SEEN = "seen-" + "events";
}
`

func TestInferStates(t *testing.T) {
	t.Parallel()
	m := build(t, map[string]string{"m/Job.java": stateJob, "m/Counter.java": stateCounter, "m/Event.java": stateEvent, "m/Names.java": stateNames})
	var op *pipeline.Operator
	for _, o := range m.Operators {
		if o.Call == "process" {
			op = o
		}
	}
	if op == nil || op.States == nil {
		t.Fatalf("no states on the process operator: %+v", op)
	}
	st := op.States
	if !st.Complete {
		t.Errorf("states not complete: %s", st.Incomplete)
	}
	if got := st.Key.String(); got != "java.lang.String" {
		t.Errorf("key = %s, want java.lang.String", got)
	}
	var got []string
	for _, d := range st.Descriptors {
		s := d.Kind + " " + d.Name + " " + d.Value.String() + " ttl=" + d.TTL.String()
		if d.MapKey != nil {
			s += " key=" + d.MapKey.String()
		}
		if d.Value.Family == "pojo" {
			fields := make([]string, 0, len(d.Value.Fields))
			for _, f := range d.Value.Fields {
				fields = append(fields, f.Name+":"+f.Type.String())
			}
			s += " " + strings.Join(fields, " ")
		}
		got = append(got, s)
	}
	want := []string{
		"VALUE count java.lang.Long ttl=on",
		"LIST seen-events m.Event ttl=off user:java.lang.String amount:java.lang.Long",
		"MAP pairs org.apache.flink.api.java.tuple.Tuple2<java.lang.Long, java.lang.String> ttl=off key=java.lang.String",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("descriptors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// describeStates renders an operator's inferred states for comparison.
func describeStates(st *pipeline.OperatorStates) string {
	if st == nil {
		return "<nil>"
	}
	lines := []string{"key=" + st.Key.String()}
	if !st.Complete {
		lines = append(lines, "incomplete: "+st.Incomplete)
	}
	for _, d := range st.Descriptors {
		if d.Unresolved != "" {
			lines = append(lines, d.Kind+" unresolved: "+d.Unresolved)
			continue
		}
		s := d.Kind + " " + d.Name + " " + d.Value.Family + ":" + d.Value.String() + " ttl=" + d.TTL.String()
		if d.MapKey != nil {
			s += " key=" + d.MapKey.String()
		}
		if len(d.Value.EnumConstants) > 0 {
			s += " " + strings.Join(d.Value.EnumConstants, "|")
		}
		if d.Value.Family == "" {
			s += " (" + d.Value.Unknown + ")"
		}
		lines = append(lines, s)
	}
	return strings.Join(lines, "\n")
}

func opStates(t *testing.T, m *pipeline.Model, call string) *pipeline.OperatorStates {
	t.Helper()
	for _, o := range m.Operators {
		if o.Call == call {
			return o.States
		}
	}
	t.Fatalf("no %s operator", call)
	return nil
}

const inferHeader = `package m;
import org.apache.flink.api.common.state.*;
import org.apache.flink.api.common.typeinfo.*;
import org.apache.flink.api.java.tuple.*;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.*;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.*;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.api.common.functions.*;
import org.apache.flink.util.Collector;
`

func TestInferStateForms(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		files map[string]string
		call  string
		want  string
	}{
		{
			name: "operator list and union state in initializeState",
			call: "map",
			files: map[string]string{"m/Job.java": inferHeader + `
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 9).map(new Buffering()).uid("b");
        env.execute();
    }
}
class Buffering extends RichMapFunction<Long, Long> implements CheckpointedFunction {
    private ListState<Long> buffer;
    public Long map(Long v) { return v; }
    public void snapshotState(FunctionSnapshotContext c) {}
    public void initializeState(FunctionInitializationContext context) throws Exception {
        buffer = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("buffer", Types.LONG));
        OperatorStateStore store = context.getOperatorStateStore();
        store.getUnionListState(new ListStateDescriptor<>("offsets", BasicTypeInfo.STRING_TYPE_INFO));
    }
}
`},
			want: "key=?\nSPLIT_DISTRIBUTE buffer simple:java.lang.Long ttl=off\nUNION offsets simple:java.lang.String ttl=off",
		},
		{
			name: "broadcast state from a constant, key from the function's type arguments",
			call: "process",
			files: map[string]string{"m/Job.java": inferHeader + `
public class Job {
    static final MapStateDescriptor<String, Rule> RULES = new MapStateDescriptor<>("rules", Types.STRING, Types.POJO(Rule.class));
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var rules = env.fromSequence(0, 1).map(v -> new Rule()).broadcast(RULES);
        env.fromSequence(0, 9).keyBy(v -> v % 4).connect(rules).process(new Matcher()).uid("m");
        env.execute();
    }
}
`, "m/Matcher.java": inferHeader + `
public class Matcher extends KeyedBroadcastProcessFunction<Long, Long, Rule, String> {
    public void processElement(Long v, ReadOnlyContext ctx, Collector<String> out) throws Exception {
        ctx.getBroadcastState(Job.RULES).get("x");
    }
    public void processBroadcastElement(Rule r, Context ctx, Collector<String> out) throws Exception {
        ctx.getBroadcastState(Job.RULES).put(r.name, r);
    }
}
`, "m/Rule.java": `package m;
public class Rule { public String name; public int priority; }
`},
			want: "key=java.lang.Long\nBROADCAST rules pojo:m.Rule ttl=off key=java.lang.String\nBROADCAST rules pojo:m.Rule ttl=off key=java.lang.String",
		},
		{
			name: "anonymous function in the job file, POJO rules failing to Kryo, a Tuple2 key from a method reference",
			call: "flatMap",
			files: map[string]string{"m/Job.java": inferHeader + `
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 9).map(v -> new Click()).keyBy(Click::getPage)
           .flatMap(new RichFlatMapFunction<Click, String>() {
               private transient ValueState<Click> last;
               private transient ValueState<Color> color;
               @Override public void open(Configuration c) {
                   last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", Click.class));
                   color = getRuntimeContext().getState(new ValueStateDescriptor<>("color", Color.class));
               }
               @Override public void flatMap(Click c, Collector<String> out) {}
           }).uid("f");
        env.execute();
    }
}
`, "m/Click.java": `package m;
import org.apache.flink.api.java.tuple.Tuple2;
public class Click {
    private String page;
    public Tuple2<String, Long> getPage() { return null; }
}
`, "m/Color.java": `package m;
public enum Color { RED, GREEN, BLUE }
`},
			want: "key=org.apache.flink.api.java.tuple.Tuple2<java.lang.String, java.lang.Long>\nVALUE last kryo:m.Click ttl=off\nVALUE color enum:m.Color ttl=off RED|GREEN|BLUE",
		},
		{
			name: "descriptor built by a helper with TTL; keyBy by position; TypeHint list state",
			call: "process",
			files: map[string]string{"m/Job.java": inferHeader + `
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 9).map(v -> Tuple2.of(v, "x")).keyBy(0).process(new Agg()).uid("a");
        env.execute();
    }
}
`, "m/Agg.java": inferHeader + `
public class Agg extends ProcessFunction<Tuple2<Long, String>, String> {
    public void open(Configuration c) {
        getRuntimeContext().getState(Descriptors.total());
        getRuntimeContext().getListState(new ListStateDescriptor<>("pairs", TypeInformation.of(new TypeHint<Tuple2<Long, String>>() {})));
        getRuntimeContext().getAggregatingState(new AggregatingStateDescriptor<>("avg", new Avg(), Types.TUPLE(Types.LONG, Types.INT)));
        getRuntimeContext().getState(new ValueStateDescriptor<>("ids", Types.PRIMITIVE_ARRAY(Types.INT)));
    }
    public void processElement(Tuple2<Long, String> v, Context ctx, Collector<String> out) {}
}
`, "m/Descriptors.java": inferHeader + `
public final class Descriptors {
    static ValueStateDescriptor<Long> total() {
        ValueStateDescriptor<Long> d = new ValueStateDescriptor<>("total", Long.class);
        d.enableTimeToLive(StateTtlConfig.newBuilder(java.time.Duration.ofDays(1)).build());
        return d;
    }
}
`},
			want: "key=org.apache.flink.api.java.tuple.Tuple1<?>\nVALUE total simple:java.lang.Long ttl=on\n" +
				"LIST pairs tuple:org.apache.flink.api.java.tuple.Tuple2<java.lang.Long, java.lang.String> ttl=off\n" +
				"AGGREGATING avg tuple:org.apache.flink.api.java.tuple.Tuple2<java.lang.Long, java.lang.Integer> ttl=off\n" +
				"VALUE ids simple:int[] ttl=off",
		},
		{
			name: "descriptor given to the constructor and a context handed to a helper",
			call: "process",
			files: map[string]string{"m/Job.java": inferHeader + `
public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 9).keyBy(new KeySelector<Long, Integer>() { public Integer getKey(Long v) { return 1; } })
           .process(new Passed(new ValueStateDescriptor<>("x", Long.class))).uid("p");
        env.execute();
    }
}
`, "m/Passed.java": inferHeader + `
public class Passed extends KeyedProcessFunction<Integer, Long, Long> {
    private final ValueStateDescriptor<Long> desc;
    Passed(ValueStateDescriptor<Long> desc) { this.desc = desc; }
    public void open(Configuration c) {
        getRuntimeContext().getState(desc);
        Helper.register(getRuntimeContext());
    }
    public void processElement(Long v, Context ctx, Collector<Long> out) {}
}
`},
			want: "key=java.lang.Integer\nincomplete: the state descriptor desc could not be traced to its creation: it is the parameter desc of the constructor of Passed\n" +
				"VALUE unresolved: the state descriptor desc could not be traced to its creation: it is the parameter desc of the constructor of Passed",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := describeStates(opStates(t, build(t, c.files), c.call))
			if got != c.want {
				t.Errorf("states:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// avro_compatible's job: a GenericRecord state whose schema is parsed in
// open() from a constant.
func TestInferGenericRecord(t *testing.T) {
	t.Parallel()
	m := build(t, map[string]string{"m/Job.java": inferHeader + `
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
public class Job {
    static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Tally\",\"fields\":[{\"name\":\"count\",\"type\":\"long\"}]}";
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, 9).keyBy(v -> v % 8).process(new Tally()).uid("counter");
        env.execute();
    }
    static class Tally extends KeyedProcessFunction<Long, Long, Long> {
        private transient Schema schema;
        private transient ValueState<GenericRecord> tally;
        @Override public void open(Configuration c) {
            schema = new Schema.Parser().parse(SCHEMA);
            tally = getRuntimeContext().getState(new ValueStateDescriptor<>("tally", new GenericRecordAvroTypeInfo(schema)));
        }
        @Override public void processElement(Long v, Context ctx, Collector<Long> out) {}
    }
}
`})
	st := opStates(t, m, "process")
	if len(st.Descriptors) != 1 {
		t.Fatalf("states %s", describeStates(st))
	}
	v := st.Descriptors[0].Value
	if v.Family != "avro" || v.Class != "org.apache.avro.generic.GenericRecord" || !strings.Contains(v.AvroSchema, `"name":"Tally"`) {
		t.Errorf("tally type %+v", v)
	}
}
