package dev.facerec.engine.store;

/** A user found by a search (its vector is the mean of its faces'), with its cosine similarity to the query. */
public record UserMatch(StoredUser user, float cosine) {}
