package dev.facerec.engine.search;

/**
 * One search result: the key of a stored vector and its cosine similarity to the query.
 *
 * @param key    the key the vector was stored under (a FaceId or a UserId)
 * @param cosine cosine similarity in [-1, 1], computed on the int8-quantised vectors
 */
public record Match(String key, float cosine) {}
