package dev.facerec.engine.analysis.bench;

import dev.facerec.engine.analysis.SimilarityScale;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 1:N identification: the first photo (by file name) of each person with two or more photos is enrolled; the others
 * are searched against the gallery. People with a single photo are probes that should be rejected.
 */
final class Identification {

    private static final float THRESHOLD = 80;

    private Identification() {}

    static void run(PrintStream out, String name, List<EmbeddedPhoto> photos, SimilarityScale scale) {
        Map<String, List<EmbeddedPhoto>> byPerson = new LinkedHashMap<>();
        photos.stream()
                .filter(p -> p.embedding() != null)
                .sorted(Comparator.comparing(p -> p.photo().name()))
                .forEach(p -> byPerson.computeIfAbsent(p.photo().identity(), k -> new ArrayList<>())
                        .add(p));
        List<EmbeddedPhoto> gallery = new ArrayList<>();
        List<EmbeddedPhoto> known = new ArrayList<>();
        List<EmbeddedPhoto> unknown = new ArrayList<>();
        for (List<EmbeddedPhoto> own : byPerson.values()) {
            if (own.size() == 1) {
                unknown.add(own.get(0));
            } else {
                gallery.add(own.get(0));
                known.addAll(own.subList(1, own.size()));
            }
        }
        int top1 = 0;
        int matchedAt80 = 0;
        int wrongAt80 = 0;
        for (EmbeddedPhoto probe : known) {
            EmbeddedPhoto best = nearest(probe, gallery);
            float similarity = scale.toPercent(SimilarityScale.cosine(probe.embedding(), best.embedding()));
            boolean right = best.photo().identity().equals(probe.photo().identity());
            top1 += right ? 1 : 0;
            matchedAt80 += right && similarity >= THRESHOLD ? 1 : 0;
            wrongAt80 += !right && similarity >= THRESHOLD ? 1 : 0;
        }
        int rejected = 0;
        for (EmbeddedPhoto probe : unknown) {
            EmbeddedPhoto best = nearest(probe, gallery);
            rejected +=
                    scale.toPercent(SimilarityScale.cosine(probe.embedding(), best.embedding())) < THRESHOLD ? 1 : 0;
        }
        out.printf(
                "%s: gallery %d people, %d probes of enrolled people, %d unknown probes%n",
                name, gallery.size(), known.size(), unknown.size());
        out.printf(
                "  top-1 accuracy %.2f %% (%d/%d); at threshold 80: right match %.2f %%, wrong match %d%n",
                100.0 * top1 / known.size(), top1, known.size(), 100.0 * matchedAt80 / known.size(), wrongAt80);
        if (!unknown.isEmpty()) {
            out.printf("  unknown probes rejected at threshold 80: %d/%d%n", rejected, unknown.size());
        }
    }

    private static EmbeddedPhoto nearest(EmbeddedPhoto probe, List<EmbeddedPhoto> gallery) {
        return gallery.stream()
                .max(Comparator.comparingDouble(g -> SimilarityScale.cosine(probe.embedding(), g.embedding())))
                .orElseThrow();
    }
}
