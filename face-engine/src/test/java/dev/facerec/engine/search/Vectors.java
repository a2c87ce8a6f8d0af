package dev.facerec.engine.search;

import java.util.Random;

/** Synthetic unit vectors for search tests and benchmarks. */
public final class Vectors {

    private Vectors() {}

    public static float[] random(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return normalize(v);
    }

    /**
     * A unit vector spread like face embeddings rather than uniformly: most of its variance in 60 of the dimensions,
     * so that two unrelated ones have a cosine of mean 0 and standard deviation about 0.10 (uniform random 512-d
     * vectors: 0.044), which makes a coarse search harder.
     */
    public static float[] faceLike(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian() * (i < 60 ? 1f : 0.2f);
        }
        return normalize(v);
    }

    /** A unit vector whose cosine with the unit vector {@code base} is about {@code cosine}. */
    public static float[] near(Random random, float[] base, double cosine) {
        float[] noise = random(random, base.length);
        double along = 0;
        for (int i = 0; i < base.length; i++) {
            along += noise[i] * base[i];
        }
        for (int i = 0; i < base.length; i++) {
            noise[i] -= (float) (along * base[i]);
        }
        normalize(noise);
        double orthogonal = Math.sqrt(1 - cosine * cosine);
        float[] v = new float[base.length];
        for (int i = 0; i < base.length; i++) {
            v[i] = (float) (cosine * base[i] + orthogonal * noise[i]);
        }
        return normalize(v);
    }

    public static float cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return (float) dot;
    }

    private static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        float inverse = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inverse;
        }
        return v;
    }
}
