package dev.facerec.twin.s3;

/**
 * A write or delete that the local S3 server performed, with what an S3 event notification carries.
 *
 * @param eventName  the S3 event name without {@code s3:}: {@code ObjectCreated:Put}, {@code ObjectCreated:Copy},
 *                   {@code ObjectCreated:CompleteMultipartUpload}, {@code ObjectRemoved:Delete} or
 *                   {@code ObjectRemoved:DeleteMarkerCreated}
 * @param bucket     the bucket
 * @param key        the object key (not encoded)
 * @param size       the object size in bytes (0 for removals)
 * @param eTag       the entity tag without quotes, or {@code null} for removals
 * @param versionId  the version id, or {@code null} when the bucket is not versioned
 * @param sequencer  upper-case hex, increasing with every change the server makes (across restarts too)
 */
public record ObjectChange(
        String eventName, String bucket, String key, long size, String eTag, String versionId, String sequencer) {

    public boolean isCreated() {
        return eventName.startsWith("ObjectCreated:");
    }
}
