package dev.facerec.engine.analysis;

import dev.facerec.engine.analysis.bench.TypicalPhotos;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Latency of one search-like analysis (every face found, the faces embedded, as SearchUsersByImage with a quality
 * filter asks) with a face's model runs on one thread against beside each other ({@link Alongside}): two engines in
 * one JVM, requests alternating between them one at a time, so that both see the same machine load. On the 1–3 MP
 * photos of the shared set with one face. Prints figures; asserts nothing; command in docs/face-engine.md.
 */
public final class AlongsideBenchmark {

    private AlongsideBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 3);
        AnalysisOptions search = new AnalysisOptions(false, true, Integer.MAX_VALUE, Integer.MAX_VALUE);
        try (OnnxFaceEngine serial =
                        new OnnxFaceEngine(ModelDirectory.find(), EngineTuning.DEFAULT.withModelsAlongside(false));
                OnnxFaceEngine alongside =
                        new OnnxFaceEngine(ModelDirectory.find(), EngineTuning.DEFAULT.withModelsAlongside(true))) {
            List<byte[]> photos = new ArrayList<>();
            for (byte[] photo : TypicalPhotos.oneToThreeMegapixels()) {
                if (serial.analyze(photo, search).faces().size() == 1) {
                    alongside.analyze(photo, search);
                    photos.add(photo);
                }
            }
            List<Double> one = new ArrayList<>();
            List<Double> two = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                for (byte[] photo : photos) {
                    one.add(timed(serial, photo, search));
                    two.add(timed(alongside, photo, search));
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d one-face photos of 1-3 MP, %d rounds, %d CPUs%n"
                            + "model runs on one thread:  p50 %.1f ms, p90 %.1f ms%n"
                            + "pose and mirror alongside: p50 %.1f ms, p90 %.1f ms%n",
                    photos.size(),
                    rounds,
                    Runtime.getRuntime().availableProcessors(),
                    percentile(one, 50),
                    percentile(one, 90),
                    percentile(two, 50),
                    percentile(two, 90));
        }
    }

    private static double timed(OnnxFaceEngine engine, byte[] photo, AnalysisOptions options) throws ImageException {
        long start = System.nanoTime();
        engine.analyze(photo, options);
        return (System.nanoTime() - start) / 1e6;
    }

    private static double percentile(List<Double> values, int percent) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
