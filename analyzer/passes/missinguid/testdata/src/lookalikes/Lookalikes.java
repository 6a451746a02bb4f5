package lookalikes;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Lookalikes {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        List<String> names = List.of("a", "b");
        names.stream().map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
        Optional.of("x").map(String::length).filter(n -> n > 0);
        new Builder().process("x").uid("y").map("z");
        Builder b = new Builder();
        b.process("q").sum(3);
        // env.fromSource(source, wm, "commented out").keyBy(k -> k).sum(1);
        String s = "env.addSource(new Src()).keyBy(x -> x).sum(1)";
        /* in.keyBy(x -> x).reduce((a, c) -> a); */
        env.fromSequence(1, 2).uid("real").map(x -> x).print();
        env.execute();
    }

    static class Builder {
        Builder process(String s) { return this; }
        Builder uid(String s) { return this; }
        Builder map(String s) { return this; }
        Builder sum(int n) { return this; }
    }
}
