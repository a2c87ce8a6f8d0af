package dev.facerec.engine.rekognition.bench;

import dev.facerec.engine.analysis.CalibratedSimilarityScale;
import dev.facerec.engine.search.Match;
import dev.facerec.engine.search.VectorIndex;
import dev.facerec.engine.search.Vectors;
import dev.facerec.engine.store.CollectionInfo;
import dev.facerec.engine.store.CollectionStore;
import dev.facerec.engine.store.FaceBox;
import dev.facerec.engine.store.NewFace;
import dev.facerec.engine.store.Page;
import dev.facerec.engine.store.SearchSettings;
import dev.facerec.engine.store.StoredCollection;
import dev.facerec.engine.store.StoredFace;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Search latency against collection size, on synthetic 512-d vectors spread like face embeddings
 * ({@link Vectors#faceLike}: unrelated ones at cosine 0 ± 0.10) in a persisted collection. Each query has one planted
 * face between the threshold and 0.25 above it (a same-person match). For each size: the time to index the faces
 * (journal writes included, generating the vectors not), heap in use, p50/p99/max latency of the searches
 * (threshold: the cosine of 80 % similarity on the engine's scale, 10 results; second of two rounds), the process CPU time a search costs (all cores: what
 * counts when other work shares the machine), the garbage collections during that round and their milliseconds, disk use, the time to load the collection again, and, above the
 * exact-scan limit, the recall of the two-stage search against an exact scan of the same vectors: the share of the
 * exact matches it returns, and how often its best match is the exact one (over the queries that have a match).
 * A third argument {@code exact} forces the exact scan at every size. Prints figures; asserts nothing. Command in
 * docs/rekognition-compatibility.md.
 */
public final class SearchBenchmark {

    private static final int DIMENSION = 512;
    private static final int BATCH = 1_000;
    /** Rekognition's default FaceMatchThreshold, 80 %, on the engine's calibrated scale. */
    private static final float MIN_COSINE = CalibratedSimilarityScale.DEFAULT.toCosine(80f);

    private static final int LIMIT = 10;

    private SearchBenchmark() {}

    public static void main(String[] args) throws IOException {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000,1000000").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        SearchSettings settings = args.length > 2 && args[2].equals("exact")
                ? new SearchSettings(Integer.MAX_VALUE, VectorIndex.DEFAULT_MIN_CANDIDATES)
                : SearchSettings.DEFAULT;
        System.out.printf(
                "Search benchmark: %d-d face-like vectors, %d queries a size, threshold cosine %.2f, %d cores, "
                        + "max heap %d MB, exact scan up to %d faces%n",
                DIMENSION,
                queries,
                MIN_COSINE,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                settings.exactLimit());
        System.out.printf(
                "%9s %8s %8s %8s %8s %8s %8s %8s %8s %8s %8s %9s%n",
                "faces",
                "index s",
                "heap MB",
                "p50 ms",
                "p99 ms",
                "max ms",
                "CPU ms",
                "GCs/ms",
                "disk MB",
                "load s",
                "recall",
                "top-1 ok");
        for (int size : sizes) {
            run(size, queries, settings);
        }
    }

    private static void run(int size, int queries, SearchSettings settings) throws IOException {
        Path dir = Files.createTempDirectory("search-bench");
        Random random = new Random(size);
        float[][] query = new float[queries][];
        boolean approximate = size > settings.exactLimit();
        long indexNanos = 0;
        try (CollectionStore store = CollectionStore.open(dir, settings)) {
            StoredCollection collection = store.create(new CollectionInfo("bench", "arn", "bench", DIMENSION, 0))
                    .orElseThrow();
            List<NewFace> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < size; i++) {
                float[] vector;
                if (i < queries) {
                    query[i] = Vectors.faceLike(random, DIMENSION);
                    vector = Vectors.near(random, query[i], MIN_COSINE + 0.25 * random.nextDouble());
                } else {
                    vector = Vectors.faceLike(random, DIMENSION);
                }
                NewFace face = face(vector);
                batch.add(face);
                if (batch.size() == BATCH || i == size - 1) {
                    long t = System.nanoTime();
                    collection.addFaces(batch);
                    indexNanos += System.nanoTime() - t;
                    batch = new ArrayList<>(BATCH);
                }
            }
            long heap = usedHeapMb();
            VectorIndex exact = approximate ? exactCopy(collection) : null;
            long[] nanos = new long[queries];
            double cpuMillis = 0;
            GcTotals gc = new GcTotals(0, 0);
            for (int round = 0; round < 2; round++) {
                long cpuStart = processCpuNanos();
                GcTotals gcStart = GcTotals.now();
                for (int q = 0; q < queries; q++) {
                    long t = System.nanoTime();
                    collection.searchFaces(query[q], MIN_COSINE, LIMIT, null);
                    nanos[q] = System.nanoTime() - t;
                }
                cpuMillis = (processCpuNanos() - cpuStart) / 1e6 / queries;
                gc = GcTotals.now().minus(gcStart);
            }
            int expected = 0;
            int returned = 0;
            int topAgrees = 0;
            int withMatch = 0;
            for (int q = 0; exact != null && q < queries; q++) {
                List<String> found = collection.searchFaces(query[q], MIN_COSINE, LIMIT, null).stream()
                        .map(m -> m.face().faceId())
                        .toList();
                List<Match> truth = exact.search(query[q], MIN_COSINE, LIMIT, null);
                expected += truth.size();
                returned += (int)
                        truth.stream().filter(m -> found.contains(m.key())).count();
                withMatch += truth.isEmpty() ? 0 : 1;
                topAgrees += !truth.isEmpty()
                                && !found.isEmpty()
                                && truth.get(0).key().equals(found.get(0))
                        ? 1
                        : 0;
            }
            Arrays.sort(nanos);
            long disk = directorySize(dir) >> 20;
            store.close();
            long loadStart = System.nanoTime();
            try (CollectionStore reopened = CollectionStore.open(dir, settings)) {
                double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
                int loaded = reopened.find("bench").orElseThrow().faceCount();
                System.out.printf(
                        "%9d %8.1f %8d %8.1f %8.1f %8.1f %8.1f %8s %8d %8.1f %8s %9s%s%n",
                        size,
                        indexNanos / 1e9,
                        heap,
                        nanos[queries / 2] / 1e6,
                        nanos[(int) Math.ceil(queries * 0.99) - 1] / 1e6,
                        nanos[queries - 1] / 1e6,
                        cpuMillis,
                        gc.count() + "/" + gc.millis(),
                        disk,
                        loadSeconds,
                        approximate ? String.format("%.1f%%", 100.0 * returned / expected) : "exact",
                        approximate ? String.format("%.1f%%", 100.0 * topAgrees / withMatch) : "exact",
                        loaded == size ? "" : "  (LOADED " + loaded + ")");
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** The collection's stored vectors in an index that always scans exactly: the truth to measure recall on. */
    private static VectorIndex exactCopy(StoredCollection collection) {
        VectorIndex exact = new VectorIndex(DIMENSION, Integer.MAX_VALUE, 0);
        String after = null;
        for (Page<StoredFace> page = collection.faces(null, 10_000);
                !page.items().isEmpty();
                page = collection.faces(after, 10_000)) {
            for (StoredFace face : page.items()) {
                exact.put(face.faceId(), collection.faceVector(face.faceId()));
                after = face.faceId();
            }
        }
        return exact;
    }

    private static NewFace face(float[] vector) {
        return new NewFace(
                new StoredFace(
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(),
                        null,
                        new FaceBox(0.1f, 0.1f, 0.2f, 0.3f),
                        99.9f,
                        "bench",
                        null),
                vector);
    }

    /** Collections and the milliseconds they took, over all the JVM's collectors. */
    private record GcTotals(long count, long millis) {

        static GcTotals now() {
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, collector.getCollectionCount());
                millis += Math.max(0, collector.getCollectionTime());
            }
            return new GcTotals(count, millis);
        }

        GcTotals minus(GcTotals earlier) {
            return new GcTotals(count - earlier.count, millis - earlier.millis);
        }
    }

    /** CPU time of the whole process (all threads, the search's workers included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedHeapMb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    }

    private static long directorySize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
