package com.acme.jobs;

import com.acme.base.WordCountBase;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

// Tokenizer and FirstSeen are inherited member classes of WordCountBase,
// used by their simple names without an import.
public class NewWordsJob extends WordCountBase {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.socketTextStream("localhost", 9999)
                .flatMap(new Tokenizer())
                .keyBy(w -> w)
                .flatMap(new FirstSeen()) // want "\"flatMap\" has no uid.*FirstSeen uses state"
                .print();
        env.execute("new words");
    }
}
