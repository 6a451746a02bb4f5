package harness;

import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;

/**
 * Loads savepoint directories with Flink's own reader,
 * Checkpoints.loadCheckpointMetadata, the call Flink makes when a job is
 * resumed from them. One line per argument: "OK dir operators" or
 * "ERR dir message". The e2e suite gives it bit-flipped copies of real
 * savepoints that uidcheck accepted: each must be one Flink accepts too.
 */
public final class LoadMetadata {
    private LoadMetadata() {}

    public static void main(String[] args) throws Exception {
        for (String dir : args) {
            Path metadata = Path.of(dir, "_metadata");
            try (DataInputStream in = new DataInputStream(Files.newInputStream(metadata))) {
                CheckpointMetadata md = Checkpoints.loadCheckpointMetadata(
                        in, LoadMetadata.class.getClassLoader(), dir);
                System.out.println("OK " + dir + " " + md.getOperatorStates().size());
            } catch (Throwable e) {
                String msg = String.valueOf(e).replace('\n', ' ');
                System.out.println("ERR " + dir + " " + msg);
            }
        }
    }
}
