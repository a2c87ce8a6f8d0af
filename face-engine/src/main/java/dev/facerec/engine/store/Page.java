package dev.facerec.engine.store;

import java.util.List;

/**
 * One page of a sorted listing.
 *
 * @param items the page's items in key order
 * @param more  whether items follow the last one
 */
public record Page<T>(List<T> items, boolean more) {
    public Page {
        items = List.copyOf(items);
    }
}
