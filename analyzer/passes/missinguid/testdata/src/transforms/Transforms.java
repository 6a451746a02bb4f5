package transforms;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

public class Transforms {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> in = env.socketTextStream("h", 1);

        in.map(new RichMapFunction<String, String>() { // want "\"map\" has no uid.*anonymous RichMapFunction uses state \\(getMapState\\)"
            public String map(String v) {
                getRuntimeContext().getMapState(new MapStateDescriptor<>("m", String.class, String.class));
                return v;
            }
        });
        in.map(new Upper()).filter(s -> !s.isEmpty()).flatMap((String s, Collector<String> out) -> out.collect(s));
        in.keyBy(s -> s).process(new Timeout()); // want "\"process\" has no uid.*Timeout registers timers"
        in.process(new Passthrough());
        in.transform("custom", null, null); // want "\"transform\" has no uid and may be stateful: custom operator"
        in.assignTimestampsAndWatermarks(WatermarkStrategy.noWatermarks());
        in.transform("stateful", null, new StatefulOperator()); // want "\"transform\" has no uid.*StatefulOperator uses state \\(initializeState\\)"
        in.transform("plain", null, new PlainOperator());
        env.execute();
    }

    static class Upper implements MapFunction<String, String> {
        public String map(String v) { return v.toUpperCase(); }
    }

    static class Timeout extends KeyedProcessFunction<String, String, String> {
        public void processElement(String v, Context ctx, Collector<String> out) {
            ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 1000);
        }
    }

    static class Passthrough extends ProcessFunction<String, String> {
        public void processElement(String v, Context ctx, Collector<String> out) { out.collect(v); }
    }
}

class StatefulOperator extends org.apache.flink.streaming.api.operators.AbstractStreamOperator<String>
        implements org.apache.flink.streaming.api.operators.OneInputStreamOperator<String, String> {
    @Override
    public void initializeState(org.apache.flink.runtime.state.StateInitializationContext context) throws Exception {
        super.initializeState(context);
    }
    public void processElement(org.apache.flink.streaming.runtime.streamrecord.StreamRecord<String> r) {}
}

class PlainOperator extends org.apache.flink.streaming.api.operators.AbstractStreamOperator<String>
        implements org.apache.flink.streaming.api.operators.OneInputStreamOperator<String, String> {
    public void processElement(org.apache.flink.streaming.runtime.streamrecord.StreamRecord<String> r) {}
}
