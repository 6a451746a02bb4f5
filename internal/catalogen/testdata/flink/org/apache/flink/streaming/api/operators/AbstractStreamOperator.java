package org.apache.flink.streaming.api.operators;

/** Registers timers for every subclass: framework code the judge skips. */
public abstract class AbstractStreamOperator<O> implements StreamOperator<O> {
    protected Object getInternalTimerService(String name) {
        return name;
    }

    public void open() throws Exception {
        getInternalTimerService("framework");
    }
}
