package com.acme;

// Builds a LedgerSink.
public class LedgerSinkBuilder {
    public LedgerSinkBuilder table(String name) {
        return this;
    }

    public LedgerSink build() {
        return new LedgerSink();
    }
}
