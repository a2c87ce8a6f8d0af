package dev.facerec.functions.testing;

/**
 * An object {@link FunctionServices} uploaded, with what its notification needs.
 *
 * @param key  the object key
 * @param eTag the ETag, without quotes
 * @param size the size in bytes
 */
public record Uploaded(String key, String eTag, long size) {}
