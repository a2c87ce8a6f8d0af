package dev.facerec.local.rekognition.store;

/** A face found by a search, with its cosine similarity to the query. */
public record FaceMatch(StoredFace face, float cosine) {}
