package fixshapes.lambdas;

import java.util.function.Consumer;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import fixshapes.functions.Throttle;
import fixshapes.model.Event;
import fixshapes.model.Events;

/**
 * Main code that defines the workflow and lets the caller attach the sinks through a lambda
 * (WorkflowJob in production, WorkflowCollectJob in a test). The operators created by the
 * lambdas live in the callers' files; an edit for them belongs there, never here. The two
 * operators below are reached by both jobs.
 */
public final class WorkflowDefinition {
    private WorkflowDefinition() {}

    public static void defineWorkflow(StreamExecutionEnvironment env, Consumer<DataStream<Event>> sinkApplier) {
        DataStream<Event> events = env.fromSource(Events.generator(1_000), Events.watermarks(), "events"); // fix: none shared by two jobs (WorkflowJob, WorkflowCollectJob)
        DataStream<Event> throttled = events.keyBy(e -> e.userId).process(new Throttle()); // fix: none shared by two jobs (WorkflowJob, WorkflowCollectJob)
        sinkApplier.accept(throttled);
    }
}
