package com.acme.base;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.Collector;

/** Functions shared by the word-count jobs, nested in their base class. */
public abstract class WordCountBase {
    public static final class Tokenizer implements FlatMapFunction<String, String> {
        @Override
        public void flatMap(String line, Collector<String> out) {
            for (String w : line.split(" ")) {
                out.collect(w);
            }
        }
    }

    public static final class FirstSeen extends RichFlatMapFunction<String, String> {
        private transient ValueState<Boolean> seen;

        @Override
        public void open(Configuration parameters) {
            seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
        }

        @Override
        public void flatMap(String word, Collector<String> out) throws Exception {
            if (seen.value() == null) {
                seen.update(true);
                out.collect(word);
            }
        }
    }
}
