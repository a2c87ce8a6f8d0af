package dev.facerec.functions.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One record of an S3 event notification, with the object key already form-decoded.
 *
 * @param eventName the S3 event name without the {@code s3:} prefix, e.g. {@code ObjectCreated:Put}
 * @param bucket    the bucket name
 * @param key       the decoded object key
 * @param size      the object size in bytes (0 for removals)
 * @param eTag      the entity tag without quotes, or {@code null}
 * @param versionId the version id, or {@code null} in an unversioned bucket
 * @param sequencer the S3 sequencer of this key's events, or {@code null} when the event has none
 * @param eventTime when S3 recorded the event, or {@code null} when the record has no time
 */
public record S3ObjectEvent(
        String eventName,
        String bucket,
        String key,
        long size,
        String eTag,
        String versionId,
        String sequencer,
        Instant eventTime) {

    /** An event without its time. */
    public S3ObjectEvent(
            String eventName, String bucket, String key, long size, String eTag, String versionId, String sequencer) {
        this(eventName, bucket, key, size, eTag, versionId, sequencer, null);
    }

    public S3ObjectEvent {
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    /** Whether the event reports a new object (put, post, copy, multipart upload). */
    public boolean isCreated() {
        return eventName.startsWith("ObjectCreated:");
    }

    /** Whether the event reports a deletion (a permanent delete or a delete marker). */
    public boolean isRemoved() {
        return eventName.startsWith("ObjectRemoved:");
    }

    /** Whether the event is the delete marker of a versioned bucket (the object's versions stay). */
    public boolean isDeleteMarker() {
        return "ObjectRemoved:DeleteMarkerCreated".equals(eventName);
    }

    /** The sequencer normalised for comparison (see {@link Sequencer}). */
    public String orderingKey() {
        return Sequencer.normalize(sequencer);
    }

    /** What identifies this object's content: the version id when there is one, else the ETag. */
    public String contentIdentity() {
        if (versionId != null && !versionId.isEmpty()) {
            return "v:" + versionId;
        }
        return eTag == null ? "-" : "e:" + eTag;
    }
}
