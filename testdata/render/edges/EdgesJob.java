package render.edges;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Every kind of edge the graph command labels, for the render checks. */
public class EdgesJob {
    static final OutputTag<String> LATE = new OutputTag<String>("late") {};

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> in = env.fromSequence(1, 100).map(new Str()).uid("str").name("to \"string\" <x> & #1 | y");
        SingleOutputStreamOperator<String> split = in.process(new Split()).uid("split");
        DataStream<String> late = split.getSideOutput(LATE).map(new Str()).uid("late");
        DataStream<String> all = split.rebalance().map(new Str()).uid("rebalanced")
            .union(late.rescale().map(new Str()).uid("rescaled"));
        all.shuffle().map(new Str()).uid("shuffled")
            .broadcast().map(new Str()).uid("broadcast")
            .global().map(new Str()).uid("global")
            .keyBy(s -> s).map(new Str()).uid("keyed")
            .partitionCustom((k, n) -> 0, s -> s).map(new Str()).uid("custom")
            .map(new Str()).startNewChain()
            .print();
        env.execute("edges");
    }

    static class Str implements MapFunction<Object, String> {
        @Override
        public String map(Object o) {
            return String.valueOf(o);
        }
    }

    static class Split extends ProcessFunction<String, String> {
        @Override
        public void processElement(String s, Context ctx, Collector<String> out) {
            if (s.length() > 3) {
                ctx.output(LATE, s);
            }
            out.collect(s);
        }
    }
}
