package dev.facerec.engine.analysis.bench;

import dev.facerec.engine.analysis.AnalysisOptions;
import dev.facerec.engine.analysis.AnalyzedImage;
import dev.facerec.engine.analysis.DetectedFace;
import dev.facerec.engine.analysis.FaceEngine;
import dev.facerec.engine.analysis.ImageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A labelled photo and the embedding of "its" face: the face whose box holds the image centre (the most confident
 * of those), else the largest face. {@code embedding} is null when no face was found or the image was refused.
 * {@code largest} is the embedding of the face with the largest box (the one CompareFaces and the searches take
 * from a source image), {@code all} those of every face (null without a face).
 */
public record EmbeddedPhoto(
        FaceSet.Photo photo, float[] embedding, int faces, String failure, float[] largest, List<float[]> all) {

    EmbeddedPhoto(FaceSet.Photo photo, String failure) {
        this(photo, null, 0, failure, null, null);
    }

    /** Embeds every photo, on {@code threads} threads. */
    public static List<EmbeddedPhoto> embedAll(FaceEngine engine, List<FaceSet.Photo> photos, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<EmbeddedPhoto>> futures = new ArrayList<>();
            for (FaceSet.Photo p : photos) {
                futures.add(pool.submit(() -> embed(engine, p)));
            }
            List<EmbeddedPhoto> out = new ArrayList<>();
            for (Future<EmbeddedPhoto> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    static EmbeddedPhoto embed(FaceEngine engine, FaceSet.Photo photo) {
        try {
            AnalyzedImage image = engine.analyze(Files.readAllBytes(photo.file()), AnalysisOptions.EMBED);
            List<DetectedFace> faces = image.faces();
            return faces.isEmpty()
                    ? new EmbeddedPhoto(photo, "no face")
                    : new EmbeddedPhoto(
                            photo,
                            centralFace(faces).embedding(),
                            faces.size(),
                            null,
                            largestFace(faces).embedding(),
                            faces.stream().map(DetectedFace::embedding).toList());
        } catch (ImageException e) {
            return new EmbeddedPhoto(photo, e.kind().name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DetectedFace centralFace(List<DetectedFace> faces) {
        return faces.stream()
                .filter(f -> f.box().left() <= 0.5f
                        && f.box().left() + f.box().width() >= 0.5f
                        && f.box().top() <= 0.5f
                        && f.box().top() + f.box().height() >= 0.5f)
                .findFirst()
                .orElseGet(() -> largestFace(faces));
    }

    static DetectedFace largestFace(List<DetectedFace> faces) {
        return faces.stream()
                .max(Comparator.comparingDouble(f -> f.box().width() * f.box().height()))
                .orElseThrow();
    }
}
