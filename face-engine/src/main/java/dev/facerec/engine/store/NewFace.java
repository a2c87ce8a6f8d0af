package dev.facerec.engine.store;

/**
 * A face to add to a collection: its metadata and its identity vector (unit length, the collection's dimension).
 */
public record NewFace(StoredFace face, float[] vector) {}
