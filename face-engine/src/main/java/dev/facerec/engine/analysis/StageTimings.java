package dev.facerec.engine.analysis;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Accumulates the time spent in each stage of the engine's pipeline, over any number of calls and threads. */
public final class StageTimings {

    /** The pipeline's stages. */
    public enum Stage {
        /** Header check, decoding, EXIF orientation. */
        DECODE,
        /** Face detection over the whole image and its tiles. */
        DETECT,
        /** 68-point landmarks, per face. */
        LANDMARKS,
        /** Five-point alignment and the quality measures, per face. */
        ALIGN,
        /** Head pose, per face. */
        POSE,
        /** Identity embedding, per face. */
        EMBED,
        /** Age, gender, expression, eyes, mouth, per face. */
        ATTRIBUTES
    }

    private final Map<Stage, LongAdder> nanos = new EnumMap<>(Stage.class);
    private final Map<Stage, LongAdder> counts = new EnumMap<>(Stage.class);

    public StageTimings() {
        for (Stage s : Stage.values()) {
            nanos.put(s, new LongAdder());
            counts.put(s, new LongAdder());
        }
    }

    void add(Stage stage, long startNanos) {
        nanos.get(stage).add(System.nanoTime() - startNanos);
        counts.get(stage).increment();
    }

    /** Total milliseconds spent in {@code stage}. */
    public double totalMillis(Stage stage) {
        return nanos.get(stage).sum() / 1e6;
    }

    /** How many times {@code stage} ran (per image or per face). */
    public long count(Stage stage) {
        return counts.get(stage).sum();
    }

    /** Mean milliseconds per run of {@code stage}, 0 when it never ran. */
    public double meanMillis(Stage stage) {
        long n = count(stage);
        return n == 0 ? 0 : totalMillis(stage) / n;
    }
}
