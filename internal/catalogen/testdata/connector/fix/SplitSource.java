package fix;

import org.apache.flink.api.connector.source.Source;

/** A FLIP-27 source; builder() is its entry point. */
public class SplitSource implements Source<String> {
    public static Builder builder() {
        return new Builder();
    }

    public static class Builder {
        private String topic;

        public Builder topic(String t) {
            topic = t;
            return this;
        }

        public SplitSource build() {
            return new SplitSource();
        }
    }
}
