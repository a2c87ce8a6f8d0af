package dev.facerec.engine.analysis.bench;

import dev.facerec.engine.analysis.OnnxFaceEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Crop/full consistency ({@link CropConsistency}) on the face-api samples and, when present, the group photos of
 * {@code ../shared/faces}: the distribution of cosines between each face's embedding in the photo and in crops at
 * margins 0.3, 0.5 and 0.8, and every face below 0.8. Prints figures; asserts nothing. Command in
 * docs/face-engine.md.
 */
public final class CropConsistencyBenchmark {

    private static final float[] MARGINS = {0.3f, 0.5f, 0.8f};
    /** Faces at least this tall in the photo (pixels) are reported apart. */
    private static final int LARGE = 80;

    private CropConsistencyBenchmark() {}

    public static void main(String[] args) {
        List<Path> photos = new ArrayList<>();
        Path demo = Path.of(System.getProperty("facerec.nodeModules", "node_modules"), "@vladmandic/face-api/demo");
        for (int i = 1; i <= 6; i++) {
            photos.add(demo.resolve("sample" + i + ".jpg"));
        }
        FaceSet.locate().ifPresent(set -> set.ofKind("group").forEach(p -> photos.add(p.file())));
        try (OnnxFaceEngine engine = new OnnxFaceEngine()) {
            List<Float> cosines = new ArrayList<>();
            List<Float> frontal = new ArrayList<>();
            List<Float> large = new ArrayList<>();
            int skipped = 0;
            for (Path photo : photos) {
                for (CropConsistency.Result r : CropConsistency.measure(engine, read(photo), MARGINS)) {
                    if (r.skipped()) {
                        skipped++;
                        continue;
                    }
                    cosines.add(r.cosine());
                    if (Math.abs(r.yaw()) <= 45) {
                        frontal.add(r.cosine());
                        if (r.pixels() >= LARGE) {
                            large.add(r.cosine());
                        }
                    }
                    if (r.cosine() < 0.8f) {
                        System.out.printf(
                                "  %-45s box (%.3f, %.3f, %.3f x %.3f) %4d px, yaw %4.0f, margin %.1f: %s%n",
                                photo.getFileName(),
                                r.box().left(),
                                r.box().top(),
                                r.box().width(),
                                r.box().height(),
                                r.pixels(),
                                r.yaw(),
                                r.margin(),
                                r.cosine() < -0.99f ? "no face in the crop" : String.format("cosine %.3f", r.cosine()));
                    }
                }
            }
            System.out.printf(
                    "%d photos, margins 0.3/0.5/0.8; %d crops under 80 px not analysed%n", photos.size(), skipped);
            print("all faces", cosines);
            print("|yaw| <= 45", frontal);
            print("and >= " + LARGE + " px", large);
        }
    }

    private static void print(String what, List<Float> values) {
        List<Float> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return;
        }
        System.out.printf(
                "%-14s %4d crops: min %.3f  p1 %.3f  p5 %.3f  median %.3f  below 0.8: %d  below 0.5: %d%n",
                what,
                n,
                sorted.get(0),
                sorted.get(n / 100),
                sorted.get(n / 20),
                sorted.get(n / 2),
                sorted.stream().filter(c -> c < 0.8f).count(),
                sorted.stream().filter(c -> c < 0.5f).count());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
