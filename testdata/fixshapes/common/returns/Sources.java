package fixshapes.returns;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A library class in main code: a source factory declared DataStreamSource, called once, by
 * ReturnLibraryJob in another file.
 */
public final class Sources {
    private Sources() {}

    public static DataStreamSource<String> lines(StreamExecutionEnvironment env, String path) {
        FileSource<String> source = FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(path)).build();
        return env.fromSource( // fix: uid
                source, WatermarkStrategy.noWatermarks(), "lines:" + path);
    }
}
