package dev.facerec.local.rekognition.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorIndexTest {

  private static final int DIMENSION = 512;

  private final Random random = new Random(7);
  private final VectorIndex index = new VectorIndex(DIMENSION);

  @Test
  void search_shouldRankByCosine_whenScanningExactly() {
    // GIVEN a query and stored vectors at known cosines to it, among random ones
    float[] query = Vectors.random(random, DIMENSION);
    index.put("far", Vectors.near(random, query, 0.2));
    index.put("close", Vectors.near(random, query, 0.9));
    index.put("middle", Vectors.near(random, query, 0.6));
    for (int i = 0; i < 500; i++) {
      index.put("noise-" + i, Vectors.random(random, DIMENSION));
    }

    // WHEN searching for everything above 0.5
    List<Match> matches = index.search(query, 0.5f, 10, null);

    // THEN the two close ones come, most similar first, with their cosines
    assertThat(matches).extracting(Match::key).containsExactly("close", "middle");
    assertThat(matches.get(0).cosine()).isCloseTo(0.9f, within(0.01f));
    assertThat(matches.get(1).cosine()).isCloseTo(0.6f, within(0.01f));
  }

  @Test
  void search_shouldStopAtLimitAndLeaveOutExcludedKey() {
    // GIVEN ten vectors close to the query and the query itself stored
    float[] query = Vectors.random(random, DIMENSION);
    index.put("self", query);
    for (int i = 0; i < 10; i++) {
      index.put("near-" + i, Vectors.near(random, query, 0.5 + i * 0.04));
    }

    // WHEN asking for three, leaving out the query's own key
    List<Match> matches = index.search(query, -1f, 3, "self");

    // THEN the three closest others come
    assertThat(matches).extracting(Match::key).containsExactly("near-9", "near-8", "near-7");
  }

  @Test
  void remove_shouldDropVector_andReuseItsSlot() {
    // GIVEN an index with two vectors
    float[] a = Vectors.random(random, DIMENSION);
    index.put("a", a);
    index.put("b", Vectors.random(random, DIMENSION));

    // WHEN one is removed and another added
    boolean removed = index.remove("a");
    index.put("c", a);

    // THEN search finds the new one, not the removed one
    assertThat(removed).isTrue();
    assertThat(index.remove("a")).isFalse();
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.search(a, 0.9f, 5, null)).extracting(Match::key).containsExactly("c");
    assertThat(index.vector("a")).isNull();
  }

  @Test
  void vector_shouldKeepCosineWithinQuantisationError() {
    // GIVEN a stored vector
    float[] original = Vectors.random(random, DIMENSION);
    index.put("v", original);

    // WHEN it is read back
    float[] stored = index.vector("v");

    // THEN it is the same direction within int8 precision, and unit length
    assertThat(Vectors.cosine(original, stored)).isGreaterThan(0.9995f);
    assertThat(Vectors.cosine(stored, stored)).isCloseTo(1f, within(1e-4f));
  }

  @Test
  void search_shouldFindPlantedNeighbours_whenCollectionIsAboveExactLimit() {
    // GIVEN 30 000 random vectors and 50 queries, each with one neighbour at cosine 0.35–0.6 in the index, and an
    // exact limit low enough that the coarse stage runs
    VectorIndex large = new VectorIndex(DIMENSION, 1_000, 256);
    for (int i = 0; i < 30_000; i++) {
      large.put("noise-" + i, Vectors.random(random, DIMENSION));
    }
    float[][] queries = new float[50][];
    for (int q = 0; q < queries.length; q++) {
      queries[q] = Vectors.random(random, DIMENSION);
      large.put("planted-" + q, Vectors.near(random, queries[q], 0.35 + 0.005 * q));
    }

    // WHEN each query is searched with a threshold of 0.3
    int found = 0;
    for (int q = 0; q < queries.length; q++) {
      List<Match> matches = large.search(queries[q], 0.3f, 5, null);
      if (!matches.isEmpty() && matches.get(0).key().equals("planted-" + q)) {
        found++;
      }
    }

    // THEN every planted neighbour is found first
    assertThat(found).isEqualTo(queries.length);
  }
}
