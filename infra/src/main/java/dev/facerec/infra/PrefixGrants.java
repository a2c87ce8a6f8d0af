package dev.facerec.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * Object-level S3 grants under one key prefix, narrower than {@code IBucket.grantRead}/{@code grantPut} (no
 * {@code s3:List*}, no {@code s3:GetBucket*}, no ACL or retention actions). Each grant also records the one IAM5
 * finding its {@code <prefix>*} resource causes, with the reason.
 */
final class PrefixGrants {

    static final List<String> READ_ACTIONS = List.of("s3:GetObject", "s3:GetObjectVersion");
    static final List<String> WRITE_ACTIONS = List.of("s3:PutObject");
    static final List<String> ERASE_ACTIONS = List.of("s3:DeleteObject", "s3:DeleteObjectVersion");
    static final List<String> DELETE_VERSION_ACTIONS = List.of("s3:DeleteObjectVersion");

    private PrefixGrants() {}

    /** Read objects (and their versions) under {@code prefix}: Rekognition reads S3 with the caller's rights. */
    static Grant read(IBucket bucket, Role role, String prefix) {
        if (bucket.getEncryptionKey() != null) {
            bucket.getEncryptionKey().grant(role, "kms:Decrypt");
        }
        return grant(bucket, role, prefix, READ_ACTIONS);
    }

    /**
     * Write objects under {@code prefix}. Under SSE-KMS a single-request PutObject (all the functions make: results
     * are small) needs a data key only; multipart uploads, which would also need kms:Decrypt, are never made.
     */
    static Grant write(IBucket bucket, Role role, String prefix) {
        if (bucket.getEncryptionKey() != null) {
            bucket.getEncryptionKey().grant(role, "kms:GenerateDataKey");
        }
        return grant(bucket, role, prefix, WRITE_ACTIONS);
    }

    /**
     * Delete given versions of objects under {@code prefix} (by version id, so no listing): e.g. a version the role
     * wrote itself and replaced.
     */
    static Grant deleteVersions(IBucket bucket, Role role, String prefix) {
        return grant(bucket, role, prefix, DELETE_VERSION_ACTIONS);
    }

    /**
     * Erase everything under {@code prefix}: list its versions and delete markers (ListObjectVersions, authorised as
     * s3:ListBucketVersions on the bucket, limited to the prefix by the {@code s3:prefix} condition) and delete
     * each of them for good.
     */
    static Grant erase(IBucket bucket, Role role, String prefix) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:ListBucketVersions"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(prefix + "*"))))
                .build());
        return grant(bucket, role, prefix, ERASE_ACTIONS);
    }

    private static Grant grant(IBucket bucket, Role role, String prefix, List<String> actions) {
        Grant grant = Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(role)
                .actions(actions)
                .resourceArns(List.of(bucket.arnForObjects(prefix + "*")))
                .build());
        if (!Token.isUnresolved(prefix)) {
            NagSuppressions.add(
                    role.getNode().findChild("DefaultPolicy"),
                    "AwsSolutions-IAM5",
                    "Objects are addressed by key prefix: " + String.join(", ", actions) + " only on keys under '"
                            + prefix + "' of the photo bucket.",
                    NagSuppressions.regex("^Resource::.*/" + NagSuppressions.quote(prefix) + "\\*$"));
        }
        return grant;
    }
}
