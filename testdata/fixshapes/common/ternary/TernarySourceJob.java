package fixshapes.ternary;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import fixshapes.functions.CountingMap;
import fixshapes.model.Events;

/** A ternary choosing between two sources (file in production, generator in a dry run), into a DataStream local. */
public class TernarySourceJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        boolean dryRun = args.length == 0;
        DataStream<String> lines = dryRun
                ? env.fromSource(Events.lines(100), WatermarkStrategy.noWatermarks(), "generated-lines") // fix: uid
                : env.fromSource(FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(args[0])).build(), // fix: uid
                        WatermarkStrategy.noWatermarks(), "file-lines");
        lines.keyBy(String::length).map(new CountingMap<String>()).sinkTo(new DiscardingSink<>()); // fix: uid
        env.execute("ternary-source");
    }
}
