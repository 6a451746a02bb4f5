package com.acme.cdc;

import com.acme.connector.base.ConnectorBuilderBase;
import java.util.Objects;

/** Entry point of the connector: InventorySource.builder()...build(). */
public final class InventorySource {
    private InventorySource() {}

    public static Builder builder() {
        return new Builder();
    }

    /** Retries and timeouts are set by the shared base builder's setters. */
    public static final class Builder extends ConnectorBuilderBase<Builder> {
        private String table;
        private int fetchSize = 500;

        public Builder table(String table) {
            this.table = Objects.requireNonNull(table);
            return this;
        }

        public Builder fetchSize(int fetchSize) {
            this.fetchSize = fetchSize;
            return this;
        }

        public InventorySourceFunction build() {
            return new InventorySourceFunction(table, fetchSize);
        }

        /** A one-shot read for backfills: no position to keep. */
        public SnapshotSourceFunction buildUnchecked() {
            return new SnapshotSourceFunction(table);
        }
    }
}
