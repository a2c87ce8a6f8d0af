package dev.facerec.engine.analysis.bench;

import dev.facerec.engine.analysis.FaceEngine;
import dev.facerec.engine.analysis.ImageException;
import dev.facerec.engine.analysis.LivenessScore;
import dev.facerec.engine.analysis.OnnxFaceEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The passive liveness model ({@code fr_liveness}) on the shared photos ({@code ../shared/faces}): attack rejection
 * on the presentation attacks of {@code hard/} (the phone-screen replay and the synthetic face: manifest subtypes
 * {@code spoof} and {@code synthetic}) and on the CGI renders, artwork and dolls of {@code negatives/} in which a face
 * is found; bona fide acceptance on every real photo of {@code identities/}; at the default threshold and over a
 * curve of thresholds. The score is Rekognition's liveness confidence as the engine reports it: 100 × the model's
 * probability of "real". Prints figures; asserts nothing. Command in docs/face-engine.md.
 */
public final class LivenessBenchmark {

    /** The identity API's default liveness threshold (its {@code confidenceThreshold}). */
    static final float DEFAULT_THRESHOLD = 90;

    private static final float[] CURVE = {10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99};
    private static final List<String> ATTACK_SUBTYPES = List.of("subtype=spoof", "subtype=synthetic");
    private static final List<String> NON_LIVE_SUBTYPES =
            List.of("subtype=cgi", "subtype=artwork", "subtype=not_real", "subtype=cartoon");

    private LivenessBenchmark() {}

    public static void main(String[] args) throws Exception {
        FaceSet faces = FaceSet.locate()
                .orElseThrow(() -> new IllegalStateException(
                        "shared/faces not found next to the working directory or a parent; set -D" + FaceSet.PROPERTY));
        int threads = Integer.getInteger("threads", 2);
        try (OnnxFaceEngine engine = new OnnxFaceEngine()) {
            run(System.out, engine, faces, threads);
        }
    }

    /** Scores the photos with {@code engine} and prints the figures. */
    public static void run(PrintStream out, FaceEngine engine, FaceSet faces, int threads) throws Exception {
        List<FaceSet.Photo> attacks = withNote(faces.ofKind("hard"), ATTACK_SUBTYPES);
        List<FaceSet.Photo> nonLive = withNote(faces.ofKind("negative"), NON_LIVE_SUBTYPES);
        List<FaceSet.Photo> bonaFide = faces.ofKind("identity");
        out.printf("Passive liveness (fr_liveness) on %s; score = 100 × P(real)%n%n", faces.root());

        List<Scored> attackScores = score(engine, attacks, threads);
        out.println("Presentation attacks (hard/, subtypes spoof and synthetic):");
        attackScores.forEach(s -> out.printf("  %-45s %s%n", s.photo().name(), s.describe()));
        List<Scored> nonLiveScores = score(engine, nonLive, threads);
        out.println("Non-live faces (negatives/: CGI, artwork, doll, cartoon), where a face is found:");
        nonLiveScores.stream()
                .filter(s -> s.score().isPresent())
                .forEach(s -> out.printf("  %-45s %s%n", s.photo().name(), s.describe()));
        List<Scored> bonaFideScores = score(engine, bonaFide, threads);
        long noFace = bonaFideScores.stream().filter(s -> s.score().isEmpty()).count();
        out.printf(
                "Bona fide: %d photos of identities/, %d without a face found (left out)%n%n",
                bonaFideScores.size(), noFace);

        List<Float> attack = values(attackScores);
        List<Float> other = values(nonLiveScores);
        List<Float> live = values(bonaFideScores);
        out.printf(
                "%9s  %-26s  %-26s  %-26s%n",
                "threshold", "attacks rejected", "non-live rejected", "bona fide accepted");
        for (float threshold : CURVE) {
            out.printf(
                    "%9s  %-26s  %-26s  %-26s%n",
                    (threshold == DEFAULT_THRESHOLD ? "*" : "") + (int) threshold,
                    rate(attack, threshold, false),
                    rate(other, threshold, false),
                    rate(live, threshold, true));
        }
        out.printf("(* the identity API's default threshold)%n");
    }

    private static List<FaceSet.Photo> withNote(List<FaceSet.Photo> photos, List<String> notes) {
        return photos.stream()
                .filter(p -> notes.stream().anyMatch(p.note()::startsWith))
                .toList();
    }

    private static List<Float> values(List<Scored> scored) {
        return scored.stream()
                .flatMap(s -> s.score().stream())
                .map(s -> 100 * s.live())
                .toList();
    }

    /** Accepted (score ≥ threshold) or rejected, as "n / total (p %)". */
    private static String rate(List<Float> scores, float threshold, boolean accepted) {
        long n = scores.stream().filter(s -> (s >= threshold) == accepted).count();
        return String.format("%d / %d (%.1f %%)", n, scores.size(), scores.isEmpty() ? 0.0 : 100.0 * n / scores.size());
    }

    private static List<Scored> score(FaceEngine engine, List<FaceSet.Photo> photos, int threads)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Scored>> futures = new ArrayList<>();
            for (FaceSet.Photo photo : photos) {
                futures.add(pool.submit(() -> new Scored(photo, liveness(engine, photo))));
            }
            List<Scored> scored = new ArrayList<>();
            for (Future<Scored> future : futures) {
                scored.add(future.get());
            }
            return scored;
        } finally {
            pool.shutdown();
        }
    }

    private static Optional<LivenessScore> liveness(FaceEngine engine, FaceSet.Photo photo) {
        try {
            return engine.liveness(Files.readAllBytes(photo.file()));
        } catch (ImageException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Scored(FaceSet.Photo photo, Optional<LivenessScore> score) {
        String describe() {
            return score.map(s -> String.format("score %5.1f", 100 * s.live())).orElse("no face");
        }
    }
}
