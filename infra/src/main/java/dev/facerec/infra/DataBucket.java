package dev.facerec.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/** The photo bucket the construct creates when none is given, and its access-log bucket. */
final class DataBucket {

    /** How long S3 server access logs (which name object keys, and so person ids) are kept. */
    static final Duration ACCESS_LOG_RETENTION = Duration.days(90);
    /** Incomplete multipart uploads are parts of photos nobody can see or erase: drop them. */
    static final Duration INCOMPLETE_UPLOAD_EXPIRATION = Duration.days(1);

    private DataBucket() {}

    static Bucket create(Construct scope, ResolvedProps props) {
        Bucket accessLogs = Bucket.Builder.create(scope, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("ExpireAccessLogs")
                        .expiration(ACCESS_LOG_RETENTION)
                        .build()))
                .removalPolicy(props.removalPolicy())
                .build();
        NagSuppressions.add(
                accessLogs,
                "AwsSolutions-S1",
                "This is the access-log bucket of the photo bucket; logging its own accesses into itself would loop.");
        IKey key = DataProtection.keyOf(scope);
        Bucket bucket = Bucket.Builder.create(scope, "Bucket")
                .encryption(key == null ? BucketEncryption.S3_MANAGED : BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(key == null ? null : true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(true)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("photos/")
                .lifecycleRules(List.of(
                        LifecycleRule.builder()
                                .id("ExpireOldVersions")
                                .noncurrentVersionExpiration(props.noncurrentVersionExpiration())
                                .abortIncompleteMultipartUploadAfter(INCOMPLETE_UPLOAD_EXPIRATION)
                                .build(),
                        LifecycleRule.builder()
                                .id("RemoveExpiredDeleteMarkers")
                                .expiredObjectDeleteMarker(true)
                                .build(),
                        LifecycleRule.builder()
                                .id("ExpireResults")
                                .prefix(props.resultsPrefix())
                                .expiration(Duration.days(props.resultRetentionDays()))
                                .build(),
                        // Recognised photos show every face in them: kept as long as their results, no longer.
                        LifecycleRule.builder()
                                .id("ExpireRecognizedPhotos")
                                .prefix(props.recognizePrefix())
                                .expiration(Duration.days(props.resultRetentionDays()))
                                .build()))
                .removalPolicy(props.removalPolicy())
                .build();
        CompliancePacks.suppressBucketFindings(bucket, accessLogs, key != null);
        return bucket;
    }
}
