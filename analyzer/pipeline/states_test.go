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
