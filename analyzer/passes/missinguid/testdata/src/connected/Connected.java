package connected;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.co.CoMapFunction;
import org.apache.flink.streaming.api.functions.co.RichCoFlatMapFunction;
import org.apache.flink.util.Collector;

public class Connected {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> a = env.socketTextStream("a", 1);
        DataStream<String> b = env.socketTextStream("b", 1);
        MapStateDescriptor<String, String> rules = new MapStateDescriptor<>("rules", String.class, String.class);
        BroadcastStream<String> bc = b.broadcast(rules);

        a.connect(bc).process(null); // want "\"process\" has no uid.*broadcast state"
        a.keyBy(s -> s).connect(bc).process(null).uid("bc");
        a.connect(b).map(new Merge());
        a.keyBy(s -> s).connect(b.keyBy(s -> s)).flatMap(new Join()); // want "\"flatMap\" has no uid.*Join uses state"
        env.execute();
    }

    static class Merge implements CoMapFunction<String, String, String> {
        public String map1(String v) { return v; }
        public String map2(String v) { return v; }
    }

    static class Join extends RichCoFlatMapFunction<String, String, String> {
        public void flatMap1(String v, Collector<String> out) { getRuntimeContext().getListState(null); }
        public void flatMap2(String v, Collector<String> out) {}
    }
}
