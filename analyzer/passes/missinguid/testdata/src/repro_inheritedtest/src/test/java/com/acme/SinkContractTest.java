package com.acme;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

// Corpus mistake (connector-jdbc's BaseJdbcSinkTest): a test method of an
// abstract base class builds the job; the sink comes from an abstract factory
// method that each concrete test class implements. The sink is not traced.
public abstract class SinkContractTest {
    protected abstract LedgerSink finishSink(LedgerSinkBuilder builder);

    @Test
    void writes() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(1, 3).map(String::valueOf) // want "stateful operator \"fromSequence\" has no uid;"
                .sinkTo(finishSink(new LedgerSinkBuilder().table("t"))); // want "stateful operator \"sinkTo\" has no uid;"
        env.execute();
    }
}
