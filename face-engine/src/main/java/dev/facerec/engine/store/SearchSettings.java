package dev.facerec.engine.store;

import dev.facerec.engine.search.VectorIndex;

/**
 * How a collection's vector indexes search; see {@link VectorIndex}.
 *
 * @param exactLimit    collection size up to which a search scans every vector
 * @param minCandidates coarse candidates scored exactly above that size
 */
public record SearchSettings(int exactLimit, int minCandidates) {

    public static final SearchSettings DEFAULT =
            new SearchSettings(VectorIndex.DEFAULT_EXACT_LIMIT, VectorIndex.DEFAULT_MIN_CANDIDATES);
}
