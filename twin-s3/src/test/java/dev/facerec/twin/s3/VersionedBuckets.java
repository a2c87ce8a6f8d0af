package dev.facerec.twin.s3;

import software.amazon.awssdk.services.s3.S3Client;

/** Creates a bucket with versioning enabled, as the pipeline's bucket is. */
final class VersionedBuckets {

    private VersionedBuckets() {}

    static void create(S3Client s3, String bucket) {
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
    }
}
