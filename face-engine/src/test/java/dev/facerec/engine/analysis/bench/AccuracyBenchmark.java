package dev.facerec.engine.analysis.bench;

import dev.facerec.engine.analysis.FaceEngine;
import dev.facerec.engine.analysis.OnnxFaceEngine;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Stream;

/**
 * Accuracy of the face engine on the shared photos ({@code ../shared/faces}): verification and 1:N identification
 * inside {@code deepface/} and inside {@code identities/}, face counts on group photos, false detections on
 * negatives, the outcome of each hard photo. Prints figures; asserts nothing. Command in docs/face-engine.md.
 */
public final class AccuracyBenchmark {

    /**
     * System property: photos (manifest names, comma-separated) to leave out of a second identities/ verification,
     * to compare engine versions on the same pairs when one finds faces the other missed.
     */
    public static final String EXCLUDE = "facerec.accuracy.exclude";

    private AccuracyBenchmark() {}

    public static void main(String[] args) {
        FaceSet faces = FaceSet.locate()
                .orElseThrow(() -> new IllegalStateException(
                        "shared/faces not found next to the working directory or a parent; set -D" + FaceSet.PROPERTY));
        int threads = Integer.getInteger("threads", 2);
        try (OnnxFaceEngine engine = new OnnxFaceEngine()) {
            run(System.out, engine, faces, threads);
        }
    }

    /** Runs every section against {@code engine}. */
    public static void run(PrintStream out, FaceEngine engine, FaceSet faces, int threads) {
        out.printf(
                "Face engine %s, photos from %s, similarity scale %s%n%n",
                engine.faceModelVersion(), faces.root(), engine.similarityScale());
        List<EmbeddedPhoto> deepface = EmbeddedPhoto.embedAll(engine, faces.ofKind("deepface"), threads);
        List<EmbeddedPhoto> identities = EmbeddedPhoto.embedAll(engine, faces.ofKind("identity"), threads);
        reportFailures(
                out, Stream.concat(deepface.stream(), identities.stream()).toList());
        Verification.print(out, "deepface/", Verification.pairs(deepface), engine.similarityScale());
        Verification.print(out, "identities/", Verification.pairs(identities), engine.similarityScale());
        List<String> excluded = List.of(System.getProperty(EXCLUDE, "").split(",")).stream()
                .filter(name -> !name.isBlank())
                .toList();
        if (!excluded.isEmpty()) {
            Verification.print(
                    out,
                    "identities/ without " + excluded,
                    Verification.pairs(identities.stream()
                            .filter(p -> !excluded.contains(p.photo().name()))
                            .toList()),
                    engine.similarityScale());
        }
        List<EmbeddedPhoto> lfw = identities.stream()
                .filter(p -> p.photo().name().startsWith("identities/lfw__"))
                .toList();
        Verification.print(
                out,
                "identities/lfw__* as CompareFaces (largest source face, best target face)",
                Verification.compareFacesPairs(lfw),
                engine.similarityScale());
        out.println();
        Identification.run(out, "deepface/", deepface, engine.similarityScale());
        Identification.run(out, "identities/", identities, engine.similarityScale());
        out.println();
        DetectionCounts.groups(out, engine, faces.ofKind("group"));
        out.println();
        DetectionCounts.negatives(out, engine, faces.ofKind("negative"));
        out.println();
        DetectionCounts.hard(out, engine, faces.ofKind("hard"), identities);
    }

    private static void reportFailures(PrintStream out, List<EmbeddedPhoto> photos) {
        long multi = photos.stream().filter(p -> p.faces() > 1).count();
        out.printf("Embedded %d photos; %d hold more than one face (the central one is used)%n", photos.size(), multi);
        photos.stream()
                .filter(p -> p.embedding() == null)
                .forEach(p -> out.printf("  no embedding: %s (%s)%n", p.photo().name(), p.failure()));
        out.println();
    }
}
