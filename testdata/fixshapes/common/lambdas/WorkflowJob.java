package fixshapes.lambdas;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.PerKindTotals;

/** Production entry point: passes a lambda whose stateful operator must get its uid in this file. */
public class WorkflowJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        WorkflowDefinition.defineWorkflow(env, stream -> stream
                .keyBy(e -> e.userId)
                .process(new PerKindTotals()) // fix: uid
                .sinkTo(new DiscardingSink<>()));
        env.execute("workflow");
    }
}
