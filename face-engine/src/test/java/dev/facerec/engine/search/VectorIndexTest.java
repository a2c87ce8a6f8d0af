package dev.facerec.engine.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    void search_shouldFindWhatAnExactScanFinds_whenCollectionIsAboveExactLimit() {
        // GIVEN 20 000 vectors spread like face embeddings, 50 queries each with one neighbour at cosine 0.35–0.6, in
        // an
        // index whose exact limit is low enough that the coarse stage runs, and in one that always scans exactly
        VectorIndex large = new VectorIndex(DIMENSION, 1_000, 256);
        VectorIndex exact = new VectorIndex(DIMENSION, Integer.MAX_VALUE, 256);
        float[][] queries = new float[50][];
        for (int i = 0; i < 20_000; i++) {
            float[] v;
            if (i < queries.length) {
                queries[i] = Vectors.faceLike(random, DIMENSION);
                v = Vectors.near(random, queries[i], 0.35 + 0.005 * i);
            } else {
                v = Vectors.faceLike(random, DIMENSION);
            }
            large.put("v" + i, v);
            exact.put("v" + i, v);
        }

        for (float[] query : queries) {
            // WHEN searching both with a threshold of 0.3
            List<Match> coarse = large.search(query, 0.3f, 3, null);
            List<Match> expected = exact.search(query, 0.3f, 3, null);

            // THEN the two-stage search finds the exact best match, and every match at cosine 0.4 or more (below that,
            // unrelated faces near the threshold may be missed)
            assertThat(expected).isNotEmpty();
            assertThat(coarse.get(0)).isEqualTo(expected.get(0));
            assertThat(coarse)
                    .containsAll(
                            expected.stream().filter(m -> m.cosine() >= 0.4f).toList());
        }
    }

    @Test
    void search_shouldGiveEachConcurrentSearchItsOwnResult_whenCollectionIsAboveExactLimit() throws Exception {
        // GIVEN 10 000 vectors in an index whose coarse stage runs, and 16 queries each planted near one of them,
        // with the result each gets alone
        VectorIndex large = new VectorIndex(DIMENSION, 1_000, 256);
        float[][] queries = new float[16][];
        for (int i = 0; i < 10_000; i++) {
            float[] v = Vectors.faceLike(random, DIMENSION);
            if (i < queries.length) {
                queries[i] = Vectors.faceLike(random, DIMENSION);
                v = Vectors.near(random, queries[i], 0.6);
            }
            large.put("v" + i, v);
        }
        List<List<Match>> alone = new ArrayList<>();
        for (float[] query : queries) {
            alone.add(large.search(query, 0.3f, 5, null));
        }

        // WHEN 4 threads run every query 25 times at once (each search reuses a distance array another one finished
        // with)
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(threads.submit(() -> {
                    for (int round = 0; round < 25; round++) {
                        for (int q = 0; q < queries.length; q++) {
                            if (!large.search(queries[q], 0.3f, 5, null).equals(alone.get(q))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }

            // THEN every concurrent search got the result of its own query
            for (Future<Boolean> run : runs) {
                assertThat(run.get(2, TimeUnit.MINUTES)).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(alone).allSatisfy(matches -> assertThat(matches).isNotEmpty());
    }

    @Test
    void search_shouldScanEveryVector_whenTheIndexGrewAfterEarlierSearches() {
        // GIVEN an index above its exact limit that has been searched, so a distance array of its size is kept
        VectorIndex large = new VectorIndex(DIMENSION, 1_000, 256);
        for (int i = 0; i < 5_000; i++) {
            large.put("v" + i, Vectors.faceLike(random, DIMENSION));
        }
        float[] query = Vectors.faceLike(random, DIMENSION);
        assertThat(large.search(query, 0.5f, 1, null)).isEmpty();

        // WHEN it grows by more than a chunk of slots, the last one added close to the query
        for (int i = 5_000; i < 12_000; i++) {
            large.put("v" + i, i == 11_999 ? Vectors.near(random, query, 0.9) : Vectors.faceLike(random, DIMENSION));
        }
        List<Match> found = large.search(query, 0.5f, 1, null);

        // THEN the new vector, beyond the kept array's length, is found
        assertThat(found).extracting(Match::key).containsExactly("v11999");
    }
}
