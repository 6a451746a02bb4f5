package fixshapes.lambdas;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import fixshapes.model.Event;

/**
 * Test-style entry point: collects the workflow's output with collectAsync(collector), which
 * returns void and whose collect sink cannot carry a uid.
 */
public class WorkflowCollectJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream.Collector<Event> sink = new DataStream.Collector<>();
        WorkflowDefinition.defineWorkflow(env, workflow -> workflow.collectAsync(sink)); // fix: none collect sink (collectAsync returns void)
        env.executeAsync("workflow-test");
        int n = 0;
        while (n < 10 && sink.getOutput().hasNext()) {
            System.out.println(sink.getOutput().next());
            n++;
        }
    }
}
