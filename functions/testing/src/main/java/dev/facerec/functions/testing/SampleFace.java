package dev.facerec.functions.testing;

import software.amazon.awssdk.services.rekognition.model.BoundingBox;

/**
 * One face of a sample photo ({@link SampleFaces}).
 *
 * @param box  where it is in the photo (ratios)
 * @param crop the face with half its size of margin on every side, as a JPEG
 */
public record SampleFace(BoundingBox box, byte[] crop) {}
