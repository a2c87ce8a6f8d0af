package dev.facerec.engine.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;

/**
 * In-memory nearest-neighbour search over unit vectors by cosine similarity.
 *
 * <p>Vectors are kept int8-quantised (one byte a dimension plus a float), which keeps a million 512-d vectors in
 * about 0.6 GB and makes the scan memory-light. Up to {@link #exactLimit()} vectors a search is an exact scan of
 * every vector, split across the cores. Above it, a search first ranks all vectors by the Hamming distance of
 * their 64-byte sign sketches (a randomised Hadamard rotation, see {@link SignCodes}), then scores the best
 * {@code max(minCandidates, 4 × limit, size / 32)} candidates exactly: results are then approximate, with the
 * recall measured by {@code SearchBenchmark}.
 *
 * <p>Thread-safe: searches run concurrently, writes are exclusive.
 */
public final class VectorIndex {

    /** Default collection size up to which every search is an exact scan. */
    public static final int DEFAULT_EXACT_LIMIT = 32_768;
    /** Default least number of coarse candidates scored exactly in a large index. */
    public static final int DEFAULT_MIN_CANDIDATES = 4_096;
    /** In a large index, at least this fraction (1/32, about 3 %) of the vectors are scored exactly. */
    private static final int CANDIDATE_DIVISOR = 32;

    private static final int CHUNKS_PER_TASK = 4;
    /** Sketch distances are cheap: more chunks a task, fewer histograms to allocate and add up. */
    private static final int SKETCH_CHUNKS_PER_TASK = 16;

    private final QuantizedVectors vectors;
    private final int exactLimit;
    private final int minCandidates;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Distance arrays of finished searches, one per search that ran at the same time (see borrowDistances). */
    private final Deque<short[]> spareDistances = new ConcurrentLinkedDeque<>();

    public VectorIndex(int dimension) {
        this(dimension, DEFAULT_EXACT_LIMIT, DEFAULT_MIN_CANDIDATES);
    }

