package dev.facerec.functions.core.table;

/** Attribute names of the status row (see docs/functions.md). */
public final class StatusAttributes {

    public static final String STATUS = "status";
    public static final String KIND = "kind";
    public static final String BUCKET = "bucket";
    public static final String OBJECT_KEY = "objectKey";
    public static final String SEQUENCER = "seq";
    public static final String CONTENT = "content";
    public static final String EVENT_NAME = "eventName";
    public static final String LEASE_ID = "leaseId";
    public static final String LEASE_UNTIL = "leaseUntil";
    public static final String VERSION_ID = "versionId";
    public static final String ETAG = "eTag";
    public static final String SIZE = "size";
    public static final String REASON = "reason";
    public static final String DETAIL = "detail";
    public static final String ERROR_CODE = "errorCode";
    public static final String UPDATED_AT = "updatedAt";
    public static final String PERSON_ID = "personId";
    /** Faces in the Rekognition collection that came from this object (set as soon as IndexFaces returns). */
    public static final String INDEXED_FACE_IDS = "indexedFaceIds";
    /** Faces of this object that have face rows (set with them, in one transaction). */
    public static final String RECORDED_FACE_IDS = "recordedFaceIds";

    public static final String FACE_COUNT = "faceCount";
    public static final String RESULT_KEY = "resultKey";
    /**
     * A new random id with every write of a claim holder: a claim made with {@link ClaimCondition conditions} reads
     * the row first and writes only while the row is still at that revision.
     */
    public static final String REVISION = "rev";

    private StatusAttributes() {}
}
