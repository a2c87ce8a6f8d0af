package dev.facerec.engine.search;

import java.util.SplittableRandom;

/**
 * Binary sketches of vectors for the coarse stage of a large search: the signs of a randomised Hadamard transform
 * of the vector (a structured random rotation, as in SimHash). Two unit vectors at angle θ disagree on each bit
 * with probability θ/π, so the Hamming distance between sketches ranks candidates by angle.
 */
final class SignCodes {

    private static final long SEED = 0x5EEDFACEL;

    private final int dimension;
    private final int padded;
    private final float[] flips;

    SignCodes(int dimension) {
        this.dimension = dimension;
        this.padded = Math.max(64, Integer.highestOneBit(dimension - 1) << 1);
        this.flips = new float[padded];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < padded; i++) {
            flips[i] = random.nextBoolean() ? 1f : -1f;
        }
    }

    /** Number of 64-bit words in one sketch. */
    int words() {
        return padded / 64;
    }

    /** Writes the sketch of {@code vector} into {@code out} at {@code offset}. */
    void encode(float[] vector, long[] out, int offset) {
        float[] x = new float[padded];
        for (int i = 0; i < dimension; i++) {
            x[i] = vector[i] * flips[i];
        }
        for (int i = dimension; i < padded; i++) {
            x[i] = flips[i] * 1e-6f;
        }
        hadamard(x);
        for (int w = 0; w < padded / 64; w++) {
            long bits = 0;
            for (int b = 0; b < 64; b++) {
                if (x[w * 64 + b] > 0) {
                    bits |= 1L << b;
                }
            }
            out[offset + w] = bits;
        }
    }

    /** Hamming distance between the sketch at {@code a[aOffset]} and the one at {@code b[bOffset]}. */
    static int distance(long[] a, int aOffset, long[] b, int bOffset, int words) {
        int d = 0;
        for (int w = 0; w < words; w++) {
            d += Long.bitCount(a[aOffset + w] ^ b[bOffset + w]);
        }
        return d;
    }

    private static void hadamard(float[] x) {
        for (int h = 1; h < x.length; h <<= 1) {
            for (int i = 0; i < x.length; i += h << 1) {
                for (int j = i; j < i + h; j++) {
                    float a = x[j];
                    float b = x[j + h];
                    x[j] = a + b;
                    x[j + h] = a - b;
                }
            }
        }
    }
}