    public VectorIndex(int dimension, int exactLimit, int minCandidates) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
        }
        this.vectors = new QuantizedVectors(dimension);
        this.exactLimit = exactLimit;
        this.minCandidates = minCandidates;
    }

    public int dimension() {
        return vectors.dimension;
    }

    public int exactLimit() {
        return exactLimit;
    }

    public int size() {
        lock.readLock().lock();
        try {
            return vectors.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Stores {@code vector} (any non-zero length; it is normalised) under {@code key}, replacing any previous one. */
    public void put(String key, float[] vector) {
        if (vector.length != vectors.dimension) {
            throw new IllegalArgumentException(
                    "vector has " + vector.length + " dimensions, the index " + vectors.dimension);
        }
        lock.writeLock().lock();
        try {
            vectors.put(key, vector);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean remove(String key) {
        lock.writeLock().lock();
        try {
            return vectors.remove(key);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The stored vector of {@code key} (dequantised, unit length), or null. */
    public float[] vector(String key) {
        lock.readLock().lock();
        try {
            Integer slot = vectors.slotOf(key);
            return slot == null ? null : vectors.vector(slot);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The stored vectors most similar to {@code query}, most similar first.
     *
     * @param minCosine  leave out vectors less similar than this
     * @param limit      at most this many results
     * @param excludeKey a key to leave out (the query's own), or null
     */
    public List<Match> search(float[] query, float minCosine, int limit, String excludeKey) {
        if (query.length != vectors.dimension) {
            throw new IllegalArgumentException(
                    "query has " + query.length + " dimensions, the index " + vectors.dimension);
        }
        Query q = new Query(query, vectors);
        int capacity = limit + (excludeKey == null ? 0 : 1);
        lock.readLock().lock();
        try {
            TopK top = vectors.size() <= exactLimit
                    ? exactScan(q, minCosine, capacity)
                    : rerank(q, coarseCandidates(q, candidates(capacity)), minCosine, capacity);
            return toMatches(top, excludeKey, limit);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many coarse candidates a large search scores exactly. */
    private int candidates(int capacity) {
        return Math.max(Math.max(minCandidates, 4 * capacity), vectors.size() / CANDIDATE_DIVISOR);
    }

    private TopK exactScan(Query q, float minCosine, int capacity) {
        int chunks = vectors.chunks();
        int tasks = Math.max(1, (chunks + CHUNKS_PER_TASK - 1) / CHUNKS_PER_TASK);
        IntStream range = IntStream.range(0, tasks);
        List<TopK> partial = (tasks > 1 ? range.parallel() : range)
                .mapToObj(t -> {
                    TopK top = new TopK(capacity);
                    for (int c = t * CHUNKS_PER_TASK; c < Math.min(chunks, (t + 1) * CHUNKS_PER_TASK); c++) {
                        scanChunk(q, c, minCosine, top);
                    }
                    return top;
                })
                .toList();
        TopK top = new TopK(capacity);
        partial.forEach(top::addAll);
        return top;
    }

    private void scanChunk(Query q, int chunk, float minCosine, TopK top) {
        byte[] codes = vectors.codes(chunk);
        float[] inverseNorms = vectors.inverseNorms(chunk);
        String[] keys = vectors.keys(chunk);
        int dimension = vectors.dimension;
        for (int i = 0; i < QuantizedVectors.CHUNK; i++) {
            if (keys[i] != null) {
                float cosine = dot(q.codes, codes, i * dimension) * q.inverseNorm * inverseNorms[i];
                if (cosine >= minCosine && cosine > top.floor()) {
                    top.offer(cosine, chunk * QuantizedVectors.CHUNK + i);
                }
            }
        }
    }

    private int[] coarseCandidates(Query q, int wanted) {
        int chunks = vectors.chunks();
        int slots = chunks * QuantizedVectors.CHUNK;
        short[] distances = borrowDistances(slots);
        try {
            return candidatesWithin(q, wanted, chunks, slots, distances);
        } finally {
            spareDistances.offerFirst(distances);
        }
    }

    /** The coarse stage over the first {@code slots} entries of {@code distances}, which may be longer. */
    private int[] candidatesWithin(Query q, int wanted, int chunks, int slots, short[] distances) {
        int words = vectors.words;
        int bits = words * 64;
        int tasks = (chunks + SKETCH_CHUNKS_PER_TASK - 1) / SKETCH_CHUNKS_PER_TASK;
        int[] histogram = IntStream.range(0, tasks)
                .parallel()
                .mapToObj(t -> {
                    int[] counts = new int[bits + 1];
                    for (int c = t * SKETCH_CHUNKS_PER_TASK;
                            c < Math.min(chunks, (t + 1) * SKETCH_CHUNKS_PER_TASK);
                            c++) {
                        long[] sketches = vectors.sketches(c);
                        String[] keys = vectors.keys(c);
                        for (int i = 0; i < QuantizedVectors.CHUNK; i++) {
                            int d = keys[i] == null ? Short.MAX_VALUE : distance(q.sketch, sketches, i * words, words);
                            distances[c * QuantizedVectors.CHUNK + i] = (short) d;
                            if (d <= bits) {
                                counts[d]++;
                            }
                        }
                    }
                    return counts;
                })
                .reduce(new int[bits + 1], VectorIndex::sum);
        int cutoff = 0;
        for (int seen = 0; cutoff < bits && seen + histogram[cutoff] < wanted; cutoff++) {
            seen += histogram[cutoff];
        }
        int[] candidates = new int[Math.min(slots, wanted + histogram[cutoff])];
        int count = 0;
        for (int slot = 0; slot < slots && count < candidates.length; slot++) {
            if (distances[slot] <= cutoff) {
                candidates[count++] = slot;
            }
        }
        return Arrays.copyOf(candidates, count);
    }

    /**
     * A distance array of at least {@code length} slots, reused across searches: at a million faces it takes 2 MB, which
     * G1 allocates as a humongous object, and one a search made the collector pause every few searches.
     */
    private short[] borrowDistances(int length) {
        short[] spare;
        while ((spare = spareDistances.pollFirst()) != null) {
            if (spare.length >= length) {
                return spare;
            }
        }
        return new short[length];
    }

    /** Hamming distance of two sketches; unrolled for the 8-word sketches of 512-d vectors. */
    private static int distance(long[] q, long[] sketches, int offset, int words) {
        if (words != 8) {
            return SignCodes.distance(q, 0, sketches, offset, words);
        }
        return Long.bitCount(q[0] ^ sketches[offset])
                + Long.bitCount(q[1] ^ sketches[offset + 1])
                + Long.bitCount(q[2] ^ sketches[offset + 2])
                + Long.bitCount(q[3] ^ sketches[offset + 3])
                + Long.bitCount(q[4] ^ sketches[offset + 4])
                + Long.bitCount(q[5] ^ sketches[offset + 5])
                + Long.bitCount(q[6] ^ sketches[offset + 6])
                + Long.bitCount(q[7] ^ sketches[offset + 7]);
    }

    private static int[] sum(int[] a, int[] b) {
        int[] total = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            total[i] = a[i] + b[i];
        }
        return total;
    }

    /** Scores the candidates exactly, in parallel slices. */
    private TopK rerank(Query q, int[] candidates, float minCosine, int capacity) {
        int slices = (candidates.length + QuantizedVectors.CHUNK - 1) / QuantizedVectors.CHUNK;
        List<TopK> partial = IntStream.range(0, slices)
                .parallel()
                .mapToObj(s -> {
                    TopK top = new TopK(capacity);
                    int dimension = vectors.dimension;
                    for (int k = s * QuantizedVectors.CHUNK;
                            k < Math.min(candidates.length, (s + 1) * QuantizedVectors.CHUNK);
                            k++) {
                        int chunk = candidates[k] / QuantizedVectors.CHUNK;
                        int i = candidates[k] % QuantizedVectors.CHUNK;
                        float cosine = dot(q.codes, vectors.codes(chunk), i * dimension)
                                * q.inverseNorm
                                * vectors.inverseNorms(chunk)[i];
                        if (cosine >= minCosine && cosine > top.floor()) {
                            top.offer(cosine, candidates[k]);
                        }
                    }
                    return top;
                })
                .toList();
        TopK top = new TopK(capacity);
        partial.forEach(top::addAll);
        return top;
    }

    private List<Match> toMatches(TopK top, String excludeKey, int limit) {
        List<Match> matches = new ArrayList<>(top.size());
        for (int i = 0; i < top.size(); i++) {
            String key = vectors.key(top.slot(i));
            if (!key.equals(excludeKey)) {
                matches.add(new Match(key, Math.min(1f, top.score(i))));
            }
        }
        matches.sort(Comparator.comparingDouble(Match::cosine).reversed().thenComparing(Match::key));
        return matches.size() > limit ? new ArrayList<>(matches.subList(0, limit)) : matches;
    }

    private static int dot(byte[] a, byte[] b, int offset) {
        int sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[offset + i];
        }
        return sum;
    }

    /** A query prepared like a stored vector. */
    private static final class Query {
        final byte[] codes;
        final float inverseNorm;
        final long[] sketch;

        Query(float[] vector, QuantizedVectors vectors) {
            codes = new byte[vectors.dimension];
            inverseNorm = Int8Quantization.quantize(vector, codes, 0);
            sketch = new long[vectors.words];
            vectors.signCodes.encode(vector, sketch, 0);
        }
    }
}
