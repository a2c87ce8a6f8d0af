package dev.facerec.functions.index;

/** Attribute names of the person and face rows (see docs/functions.md, "What is recorded"). */
final class FaceRowAttributes {

    static final String PERSON_ID = "personId";
    static final String USER_ID = "userId";
    static final String DISPLAY_NAME = "displayName";
    static final String LISTS = "lists";
    static final String FACE_COUNT = "faceCount";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String FACE_ID = "faceId";
    static final String IMAGE_ID = "imageId";
    static final String EXTERNAL_IMAGE_ID = "externalImageId";
    static final String BOUNDING_BOX = "boundingBox";
    static final String CONFIDENCE = "confidence";
    static final String FACE_MODEL_VERSION = "faceModelVersion";
    static final String SOURCE_BUCKET = "sourceBucket";
    static final String SOURCE_KEY = "sourceKey";
    static final String SOURCE_VERSION_ID = "sourceVersionId";
    static final String SOURCE_ETAG = "sourceETag";
    static final String INDEXED_AT = "indexedAt";

    private FaceRowAttributes() {}
}
