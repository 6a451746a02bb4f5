package th;

import java.util.Arrays;

import org.junit.Test;

public class RunnerTest {
    @Test
    public void runs() throws Exception {
        PipelineRunner.run(Arrays.asList("a", "b"));
    }
}
