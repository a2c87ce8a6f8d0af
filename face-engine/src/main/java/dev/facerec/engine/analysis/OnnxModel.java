package dev.facerec.engine.analysis;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * One ONNX model with a single float input named {@code input}. Sessions run one intra-op thread each (two
 * threads inside a model measured slower than one on 2 cores): parallelism comes from concurrent requests, which
 * ONNX Runtime sessions allow.
 */
final class OnnxModel implements AutoCloseable {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String name;
    private final long[] inputShape;
    /**
     * Per thread, a direct buffer for the input: a heap array would be copied into a new direct buffer on every run,
     * and those are freed only by garbage collection (hundreds of MB resident under load).
     */
    private final ThreadLocal<FloatBuffer> inputs;

    OnnxModel(OrtEnvironment env, Path file, long... inputShape) {
        this.env = env;
        this.name = file.getFileName().toString();
        this.inputShape = inputShape.clone();
        long size = 1;
        for (long dimension : inputShape) {
            size *= dimension;
        }
        int floats = Math.toIntExact(size);
        this.inputs = ThreadLocal.withInitial(() -> java.nio.ByteBuffer.allocateDirect(floats * Float.BYTES)
                .order(java.nio.ByteOrder.nativeOrder())
                .asFloatBuffer());
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // Denormal weights are zeroed on loading (DenormalFlusher): this option only reaches the thread that
            // creates
            // the process's first session, not the request threads.
            options.addConfigEntry("session.set_denormal_as_zero", "1");
            // No arena: ~50 MB less resident memory at no measured speed cost.
            options.setCPUArenaAllocator(false);
            options.setMemoryPatternOptimization(true);
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            byte[] bytes = java.nio.file.Files.readAllBytes(file);
            DenormalFlusher.flush(bytes);
            this.session = env.createSession(bytes, options);
        } catch (OrtException | java.io.IOException e) {
            throw new IllegalStateException("cannot load face model " + file + ": " + e.getMessage(), e);
        }
    }

    /** Runs the model on {@code input} (laid out as the model's input shape) and returns the named outputs. */
    float[][] run(float[] input, String... outputs) {
        FloatBuffer buffer = inputs.get();
        buffer.clear();
        buffer.put(input);
        buffer.rewind();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, inputShape);
                OrtSession.Result result = session.run(Map.of("input", tensor))) {
            float[][] values = new float[outputs.length][];
            for (int i = 0; i < outputs.length; i++) {
                String output = outputs[i];
                OnnxTensor out = (OnnxTensor) result.get(output)
                        .orElseThrow(() -> new IllegalStateException(name + " has no output " + output));
                FloatBuffer data = out.getFloatBuffer();
                values[i] = new float[data.remaining()];
                data.get(values[i]);
            }
            return values;
        } catch (OrtException e) {
            throw new IllegalStateException("face model " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs the model and returns its output named {@code output}. */
    float[] runSingle(float[] input, String output) {
        return run(input, output)[0];
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close face model " + name, e);
        }
    }
}
