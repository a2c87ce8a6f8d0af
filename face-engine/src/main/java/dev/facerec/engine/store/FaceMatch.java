package dev.facerec.engine.store;

/** A face found by a search, with its cosine similarity to the query. */
public record FaceMatch(StoredFace face, float cosine) {}
