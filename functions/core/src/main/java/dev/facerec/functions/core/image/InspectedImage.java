package dev.facerec.functions.core.image;

import java.util.Map;

/**
 * An object that passed the image checks.
 *
 * @param header   format, dimensions and orientation from the header
 * @param size     size in bytes
 * @param metadata the object's user metadata, keys in lower case without {@code x-amz-meta-}
 */
public record InspectedImage(ImageHeader header, long size, Map<String, String> metadata) {}
