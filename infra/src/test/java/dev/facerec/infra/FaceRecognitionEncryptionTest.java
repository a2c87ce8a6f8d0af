package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kms.Key;

/**
 * The customer managed key: the bucket, the table, every queue and every log group of the pipeline under it; the key
 * policy's statements for S3, CloudWatch Logs and EventBridge; the functions' uses of it; the default unchanged.
 */
class FaceRecognitionEncryptionTest {

    private static Template template;
    private static Map<String, Object> keyArn;

    @BeforeAll
    static void synthesize() {
        template = TestStacks.template(s -> new FaceRecognition(
                s,
                "Faces",
                FaceRecognitionProps.builder()
                        .createEncryptionKey(true)
                        .sightingsLog(SightingsLogOptions.builder()
                                .retention(Duration.days(7))
                                .build())
                        .identityApi(IdentityApiOptions.builder().build())
                        .build()));
        keyArn = Map.of("Fn::GetAtt", List.of(template.getResourceId("AWS::KMS::Key"), "Arn"));
    }

    @Test
    void construct_shouldCreateOneKeyWithRotation() {
        template.resourceCountIs("AWS::KMS::Key", 1);
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
        template.hasResource("AWS::KMS::Key", Map.of("DeletionPolicy", "Retain"));
    }

    @Test
    void construct_shouldEncryptTheBucketTableQueuesAndLogGroupsWithTheKey() {
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "BucketEncryption",
                        Map.of(
                                "ServerSideEncryptionConfiguration",
                                List.of(Map.of(
                                        "BucketKeyEnabled",
                                        true,
                                        "ServerSideEncryptionByDefault",
                                        Map.of("SSEAlgorithm", "aws:kms", "KMSMasterKeyID", keyArn)))),
                        "VersioningConfiguration",
                        Map.of("Status", "Enabled")));
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Map.of("SSESpecification", Map.of("SSEEnabled", true, "SSEType", "KMS", "KMSMasterKeyId", keyArn)));
        // every queue and log group of the pipeline (the stack's collection provider is shared and keeps its own)
        Map<String, Map<String, Object>> queues = template.findResources("AWS::SQS::Queue");
        assertThat(queues.entrySet())
                .filteredOn(e -> !e.getKey().startsWith(CollectionProvider.ID))
                .hasSize(4)
                .allSatisfy(e -> assertThat(properties(e.getValue()))
                        .containsEntry("KmsMasterKeyId", keyArn)
                        .doesNotContainKey("SqsManagedSseEnabled"));
        Map<String, Map<String, Object>> logGroups = template.findResources("AWS::Logs::LogGroup");
        assertThat(logGroups.entrySet())
                .filteredOn(e -> !e.getKey().startsWith(CollectionProvider.ID))
                .hasSize(7)
                .allSatisfy(e -> assertThat(properties(e.getValue())).containsEntry("KmsKeyId", keyArn));
    }

    @Test
    void keyPolicy_shouldLetS3LogsAndEventBridgeUseTheKey_forThisAccountOnly() {
        template.hasResourceProperties(
                "AWS::KMS::Key",
                Map.of(
                        "KeyPolicy",
                        Map.of(
                                "Statement",
                                Match.arrayWith(List.of(
                                        Match.objectLike(Map.of(
                                                "Sid",
                                                "AllowCloudWatchLogs",
                                                "Principal",
                                                Map.of(
                                                        "Service",
                                                        Map.of(
                                                                "Fn::Join",
                                                                List.of(
                                                                        "",
                                                                        List.of(
                                                                                "logs.",
                                                                                Map.of("Ref", "AWS::Region"),
                                                                                ".amazonaws.com")))),
                                                "Action",
                                                DataProtection.LOGS_ACTIONS,
                                                "Condition",
                                                Map.of(
                                                        "ArnLike",
                                                        Map.of(
                                                                "kms:EncryptionContext:aws:logs:arn",
                                                                TestStacks.regionalArn("logs", "log-group:*"))))),
                                        Match.objectLike(Map.of(
                                                "Sid",
                                                "AllowS3Notifications",
                                                "Principal",
                                                Map.of("Service", "s3.amazonaws.com"),
                                                "Action",
                                                DataProtection.S3_ACTIONS,
                                                "Condition",
                                                Map.of(
                                                        "StringEquals",
                                                        Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))))),
                                        Match.objectLike(Map.of(
                                                "Sid",
                                                "AllowEventBridgeDeadLetters",
                                                "Principal",
                                                Map.of("Service", "events.amazonaws.com"),
                                                "Action",
                                                DataProtection.EVENTS_ACTIONS,
                                                "Condition",
                                                Map.of(
                                                        "ArnLike",
                                                        Map.of(
                                                                "aws:SourceArn",
                                                                TestStacks.regionalArn("events", "rule/*")),
                                                        "StringEquals",
                                                        Map.of(
                                                                "aws:SourceAccount",
                                                                Map.of("Ref", "AWS::AccountId"))))))))));
        // the account's root statement (CDK's default) and those three, nothing else
        List<?> statements = (List<?>) ((Map<?, ?>) properties(template.findResources("AWS::KMS::Key")
                                .values()
                                .iterator()
                                .next())
                        .get("KeyPolicy"))
                .get("Statement");
        assertThat(statements).hasSize(4);
    }

    @Test
    void functions_shouldGetTheUsesOfTheKeyTheirCallsNeed() {
        // enrolment: reads photos (Decrypt), writes rows (the table's write uses), reads its queue (Decrypt)
        TestStacks.hasPolicyStatement(
                template,
                Map.of(
                        "Action",
                        List.of("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"),
                        "Resource",
                        keyArn));
        // recognition writes results: a data key for SSE-KMS
        TestStacks.hasPolicyStatement(template, Map.of("Action", "kms:GenerateDataKey", "Resource", keyArn));
        // the sightings log's functions send failed invocations to the failure queue under the key
        TestStacks.hasPolicyStatement(
                template, Map.of("Action", List.of("kms:GenerateDataKey", "kms:Decrypt"), "Resource", keyArn));
        // the sightings search only reads rows
        TestStacks.hasPolicyStatement(
                template, Map.of("Action", List.of("kms:Decrypt", "kms:DescribeKey"), "Resource", keyArn));
    }

    @Test
    void construct_shouldAddTheStatementsToAGivenKey_andCreateNone() {
        Template given = TestStacks.template(s -> new FaceRecognition(
                s,
                "Faces",
                FaceRecognitionProps.builder()
                        .encryptionKey(Key.Builder.create(s, "Key")
                                .enableKeyRotation(true)
                                .build())
                        .build()));
        given.resourceCountIs("AWS::KMS::Key", 1);
        Map<String, Object> arn = Map.of("Fn::GetAtt", List.of(given.getResourceId("AWS::KMS::Key"), "Arn"));
        assertThat(given.getResourceId("AWS::KMS::Key")).startsWith("Key");
        given.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Map.of("SSESpecification", Map.of("SSEEnabled", true, "SSEType", "KMS", "KMSMasterKeyId", arn)));
        given.hasResourceProperties(
                "AWS::KMS::Key",
                Map.of(
                        "KeyPolicy",
                        Map.of(
                                "Statement",
                                Match.arrayWith(List.of(
                                        Match.objectLike(Map.of("Sid", "AllowCloudWatchLogs")),
                                        Match.objectLike(Map.of("Sid", "AllowS3Notifications")))))));
    }

    @Test
    void construct_shouldKeepAwsManagedEncryption_byDefault() {
        Template defaults = TestStacks.defaultTemplate();
        defaults.resourceCountIs("AWS::KMS::Key", 0);
        defaults.allResourcesProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true));
        defaults.hasResourceProperties("AWS::DynamoDB::Table", Map.of("SSESpecification", Map.of("SSEEnabled", true)));
        assertThat(defaults.toJSON().toString()).doesNotContain("KmsKeyId", "KMSMasterKeyID");
    }

    @Test
    void props_shouldRefuseAGivenKeyAndACreatedOne() {
        assertThatThrownBy(() -> TestStacks.stack(s -> new FaceRecognition(
                        s,
                        "Faces",
                        FaceRecognitionProps.builder()
                                .encryptionKey(Key.Builder.create(s, "Key").build())
                                .createEncryptionKey(true)
                                .build())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encryptionKey and createEncryptionKey cannot both be set");
    }

    @Test
    void suppressions_shouldNotCoverTheKmsFindings_withTheKey() {
        // GIVEN the suppressed rules of the pipeline's resources (the stack's collection provider keeps its own)
        Map<String, List<String>> suppressed = new java.util.HashMap<>();
        ((Map<?, ?>) template.toJSON().get("Resources")).forEach((id, resource) -> {
            Object metadata = ((Map<?, ?>) resource).get("Metadata");
            if (!((String) id).startsWith(CollectionProvider.ID)
                    && metadata instanceof Map<?, ?> map
                    && map.get("cdk_nag") instanceof Map<?, ?> nag) {
                suppressed.put(
                        (String) id,
                        ((List<?>) nag.get("rules_to_suppress"))
                                .stream()
                                        .map(rule -> (String) ((Map<?, ?>) rule).get("id"))
                                        .toList());
            }
        });

        // THEN the NIST findings about customer managed keys are closed, not suppressed (but on the access logs)
        String accessLogs = template.getResourceId(
                "AWS::S3::Bucket",
                Map.of("Properties", Match.objectLike(Map.of("VersioningConfiguration", Match.absent()))));
        assertThat(suppressed.values().stream().flatMap(List::stream))
                .doesNotContain(CompliancePacks.NIST + "CloudWatchLogGroupEncrypted");
        assertThat(suppressed.entrySet())
                .filteredOn(e -> e.getValue().contains(CompliancePacks.NIST + "S3DefaultEncryptionKMS"))
                .extracting(Map.Entry::getKey)
                .containsExactly(accessLogs);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
