package dev.facerec.functions.recognize;

import software.amazon.awssdk.services.rekognition.model.FaceDetail;

/**
 * One face of a photo: what DetectFaces measured and who it is.
 *
 * @param detail      DetectFaces' description (all attributes)
 * @param identity    the search outcome
 * @param displayName the person's display name, when identified and known
 */
public record RecognizedFace(FaceDetail detail, Identity identity, String displayName) {}
