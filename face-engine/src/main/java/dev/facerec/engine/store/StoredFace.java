package dev.facerec.engine.store;

/**
 * A face indexed in a collection (Rekognition's {@code Face}). The identity vector is kept by the collection's
 * search index, not here.
 *
 * @param faceId                 UUID assigned at indexing
 * @param imageId                UUID of the IndexFaces call's input image
 * @param externalImageId        the caller's id for the image, or null
 * @param box                    bounding box in ratios of the image
 * @param confidence             detection confidence, 0–100
 * @param indexFacesModelVersion the face model version that produced the vector
 * @param userId                 the user the face is associated with, or null
 */
public record StoredFace(
        String faceId,
        String imageId,
        String externalImageId,
        FaceBox box,
        float confidence,
        String indexFacesModelVersion,
        String userId) {

    StoredFace withUserId(String newUserId) {
        return new StoredFace(faceId, imageId, externalImageId, box, confidence, indexFacesModelVersion, newUserId);
    }
}
