package dev.facerec.engine.search;

import java.util.Arrays;

/**
 * The int8 form vectors are stored and compared in: each component scaled so that the largest magnitude becomes
 * 127, plus the reciprocal Euclidean norm of the codes, so that {@code codes · codes' × inverseNorm ×
 * inverseNorm'} is the cosine. Quantising a dequantised vector gives back the same codes.
 */
public final class Int8Quantization {

    private Int8Quantization() {}

    /** Writes the codes of {@code vector} to {@code out} at {@code offset}; returns the reciprocal norm (0 for 0). */
    public static float quantize(float[] vector, byte[] out, int offset) {
        float max = 0;
        for (float x : vector) {
            max = Math.max(max, Math.abs(x));
        }
        if (max == 0) {
            Arrays.fill(out, offset, offset + vector.length, (byte) 0);
            return 0;
        }
        float scale = 127f / max;
        long sumSquares = 0;
        for (int i = 0; i < vector.length; i++) {
            int q = Math.round(vector[i] * scale);
            out[offset + i] = (byte) q;
            sumSquares += (long) q * q;
        }
        return (float) (1.0 / Math.sqrt(sumSquares));
    }

    /** The unit vector that {@code codes} and {@code inverseNorm} stand for. */
    public static float[] dequantize(byte[] codes, int offset, int dimension, float inverseNorm) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = codes[offset + i] * inverseNorm;
        }
        return v;
    }
}
