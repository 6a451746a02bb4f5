package envfield;

import org.apache.flink.streaming.api.datastream.DataStream;

// Each method adds sources to the one environment of the base class: one
// job graph, in which two sources share a uid.
public class BillingJob extends StreamingJobBase {
    public static void main(String[] args) throws Exception {
        new BillingJob().run();
    }

    @Override
    protected void buildPipeline() {
        DataStream<Long> invoices = readInvoices();
        DataStream<Long> refunds = readRefunds();
        invoices.union(refunds).keyBy(v -> v % 16).sum(0).uid("totals");
    }

    private DataStream<Long> readInvoices() {
        return env.fromSequence(0, 100).uid("billing-source");
    }

    private DataStream<Long> readRefunds() {
        return env.fromSequence(0, 10).uid("billing-source"); // want "uid \"billing-source\" of operator \"fromSequence\" is also used by operator \"fromSequence\" in job envfield.BillingJob#main"
    }
}
