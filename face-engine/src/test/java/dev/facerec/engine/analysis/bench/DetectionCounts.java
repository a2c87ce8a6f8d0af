package dev.facerec.engine.analysis.bench;

import dev.facerec.engine.analysis.AnalysisOptions;
import dev.facerec.engine.analysis.AnalyzedImage;
import dev.facerec.engine.analysis.DetectedFace;
import dev.facerec.engine.analysis.FaceEngine;
import dev.facerec.engine.analysis.ImageException;
import dev.facerec.engine.analysis.SimilarityScale;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/** Face counts on group photos, false detections on photos without a face, the outcome on each hard photo. */
final class DetectionCounts {

    private static final AnalysisOptions EMBED_LARGEST = new AnalysisOptions(false, true, Integer.MAX_VALUE, 1);

    private DetectionCounts() {}

    static void groups(PrintStream out, FaceEngine engine, List<FaceSet.Photo> groups) {
        int images = 0;
        int expected = 0;
        int found = 0;
        int exact = 0;
        int missing = 0;
        int extra = 0;
        out.println("Group photos with faces=N in the manifest (found / expected):");
        for (FaceSet.Photo p : groups) {
            if (p.expectedFaces().isEmpty()) {
                continue;
            }
            int n = p.expectedFaces().get();
            int count = analyze(engine, p).map(i -> i.faces().size()).orElse(0);
            out.printf("  %-50s %2d / %2d%n", p.name(), count, n);
            images++;
            expected += n;
            found += count;
            exact += count == n ? 1 : 0;
            missing += Math.max(0, n - count);
            extra += Math.max(0, count - n);
        }
        out.printf(
                "  %d photos: exact count on %d, %d faces expected, %d found, %d short, %d over%n",
                images, exact, expected, found, missing, extra);
    }

    static void negatives(PrintStream out, FaceEngine engine, List<FaceSet.Photo> negatives) {
        int falseFaces = 0;
        int withFalse = 0;
        out.println("Photos without a real human face (false detections):");
        for (FaceSet.Photo p : negatives) {
            Outcome o = analyze(engine, p);
            int count = o.map(i -> i.faces().size()).orElse(0);
            falseFaces += count;
            withFalse += count > 0 ? 1 : 0;
            out.printf("  %-50s %s%n", p.name(), o.describe());
        }
        out.printf(
                "  %d photos, %d with a false detection, %d false faces in all%n",
                negatives.size(), withFalse, falseFaces);
    }

    /**
     * The outcome of each hard photo; for a face found, the closest photo of {@code identities} and its similarity
     * (several hard photos are copies or crops of identity photos).
     */
    static void hard(PrintStream out, FaceEngine engine, List<FaceSet.Photo> hard, List<EmbeddedPhoto> identities) {
        out.println("Hard photos (outcome per file; for the largest face, the closest identity photo):");
        for (FaceSet.Photo p : hard) {
            Outcome o = analyze(engine, p, EMBED_LARGEST);
            String match = o.map(image -> image.faces().stream()
                            .filter(f -> f.embedding() != null)
                            .findFirst()
                            .map(f -> closest(engine, f.embedding(), identities))
                            .orElse(""))
                    .orElse("");
            out.printf("  %-46s %s%s   [%s]%n", p.name(), o.describe(), match, p.note());
        }
    }

    private static String closest(FaceEngine engine, float[] embedding, List<EmbeddedPhoto> identities) {
        EmbeddedPhoto best = null;
        float bestCosine = -2;
        for (EmbeddedPhoto candidate : identities) {
            if (candidate.embedding() != null) {
                float cosine = SimilarityScale.cosine(embedding, candidate.embedding());
                if (cosine > bestCosine) {
                    bestCosine = cosine;
                    best = candidate;
                }
            }
        }
        return best == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        " -> %s (%s) similarity %.1f",
                        best.photo().identity(),
                        best.photo().name(),
                        engine.similarityScale().toPercent(bestCosine));
    }

    private static Outcome analyze(FaceEngine engine, FaceSet.Photo photo) {
        return analyze(engine, photo, AnalysisOptions.DETECT);
    }

    private static Outcome analyze(FaceEngine engine, FaceSet.Photo photo, AnalysisOptions options) {
        try {
            return new Outcome(engine.analyze(Files.readAllBytes(photo.file()), options), null);
        } catch (ImageException e) {
            return new Outcome(null, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The analysis or the refusal of one photo. */
    private record Outcome(AnalyzedImage image, ImageException refusal) {

        <T> java.util.Optional<T> map(java.util.function.Function<AnalyzedImage, T> f) {
            return image == null ? java.util.Optional.empty() : java.util.Optional.of(f.apply(image));
        }

        String describe() {
            if (refusal != null) {
                return "refused " + refusal.kind() + " (" + refusal.getMessage() + ")";
            }
            StringBuilder s = new StringBuilder(image.faces().size() + " face(s)");
            for (DetectedFace f : image.faces()) {
                s.append(String.format(
                        Locale.ROOT,
                        " [conf %.1f, %.0fx%.0f px, sharpness %.0f]",
                        f.confidence(),
                        f.box().width() * image.width(),
                        f.box().height() * image.height(),
                        f.quality().sharpness()));
            }
            return s.toString();
        }
    }
}
