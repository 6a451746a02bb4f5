package fixshapes.sideoutputs;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.PrintSink;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import fixshapes.model.Event;
import fixshapes.model.Events;

/**
 * getSideOutput chained directly on the stateful operator: the uid belongs right after
 * process(...), before .getSideOutput; a SideOutputDataStream has no uid method.
 */
public class SideOutputChainJob {
    private static final OutputTag<String> REFUNDS = new OutputTag<>("refunds", Types.STRING);

    static class RefundTracker extends KeyedProcessFunction<String, Event, Event> {
        private transient MapState<String, Long> refundsByKind;

        @Override
        public void open(OpenContext openContext) {
            refundsByKind = getRuntimeContext().getMapState(new MapStateDescriptor<>("refunds", Types.STRING, Types.LONG));
        }

        @Override
        public void processElement(Event e, Context ctx, Collector<Event> out) throws Exception {
            if (e.kind.equals("refund")) {
                Long n = refundsByKind.get(e.userId);
                refundsByKind.put(e.userId, n == null ? 1 : n + 1);
                ctx.output(REFUNDS, e.userId + " refunds " + refundsByKind.get(e.userId));
            } else {
                out.collect(e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> refunds = env.fromSource(Events.generator(1_000), Events.watermarks(), "events") // fix: uid
                .keyBy(e -> e.userId)
                .process(new RefundTracker()) // fix: uid
                .getSideOutput(REFUNDS);
        refunds.sinkTo(new PrintSink<>());
        env.execute("side-output-chain");
    }
}
