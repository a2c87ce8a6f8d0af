package dev.facerec.engine.analysis.bench;

import dev.facerec.engine.analysis.AnalysisOptions;
import dev.facerec.engine.analysis.OnnxFaceEngine;
import dev.facerec.engine.analysis.StageTimings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Speed of the face engine inside one JVM (no HTTP): start-up, milliseconds per stage and per face, images per
 * second on 1–3 MP photos with one and two threads, resident memory. Prints figures; asserts nothing. Run it on an
 * otherwise idle machine; command in docs/face-engine.md.
 */
public final class SpeedBenchmark {

    private SpeedBenchmark() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        try (OnnxFaceEngine engine = new OnnxFaceEngine()) {
            double loadMs = (System.nanoTime() - start) / 1e6;
            List<byte[]> all = photos();
            long first = System.nanoTime();
            engine.analyze(all.get(0), AnalysisOptions.EMBED);
            System.out.printf(
                    "Start-up: models loaded in %.0f ms (JVM start not included), first analysis %.0f ms%n",
                    loadMs, (System.nanoTime() - first) / 1e6);
            List<byte[]> photos =
                    all.stream().filter(p -> !TypicalPhotos.isProgressive(p)).toList();
            List<byte[]> progressive =
                    all.stream().filter(TypicalPhotos::isProgressive).toList();
            System.out.printf(
                    "Photos: %d of 1-3 MP (%.2f MP on average); %d progressive JPEGs measured apart; "
                            + "RSS after loading %d MB%n%n",
                    photos.size(),
                    photos.stream().mapToLong(TypicalPhotos::pixels).average().orElse(0) / 1e6,
                    progressive.size(),
                    rssMb("VmRSS"));
            int rounds = Integer.getInteger("rounds", 2);
            run(
                    engine,
                    photos,
                    new AnalysisOptions(false, true, 1),
                    "one face with embedding (IndexFaces MaxFaces=1-like)",
                    rounds);
            run(engine, photos, AnalysisOptions.EMBED, "every face with embedding", rounds);
            run(engine, photos, AnalysisOptions.DETECT_ALL_ATTRIBUTES, "DetectFaces Attributes ALL", rounds);
            if (!progressive.isEmpty()) {
                run(
                        engine,
                        progressive,
                        new AnalysisOptions(false, true, 1),
                        "progressive JPEGs, one face with embedding",
                        1);
            }
            System.out.printf("RSS now %d MB, peak %d MB%n", rssMb("VmRSS"), rssMb("VmHWM"));
        }
    }

    private static void run(
            OnnxFaceEngine engine, List<byte[]> photos, AnalysisOptions options, String what, int rounds)
            throws Exception {
        for (byte[] p : photos.subList(0, Math.min(10, photos.size()))) {
            engine.analyze(p, options); // warm-up
        }
        StageTimings timings = new StageTimings();
        AtomicInteger faces = new AtomicInteger();
        long t = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (byte[] p : photos) {
                faces.addAndGet(engine.analyze(p, options, timings).faces().size());
            }
        }
        double oneThread = (System.nanoTime() - t) / 1e9;
        int images = rounds * photos.size();
        System.out.printf("%s: %d images, %d faces%n", what, images, faces.get());
        System.out.printf(
                "  1 thread : %.1f images/s (%.1f ms per image)%n", images / oneThread, 1000 * oneThread / images);
        for (StageTimings.Stage s : StageTimings.Stage.values()) {
            if (timings.count(s) > 0) {
                System.out.printf(
                        "    %-10s %6.2f ms per run, %6.1f ms per image (%d runs)%n",
                        s, timings.meanMillis(s), timings.totalMillis(s) / images, timings.count(s));
            }
        }
        if (faces.get() > 0) {
            System.out.printf("    per face (all per-face stages): %.1f ms%n", perFace(timings) / faces.get());
        }
        double twoThreads = parallel(engine, photos, options, rounds, 2);
        System.out.printf("  2 threads: %.1f images/s%n%n", images / twoThreads);
    }

    private static double perFace(StageTimings t) {
        double sum = 0;
        for (StageTimings.Stage s : List.of(
                StageTimings.Stage.LANDMARKS,
                StageTimings.Stage.ALIGN,
                StageTimings.Stage.POSE,
                StageTimings.Stage.EMBED,
                StageTimings.Stage.ATTRIBUTES)) {
            sum += t.totalMillis(s);
        }
        return sum;
    }

    private static double parallel(
            OnnxFaceEngine engine, List<byte[]> photos, AnalysisOptions options, int rounds, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (byte[] p : photos) {
                    futures.add(pool.submit(() -> engine.analyze(p, options)));
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return (System.nanoTime() - t) / 1e9;
        } finally {
            pool.shutdown();
        }
    }

    /** JPEG photos of 1–3 MP from the shared set, else the face-api samples. */
    private static List<byte[]> photos() {
        List<byte[]> photos = new ArrayList<>(TypicalPhotos.oneToThreeMegapixels());
        if (photos.isEmpty()) {
            Path demo = Path.of(System.getProperty("facerec.nodeModules", "node_modules"), "@vladmandic/face-api/demo");
            for (int i = 1; i <= 6; i++) {
                photos.add(TypicalPhotos.read(demo.resolve("sample" + i + ".jpg")));
            }
        }
        return photos;
    }

    private static long rssMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
