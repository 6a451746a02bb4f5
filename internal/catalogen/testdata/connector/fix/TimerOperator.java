package fix;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;

/** Registers timers through the framework's timer service. */
public class TimerOperator extends AbstractStreamOperator<String> {
    @Override
    public void open() throws Exception {
        getInternalTimerService("timers");
    }
}
