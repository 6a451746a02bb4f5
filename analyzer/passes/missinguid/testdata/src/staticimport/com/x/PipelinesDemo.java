package com.x;

import static com.x.Pipelines.counts;

import java.util.List;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// Found on real code: helpers brought in by a static import were not
// followed, and a method that only collects results was not a job. (Test
// classes are not jobs by default: see the tests case.)
class PipelinesDemo {
    void collectsCounts() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SingleOutputStreamOperator<Long> stream = counts(env);
        List<Long> out = stream.executeAndCollect(10); // a collect sink cannot carry a uid: not reported
    }
}
