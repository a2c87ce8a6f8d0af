package dev.facerec.local.rekognition.bench;

import dev.facerec.local.rekognition.search.Vectors;
import dev.facerec.local.rekognition.store.CollectionInfo;
import dev.facerec.local.rekognition.store.CollectionStore;
import dev.facerec.local.rekognition.store.FaceBox;
import dev.facerec.local.rekognition.store.FaceMatch;
import dev.facerec.local.rekognition.store.NewFace;
import dev.facerec.local.rekognition.store.SearchSettings;
import dev.facerec.local.rekognition.store.StoredCollection;
import dev.facerec.local.rekognition.store.StoredFace;
import java.io.IOException;
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
 * Search latency against collection size, on synthetic 512-d vectors in a persisted collection. For each size:
 * the time to index the faces (journal writes included), heap in use, the p50/p99 latency of {@code queries}
 * searches, their recall (each query has one planted face at cosine 0.35–0.65 among random ones), and the time
 * to load the collection again from disk. Prints figures; asserts nothing. Command in
 * docs/rekognition-compatibility.md.
 */
public final class SearchBenchmark {

  private static final int DIMENSION = 512;
  private static final int BATCH = 1_000;
  private static final float MIN_COSINE = 0.30f;

  private SearchBenchmark() {}

  public static void main(String[] args) throws IOException {
    int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000,1000000").split(","))
        .mapToInt(Integer::parseInt).toArray();
    int queries = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    System.out.printf("Search benchmark: %d-d vectors, %d queries a size, %d cores, max heap %d MB, exact scan "
            + "up to %d faces%n", DIMENSION, queries, Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, SearchSettings.DEFAULT.exactLimit());
    System.out.printf("%10s %10s %9s %9s %9s %9s %8s %10s %9s%n", "faces", "index s", "heap MB", "p50 ms",
        "p99 ms", "max ms", "recall", "disk MB", "load s");
    for (int size : sizes) {
      run(size, queries);
    }
  }

  private static void run(int size, int queries) throws IOException {
    Path dir = Files.createTempDirectory("search-bench");
    Random random = new Random(size);
    float[][] query = new float[queries][];
    String[] planted = new String[queries];
    long start = System.nanoTime();
    try (CollectionStore store = CollectionStore.open(dir, SearchSettings.DEFAULT)) {
      StoredCollection collection = store.create(new CollectionInfo("bench", "arn", "bench", DIMENSION, 0))
          .orElseThrow();
      List<NewFace> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < size; i++) {
        float[] vector;
        if (i < queries) {
          query[i] = Vectors.random(random, DIMENSION);
          vector = Vectors.near(random, query[i], 0.35 + 0.3 * random.nextDouble());
        } else {
          vector = Vectors.random(random, DIMENSION);
        }
        NewFace face = face(vector);
        if (i < queries) {
          planted[i] = face.face().faceId();
        }
        batch.add(face);
        if (batch.size() == BATCH || i == size - 1) {
          collection.addFaces(batch);
          batch = new ArrayList<>(BATCH);
        }
      }
      double indexSeconds = (System.nanoTime() - start) / 1e9;
      long heap = usedHeapMb();
      long[] nanos = new long[queries];
      int found = 0;
      for (int round = 0; round < 2; round++) {
        found = 0;
        for (int q = 0; q < queries; q++) {
          long t = System.nanoTime();
          List<FaceMatch> matches = collection.searchFaces(query[q], MIN_COSINE, 10, null);
          nanos[q] = System.nanoTime() - t;
          String wanted = planted[q];
          if (matches.stream().anyMatch(m -> m.face().faceId().equals(wanted))) {
            found++;
          }
        }
      }
      Arrays.sort(nanos);
      long disk = directorySize(dir) >> 20;
      store.close();
      long loadStart = System.nanoTime();
      try (CollectionStore reopened = CollectionStore.open(dir, SearchSettings.DEFAULT)) {
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        int loaded = reopened.find("bench").orElseThrow().faceCount();
        System.out.printf("%10d %10.1f %9d %9.1f %9.1f %9.1f %7.1f%% %10d %9.1f%s%n", size, indexSeconds, heap,
            nanos[queries / 2] / 1e6, nanos[(int) Math.ceil(queries * 0.99) - 1] / 1e6, nanos[queries - 1] / 1e6,
            100.0 * found / queries, disk, loadSeconds, loaded == size ? "" : "  (LOADED " + loaded + ")");
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static NewFace face(float[] vector) {
    return new NewFace(new StoredFace(UUID.randomUUID().toString(), UUID.randomUUID().toString(), null,
        new FaceBox(0.1f, 0.1f, 0.2f, 0.3f), 99.9f, "bench", null), vector);
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
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
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
