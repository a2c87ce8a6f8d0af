package dev.facerec.engine.search;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Slot storage for the vectors of a {@link VectorIndex}: each vector as int8 codes scaled to its largest component,
 * the reciprocal norm of those codes, and its sign sketch, in chunks of {@value #CHUNK} slots so that a million
 * vectors need no single huge array. Freed slots are reused. Not thread-safe: the index guards it.
 */
final class QuantizedVectors {

    static final int CHUNK = 4096;

    final int dimension;
    final SignCodes signCodes;
    final int words;

    private byte[][] codes = new byte[0][];
    private float[][] inverseNorms = new float[0][];
    private long[][] sketches = new long[0][];
    private String[][] keys = new String[0][];
    private final Map<String, Integer> slotByKey = new HashMap<>();
    private int[] freeSlots = new int[16];
    private int freeCount;
    private int highWater;

    QuantizedVectors(int dimension) {
        this.dimension = dimension;
        this.signCodes = new SignCodes(dimension);
        this.words = signCodes.words();
    }

    int size() {
        return slotByKey.size();
    }

    Integer slotOf(String key) {
        return slotByKey.get(key);
    }

    String key(int slot) {
        return keys[slot / CHUNK][slot % CHUNK];
    }

    float inverseNorm(int slot) {
        return inverseNorms[slot / CHUNK][slot % CHUNK];
    }

    /** Number of allocated chunks; chunk {@code c} holds slots {@code c × CHUNK} to {@code (c + 1) × CHUNK − 1}. */
    int chunks() {
        return codes.length;
    }

    byte[] codes(int chunk) {
        return codes[chunk];
    }

    float[] inverseNorms(int chunk) {
        return inverseNorms[chunk];
    }

    long[] sketches(int chunk) {
        return sketches[chunk];
    }

    String[] keys(int chunk) {
        return keys[chunk];
    }

    void put(String key, float[] vector) {
        Integer existing = slotByKey.get(key);
        int slot = existing != null ? existing : allocate();
        write(slot, vector);
        keys[slot / CHUNK][slot % CHUNK] = key;
        slotByKey.put(key, slot);
    }

    boolean remove(String key) {
        Integer slot = slotByKey.remove(key);
        if (slot == null) {
            return false;
        }
        keys[slot / CHUNK][slot % CHUNK] = null;
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
        }
        freeSlots[freeCount++] = slot;
        return true;
    }

    /** The stored vector, dequantised and L2-normalised. */
    float[] vector(int slot) {
        return Int8Quantization.dequantize(
                codes[slot / CHUNK], (slot % CHUNK) * dimension, dimension, inverseNorm(slot));
    }

    private void write(int slot, float[] vector) {
        int chunk = slot / CHUNK;
        int index = slot % CHUNK;
        inverseNorms[chunk][index] = Int8Quantization.quantize(vector, codes[chunk], index * dimension);
        signCodes.encode(vector, sketches[chunk], index * words);
    }

    private int allocate() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        int slot = highWater++;
        int chunk = slot / CHUNK;
        if (chunk == codes.length) {
            codes = Arrays.copyOf(codes, chunk + 1);
            inverseNorms = Arrays.copyOf(inverseNorms, chunk + 1);
            sketches = Arrays.copyOf(sketches, chunk + 1);
            keys = Arrays.copyOf(keys, chunk + 1);
            codes[chunk] = new byte[CHUNK * dimension];
            inverseNorms[chunk] = new float[CHUNK];
            sketches[chunk] = new long[CHUNK * words];
            keys[chunk] = new String[CHUNK];
        }
        return slot;
    }
}
