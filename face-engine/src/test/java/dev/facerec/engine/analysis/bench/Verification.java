package dev.facerec.engine.analysis.bench;

import dev.facerec.engine.analysis.SimilarityScale;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** All same- and different-person pairs inside one set of embedded photos, and what they say. */
final class Verification {

    private Verification() {}

    /** Pair scores (cosine) of the photos that have an embedding; identical files are not paired. */
    static PairStatistics pairs(List<EmbeddedPhoto> photos) {
        List<EmbeddedPhoto> usable =
                photos.stream().filter(p -> p.embedding() != null).toList();
        List<Float> same = new ArrayList<>();
        List<Float> different = new ArrayList<>();
        for (int i = 0; i < usable.size(); i++) {
            for (int j = i + 1; j < usable.size(); j++) {
                EmbeddedPhoto a = usable.get(i);
                EmbeddedPhoto b = usable.get(j);
                if (a.photo().sha256().equals(b.photo().sha256())) {
                    continue;
                }
                float score = SimilarityScale.cosine(a.embedding(), b.embedding());
                (a.photo().identity().equals(b.photo().identity()) ? same : different).add(score);
            }
        }
        return new PairStatistics(toArray(same), toArray(different));
    }

    /**
     * Pair scores as CompareFaces gives them: the largest face of one photo against every face of the other, the
     * best match kept; each pair both ways (either photo as the source), identical files not paired.
     */
    static PairStatistics compareFacesPairs(List<EmbeddedPhoto> photos) {
        List<EmbeddedPhoto> usable =
                photos.stream().filter(p -> p.largest() != null).toList();
        List<Float> same = new ArrayList<>();
        List<Float> different = new ArrayList<>();
        for (EmbeddedPhoto source : usable) {
            for (EmbeddedPhoto target : usable) {
                if (source.photo().sha256().equals(target.photo().sha256())) {
                    continue;
                }
                float best = -1;
                for (float[] face : target.all()) {
                    best = Math.max(best, SimilarityScale.cosine(source.largest(), face));
                }
                (source.photo().identity().equals(target.photo().identity()) ? same : different).add(best);
            }
        }
        return new PairStatistics(toArray(same), toArray(different));
    }

    static void print(PrintStream out, String name, PairStatistics stats, SimilarityScale scale) {
        double[] best = stats.bestBalancedAccuracy();
        float[] extremes = stats.extremes();
        out.printf(
                "%s: %d same-person pairs, %d different-person pairs%n",
                name, stats.sameCount(), stats.differentCount());
        out.printf("  AUC %.5f   best balanced accuracy %.2f %% at cosine %.3f%n", stats.auc(), 100 * best[0], best[1]);
        for (double far : new double[] {0.01, 0.001, 0.0001}) {
            float t = stats.thresholdAtFar(far);
            out.printf(
                    "  TAR at FAR %-6s %.2f %%  (cosine >= %.3f, similarity %.1f)%n",
                    percent(far), 100 * stats.tarAtFar(far), t, scale.toPercent(t));
        }
        float at80 = scale.toCosine(80);
        out.printf(
                "  at similarity 80 (cosine %.3f): TAR %.2f %%, FAR %.4f %%%n",
                at80, 100 * stats.trueAcceptRate(at80), 100 * stats.falseAcceptRate(at80));
        out.printf(
                "  lowest same-person cosine %.3f, highest different-person cosine %.3f%n", extremes[0], extremes[1]);
    }

    private static String percent(double far) {
        return (far * 100) + "%";
    }

    private static float[] toArray(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
