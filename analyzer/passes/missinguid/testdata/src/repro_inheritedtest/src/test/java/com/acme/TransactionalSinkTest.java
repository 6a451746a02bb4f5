package com.acme;

class TransactionalSinkTest extends SinkContractTest {
    @Override
    protected LedgerSink finishSink(LedgerSinkBuilder builder) {
        return builder.build();
    }
}
