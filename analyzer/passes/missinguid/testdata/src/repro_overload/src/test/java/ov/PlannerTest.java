package ov;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.Test;

public class PlannerTest {
    @Test
    public void plans() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new Planner(env.socketTextStream("h", 1)).plan("p", 3).print();
        env.execute();
    }
}
