package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The stack with every default: each resource and each secure default of the construct. */
class FaceRecognitionTemplateTest {

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = TestStacks.defaultTemplate();
    }

    @Test
    void bucket_shouldBeEncryptedPrivateVersionedAndLogged_whenCreatedByTheConstruct() {
        template.hasResource(
                "AWS::S3::Bucket",
                Map.of(
                        "Properties",
                                Match.objectLike(Map.of(
                                        "BucketEncryption",
                                                Map.of(
                                                        "ServerSideEncryptionConfiguration",
                                                        List.of(Map.of(
                                                                "ServerSideEncryptionByDefault",
                                                                Map.of("SSEAlgorithm", "AES256")))),
                                        "PublicAccessBlockConfiguration",
                                                Map.of(
                                                        "BlockPublicAcls",
                                                        true,
                                                        "BlockPublicPolicy",
                                                        true,
                                                        "IgnorePublicAcls",
                                                        true,
                                                        "RestrictPublicBuckets",
                                                        true),
                                        "VersioningConfiguration", Map.of("Status", "Enabled"),
                                        "OwnershipControls",
                                                Map.of(
                                                        "Rules",
                                                        List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))),
                                        "LoggingConfiguration",
                                                Map.of(
                                                        "DestinationBucketName",
                                                        Map.of("Ref", Match.stringLikeRegexp("^FacesAccessLogs")),
                                                        "LogFilePrefix",
                                                        "photos/"))),
                        "DeletionPolicy", "Retain",
                        "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void bucket_shouldExpireOldVersionsDeleteMarkersResultsAndRecognisedPhotos_whenCreatedByTheConstruct() {
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "LifecycleConfiguration",
                        Map.of(
                                "Rules",
                                List.of(
                                        Map.of(
                                                "Id",
                                                "ExpireOldVersions",
                                                "Status",
                                                "Enabled",
                                                "NoncurrentVersionExpiration",
                                                Map.of("NoncurrentDays", 30),
                                                "AbortIncompleteMultipartUpload",
                                                Map.of("DaysAfterInitiation", 1)),
                                        Map.of(
                                                "Id",
                                                "RemoveExpiredDeleteMarkers",
                                                "Status",
                                                "Enabled",
                                                "ExpiredObjectDeleteMarker",
                                                true),
                                        Map.of(
                                                "Id",
                                                "ExpireResults",
                                                "Status",
                                                "Enabled",
                                                "Prefix",
                                                "results/",
                                                "ExpirationInDays",
                                                30),
                                        Map.of(
                                                "Id",
                                                "ExpireRecognizedPhotos",
                                                "Status",
                                                "Enabled",
                                                "Prefix",
                                                "recognize/",
                                                "ExpirationInDays",
                                                30)))));
    }

    @Test
    void bucketPolicies_shouldDenyPlainHttpAndOldTls_onBothBuckets() {
        Map<String, Map<String, Object>> policies = template.findResources(
                "AWS::S3::BucketPolicy",
                Map.of(
                        "Properties",
                        Match.objectLike(Map.of(
                                "PolicyDocument",
                                Match.objectLike(Map.of(
                                        "Statement",
                                        Match.arrayWith(List.of(
                                                Match.objectLike(Map.of(
                                                        "Effect",
                                                        "Deny",
                                                        "Action",
                                                        "s3:*",
                                                        "Condition",
                                                        Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                                                Match.objectLike(Map.of(
                                                        "Effect",
                                                        "Deny",
                                                        "Action",
                                                        "s3:*",
                                                        "Condition",
                                                        Map.of(
                                                                "NumericLessThan",
                                                                Map.of("s3:TlsVersion", 1.2))))))))))));
        assertThat(policies).hasSize(2);
    }

    @Test
    void accessLogBucket_shouldBeEncryptedPrivateAndExpiring() {
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "BucketEncryption", Match.anyValue(),
                        "PublicAccessBlockConfiguration", Match.objectLike(Map.of("BlockPublicPolicy", true)),
                        "LoggingConfiguration", Match.absent(),
                        "LifecycleConfiguration",
                                Map.of(
                                        "Rules",
                                        List.of(Map.of(
                                                "Id",
                                                "ExpireAccessLogs",
                                                "Status",
                                                "Enabled",
                                                "ExpirationInDays",
                                                90)))));
        template.resourceCountIs("AWS::S3::Bucket", 2);
    }

    @Test
    void table_shouldHaveKeysIndexTtlOnDemandAndPointInTimeRecovery() {
        template.hasResource(
                "AWS::DynamoDB::Table",
                Map.of(
                        "Properties",
                                Map.of(
                                        "KeySchema",
                                                List.of(
                                                        Map.of("AttributeName", "pk", "KeyType", "HASH"),
                                                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                                        "AttributeDefinitions",
                                                List.of(
                                                        Map.of("AttributeName", "pk", "AttributeType", "S"),
                                                        Map.of("AttributeName", "sk", "AttributeType", "S"),
                                                        Map.of("AttributeName", "gsi1pk", "AttributeType", "S"),
                                                        Map.of("AttributeName", "gsi1sk", "AttributeType", "S"),
                                                        Map.of(
                                                                "AttributeName",
                                                                "interactionMonth",
                                                                "AttributeType",
                                                                "S"),
                                                        Map.of(
                                                                "AttributeName",
                                                                "lastInteractionAt",
                                                                "AttributeType",
                                                                "N")),
                                        "BillingMode", "PAY_PER_REQUEST",
                                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                                        "TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true),
                                        "SSESpecification", Map.of("SSEEnabled", true),
                                        "DeletionProtectionEnabled", true,
                                        "GlobalSecondaryIndexes",
                                                List.of(
                                                        Map.of(
                                                                "IndexName", "gsi1",
                                                                "KeySchema",
                                                                        List.of(
                                                                                Map.of(
                                                                                        "AttributeName",
                                                                                        "gsi1pk",
                                                                                        "KeyType",
                                                                                        "HASH"),
                                                                                Map.of(
                                                                                        "AttributeName",
                                                                                        "gsi1sk",
                                                                                        "KeyType",
                                                                                        "RANGE")),
                                                                "Projection", Map.of("ProjectionType", "ALL")),
                                                        Map.of(
                                                                "IndexName", "retention",
                                                                "KeySchema",
                                                                        List.of(
                                                                                Map.of(
                                                                                        "AttributeName",
                                                                                        "interactionMonth",
                                                                                        "KeyType",
                                                                                        "HASH"),
                                                                                Map.of(
                                                                                        "AttributeName",
                                                                                        "lastInteractionAt",
                                                                                        "KeyType",
                                                                                        "RANGE")),
                                                                "Projection",
                                                                        Map.of(
                                                                                "ProjectionType",
                                                                                "INCLUDE",
                                                                                "NonKeyAttributes",
                                                                                List.of("personId", "tenant"))))),
                        "DeletionPolicy", "Retain",
                        "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void collection_shouldBeACustomResourceOfTheProviderFunction_retainedByDefault() {
        String provider =
                TestStacks.logicalId(template, "AWS::Lambda::Function", Map.of("Handler", CollectionProvider.HANDLER));
        template.hasResource(
                FaceCollection.RESOURCE_TYPE,
                Map.of(
                        "Properties",
                                Map.of(
                                        "ServiceToken", Map.of("Fn::GetAtt", List.of(provider, "Arn")),
                                        "CollectionId", "FaceRecognition-Faces-Collection-75ED4CDD",
                                        "RemovalPolicy", "retain"),
                        "DeletionPolicy", "Retain",
                        "UpdateReplacePolicy", "Retain"));
        template.resourceCountIs(FaceCollection.RESOURCE_TYPE, 1);
    }

    @Test
    void functions_shouldRunJava21WithExplicitMemoryTimeoutJsonLogsAndNoTracing() {
        for (List<Object> expected : List.of(
                List.<Object>of(FaceRecognition.INDEX_HANDLER, 1024, 60),
                List.<Object>of(FaceRecognition.RECOGNIZE_HANDLER, 1024, 120),
                List.<Object>of(CollectionProvider.HANDLER, 512, 60))) {
            template.hasResourceProperties(
                    "AWS::Lambda::Function",
                    Map.of(
                            "Handler", expected.get(0),
                            "Runtime", "java21",
                            "Architectures", List.of("arm64"),
                            "MemorySize", expected.get(1),
                            "Timeout", expected.get(2),
                            "TracingConfig", Match.absent(),
                            "LoggingConfig",
                                    Map.of(
                                            "LogGroup",
                                            Map.of("Ref", Match.anyValue()),
                                            "LogFormat",
                                            "JSON",
                                            "ApplicationLogLevel",
                                            "INFO",
                                            "SystemLogLevel",
                                            "INFO"),
                            "Environment",
                                    Map.of(
                                            "Variables",
                                            Match.objectLike(Map.of(
                                                    "JAVA_TOOL_OPTIONS",
                                                    "-XX:+TieredCompilation -XX:TieredStopAtLevel=1")))));
        }
    }

    @Test
    void pipelineFunctions_shouldGetTheEnvironmentContract_andNoReservedConcurrency() {
        String table = template.getResourceId("AWS::DynamoDB::Table");
        String collection = template.getResourceId(FaceCollection.RESOURCE_TYPE);
        for (String handler : List.of(FaceRecognition.INDEX_HANDLER, FaceRecognition.RECOGNIZE_HANDLER)) {
            template.hasResourceProperties(
                    "AWS::Lambda::Function",
                    Map.of(
                            "Handler",
                            handler,
                            "ReservedConcurrentExecutions",
                            Match.absent(),
                            "Environment",
                            Map.of(
                                    "Variables",
                                    Map.of(
                                            "TABLE_NAME", Map.of("Ref", table),
                                            "COLLECTION_ID", Map.of("Ref", collection),
                                            "FACE_MATCH_THRESHOLD", "80",
                                            "ENROLL_PREFIX", "enroll/",
                                            "RECOGNIZE_PREFIX", "recognize/",
                                            "RESULTS_PREFIX", "results/",
                                            "RESULT_TTL_DAYS", "30",
                                            "REQUIRE_CONSENT", "true",
                                            "CONSENT_PREFIX", "consent/",
                                            "JAVA_TOOL_OPTIONS", SecureFunction.JAVA_TOOL_OPTIONS))));
        }
    }

    @Test
    void asyncFunctions_shouldRetryTwiceAndSendFailuresToAQueue_butNotTheQueueFedOnes() {
        String provider =
                TestStacks.logicalId(template, "AWS::Lambda::Function", Map.of("Handler", CollectionProvider.HANDLER));
        template.hasResourceProperties(
                "AWS::Lambda::EventInvokeConfig",
                Map.of(
                        "FunctionName",
                        Map.of("Ref", provider),
                        "MaximumRetryAttempts",
                        2,
                        "MaximumEventAgeInSeconds",
                        3600,
                        "DestinationConfig",
                        Map.of(
                                "OnFailure",
                                Map.of(
                                        "Destination",
                                        Map.of(
                                                "Fn::GetAtt",
                                                List.of(queue("FaceCollectionProviderFailedRequests"), "Arn"))))));
        // the retention schedule's function too, to the pipeline's failure queue
        String retention =
                TestStacks.logicalId(template, "AWS::Lambda::Function", Map.of("Handler", Retention.HANDLER));
        template.hasResourceProperties(
                "AWS::Lambda::EventInvokeConfig",
                Map.of(
                        "FunctionName",
                        Map.of("Ref", retention),
                        "MaximumRetryAttempts",
                        2,
                        "DestinationConfig",
                        Map.of(
                                "OnFailure",
                                Map.of(
                                        "Destination",
                                        Map.of("Fn::GetAtt", List.of(queue("FacesFailedEvents"), "Arn"))))));
        // the queue-fed functions are never invoked asynchronously: their retries come from their event queues
        template.resourceCountIs("AWS::Lambda::EventInvokeConfig", 2);
    }

    @Test
    void queues_shouldBeEncryptedTlsOnlyAndKeepMessagesFourteenDays() {
        // the provider's failed requests, the dead-letter queue, the two event queues, the failure queue
        template.resourceCountIs("AWS::SQS::Queue", 5);
        template.allResourcesProperties(
                "AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true, "MessageRetentionPeriod", 1209600));
        template.resourcePropertiesCountIs(
                "AWS::SQS::QueuePolicy",
                Map.of(
                        "PolicyDocument",
                        Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Effect",
                                        "Deny",
                                        "Action",
                                        "sqs:*",
                                        "Condition",
                                        Map.of("Bool", Map.of("aws:SecureTransport", "false")))))),
                                "Version",
                                "2012-10-17")),
                5);
    }

    @Test
    void logGroups_shouldKeepLogsOneMonth_onePerFunction() {
        template.resourceCountIs("AWS::Logs::LogGroup", 4);
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
        for (String handler :
                List.of(FaceRecognition.INDEX_HANDLER, FaceRecognition.RECOGNIZE_HANDLER, CollectionProvider.HANDLER)) {
            Map<String, Object> function = properties("AWS::Lambda::Function", Map.of("Handler", handler));
            Object logGroup = ((Map<?, ?>) ((Map<?, ?>) function.get("LoggingConfig")).get("LogGroup")).get("Ref");
            assertThat(template.findResources("AWS::Logs::LogGroup")).containsKey((String) logGroup);
        }
    }

    @Test
    void notifications_shouldSendEnrolmentCreatesAndRemovesAndRecognitionCreates_toTheQueues_withoutSuffixFilter() {
        String index = queue("FacesEventsIndexEvents");
        String recognize = queue("FacesEventsRecognizeEvents");
        template.hasResourceProperties(
                "Custom::S3BucketNotifications",
                Map.of(
                        "BucketName",
                                Map.of(
                                        "Ref",
                                        template.getResourceId(
                                                "AWS::S3::Bucket",
                                                Map.of(
                                                        "Properties",
                                                        Match.objectLike(
                                                                Map.of("VersioningConfiguration", Match.anyValue()))))),
                        "NotificationConfiguration",
                                Map.of(
                                        "QueueConfigurations",
                                        List.of(
                                                notification("s3:ObjectCreated:*", "enroll/", index),
                                                notification("s3:ObjectRemoved:*", "enroll/", index),
                                                notification("s3:ObjectCreated:*", "consent/", index),
                                                notification("s3:ObjectRemoved:*", "consent/", index),
                                                notification("s3:ObjectCreated:*", "recognize/", recognize))),
                        "Managed", true));
        template.resourcePropertiesCountIs("AWS::Lambda::Permission", Map.of("Principal", "s3.amazonaws.com"), 0);
    }

    @Test
    void outputs_shouldNameWhatAClientNeeds() {
        assertThat(template.findOutputs("*").keySet())
                .containsExactlyInAnyOrder(
                        "BucketName",
                        "EnrollPrefix",
                        "RecognizePrefix",
                        "ResultsPrefix",
                        "ConsentPrefix",
                        "TableName",
                        "CollectionId",
                        "CollectionArn",
                        "FaceModelVersion",
                        "DeadLetterQueueUrl",
                        "IndexQueueUrl",
                        "RecognizeQueueUrl",
                        "IndexFunctionName",
                        "RecognizeFunctionName");
        String collection = template.getResourceId(FaceCollection.RESOURCE_TYPE);
        Map<String, Object> values = Map.ofEntries(
                Map.entry(
                        "BucketName",
                        Map.of(
                                "Ref",
                                template.getResourceId(
                                        "AWS::S3::Bucket",
                                        Map.of(
                                                "Properties",
                                                Match.objectLike(
                                                        Map.of("VersioningConfiguration", Match.anyValue())))))),
                Map.entry("EnrollPrefix", "enroll/"),
                Map.entry("RecognizePrefix", "recognize/"),
                Map.entry("ResultsPrefix", "results/"),
                Map.entry("ConsentPrefix", "consent/"),
                Map.entry("TableName", Map.of("Ref", template.getResourceId("AWS::DynamoDB::Table"))),
                Map.entry("CollectionId", Map.of("Ref", collection)),
                Map.entry("CollectionArn", Map.of("Fn::GetAtt", List.of(collection, "Arn"))),
                Map.entry("FaceModelVersion", Map.of("Fn::GetAtt", List.of(collection, "FaceModelVersion"))),
                Map.entry("DeadLetterQueueUrl", Map.of("Ref", queue("FacesEventsDeadLetters"))),
                Map.entry("IndexQueueUrl", Map.of("Ref", queue("FacesEventsIndexEvents"))),
                Map.entry("RecognizeQueueUrl", Map.of("Ref", queue("FacesEventsRecognizeEvents"))),
                Map.entry(
                        "IndexFunctionName",
                        Map.of(
                                "Ref",
                                TestStacks.logicalId(
                                        template,
                                        "AWS::Lambda::Function",
                                        Map.of("Handler", FaceRecognition.INDEX_HANDLER)))),
                Map.entry(
                        "RecognizeFunctionName",
                        Map.of(
                                "Ref",
                                TestStacks.logicalId(
                                        template,
                                        "AWS::Lambda::Function",
                                        Map.of("Handler", FaceRecognition.RECOGNIZE_HANDLER)))));
        values.forEach((output, value) -> template.hasOutput(output, Map.of("Value", value)));
    }

    private static Map<String, Object> notification(String event, String prefix, String queue) {
        return Map.of(
                "Events", List.of(event),
                "Filter", Map.of("Key", Map.of("FilterRules", List.of(Map.of("Name", "prefix", "Value", prefix)))),
                "QueueArn", Map.of("Fn::GetAtt", List.of(queue, "Arn")));
    }

    private static String queue(String logicalIdPrefix) {
        return template.findResources("AWS::SQS::Queue").keySet().stream()
                .filter(id -> id.startsWith(logicalIdPrefix))
                .findFirst()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(String type, Map<String, Object> like) {
        Map<String, Map<String, Object>> found =
                template.findResources(type, Map.of("Properties", Match.objectLike(like)));
        assertThat(found).hasSize(1);
        return (Map<String, Object>) found.values().iterator().next().get("Properties");
    }
}
