package dev.facerec.twin.privacy;

/**
 * One place where an erased identifier still appears.
 *
 * @param store  the service: {@code s3}, {@code dynamodb}, {@code rekognition}, {@code sqs} or {@code logs}
 * @param where  the bucket/key (and version), table/key, collection, queue or file:line
 * @param what   what holds it (an object version, a delete marker, a document's content, an attribute, a face's
 *     ExternalImageId, a user, a message, a log line)
 */
public record Trace(String store, String where, String what) {

    @Override
    public String toString() {
        return store + "  " + where + "  (" + what + ")";
    }
}
