package dev.facerec.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrtEnvironmentsTest {

    /**
     * ONNX Runtime 1.29 crashed the JVM (SIGSEGV, exit 139) while creating its environment when the java command line
     * was longer than about 4 KB; the engine creates it on a thread with a large stack.
     */
    @Test
    void engine_shouldLoad_whenTheJavaCommandLineIsLong() throws IOException, InterruptedException {
        // GIVEN a JVM whose command line carries 6000 characters of padding (the class path goes in CLASSPATH)
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String padding = "x".repeat(6000);
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java,
                        "-Dpadding=" + padding,
                        "-Dfacerec.nodeModules=" + System.getProperty("facerec.nodeModules", ""),
                        EngineLoadProbe.class.getName()))
                .redirectErrorStream(true);
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));

        // WHEN it loads the engine
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);

        // THEN it exits normally
        assertThat(finished).as("the probe JVM finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("loaded " + OnnxFaceEngine.FACE_MODEL_VERSION + "");
    }
}
