package dev.facerec.engine.analysis.bench;

import java.util.Arrays;

/** Verification figures from the scores of same-person and different-person pairs. */
public final class PairStatistics {

    private final float[] same;
    private final float[] different;

    public PairStatistics(float[] same, float[] different) {
        this.same = same.clone();
        this.different = different.clone();
        Arrays.sort(this.same);
        Arrays.sort(this.different);
    }

    public int sameCount() {
        return same.length;
    }

    public int differentCount() {
        return different.length;
    }

    /** Area under the ROC curve: the probability that a same pair scores above a different pair. */
    public double auc() {
        double wins = 0;
        int j = 0;
        int ties = 0;
        for (float s : same) {
            while (j < different.length && different[j] < s) {
                j++;
            }
            ties = 0;
            while (j + ties < different.length && different[j + ties] == s) {
                ties++;
            }
            wins += j + ties / 2.0;
        }
        return wins / ((double) same.length * different.length);
    }

    /** Share of different pairs at or above {@code threshold}. */
    public double falseAcceptRate(float threshold) {
        return countAtLeast(different, threshold) / (double) different.length;
    }

    /** Share of same pairs at or above {@code threshold}. */
    public double trueAcceptRate(float threshold) {
        return countAtLeast(same, threshold) / (double) same.length;
    }

    /** The lowest threshold whose false-accept rate is at most {@code far}. */
    public float thresholdAtFar(double far) {
        int allowed = (int) Math.floor(far * different.length);
        // accept scores strictly above the (allowed + 1)-th highest different score
        float limit = different[different.length - 1 - allowed];
        return Math.nextUp(limit);
    }

    /** True-accept rate at the lowest threshold with a false-accept rate of at most {@code far}. */
    public double tarAtFar(double far) {
        return trueAcceptRate(thresholdAtFar(far));
    }

    /** Best accuracy over all thresholds, balanced over both classes, and the threshold that gives it. */
    public double[] bestBalancedAccuracy() {
        double best = 0;
        double bestThreshold = 0;
        float[] all = new float[same.length + different.length];
        System.arraycopy(same, 0, all, 0, same.length);
        System.arraycopy(different, 0, all, same.length, different.length);
        for (float t : all) {
            double accuracy = (trueAcceptRate(t) + 1 - falseAcceptRate(t)) / 2;
            if (accuracy > best) {
                best = accuracy;
                bestThreshold = t;
            }
        }
        return new double[] {best, bestThreshold};
    }

    /** Lowest same score, highest different score. */
    public float[] extremes() {
        return new float[] {same[0], different[different.length - 1]};
    }

    private static int countAtLeast(float[] sorted, float threshold) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < threshold) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return sorted.length - lo;
    }
}
