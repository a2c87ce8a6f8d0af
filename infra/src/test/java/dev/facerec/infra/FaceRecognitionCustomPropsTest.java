package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.RetentionDays;

/** Every prop set to something other than its default reaches the template, and the getters name the resources. */
class FaceRecognitionCustomPropsTest {

    private static Stack stack;
    private static FaceRecognition faces;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        stack = TestStacks.stack(s -> faces = new FaceRecognition(
                s,
                "Faces",
                FaceRecognitionProps.builder()
                        .collectionId("members")
                        .faceMatchThreshold(97.5)
                        .enrollPrefix("people/")
                        .recognizePrefix("inbox/")
                        .resultsPrefix("outbox/")
                        .maxConcurrency(5)
                        .reservedConcurrency(5)
                        .memorySize(2048)
                        .resultRetention(Duration.days(7))
                        .noncurrentVersionExpiration(Duration.days(10))
                        .logRetention(RetentionDays.ONE_WEEK)
                        .tracing(Tracing.ACTIVE)
                        .build()));
        template = Template.fromStack(stack);
    }

    @Test
    void functions_shouldGetTheCustomSettings() {
        for (String handler : List.of(FaceRecognition.INDEX_HANDLER, FaceRecognition.RECOGNIZE_HANDLER)) {
            template.hasResourceProperties(
                    "AWS::Lambda::Function",
                    Map.of(
                            "Handler",
                            handler,
                            "MemorySize",
                            2048,
                            "ReservedConcurrentExecutions",
                            5,
                            "Environment",
                            Map.of(
                                    "Variables",
                                    Match.objectLike(Map.of(
                                            "COLLECTION_ID",
                                                    Map.of("Ref", template.getResourceId(FaceCollection.RESOURCE_TYPE)),
                                            "FACE_MATCH_THRESHOLD", "97.5",
                                            "ENROLL_PREFIX", "people/",
                                            "RECOGNIZE_PREFIX", "inbox/",
                                            "RESULTS_PREFIX", "outbox/",
                                            "RESULT_TTL_DAYS", "7")))));
        }
        template.hasResourceProperties(FaceCollection.RESOURCE_TYPE, Map.of("CollectionId", "members"));
    }

    @Test
    void pipelineFunctions_shouldTraceAndMayPutTraces_whenTracingIsActive() {
        for (String handler : List.of(FaceRecognition.INDEX_HANDLER, FaceRecognition.RECOGNIZE_HANDLER)) {
            // GIVEN the functions of a construct with tracing ACTIVE (synthesized once above)
            Map<?, ?> function = (Map<?, ?>) template.findResources(
                            "AWS::Lambda::Function", Map.of("Properties", Match.objectLike(Map.of("Handler", handler))))
                    .values()
                    .iterator()
                    .next()
                    .get("Properties");
            String role = (String) ((List<?>) ((Map<?, ?>) function.get("Role")).get("Fn::GetAtt")).get(0);

            // WHEN / THEN each traces actively and its role may send X-Ray segments (actions without resources)
            assertThat(function.get("TracingConfig")).isEqualTo(Map.of("Mode", "Active"));
            template.hasResourceProperties(
                    "AWS::IAM::Policy",
                    Map.of(
                            "Roles", List.of(Map.of("Ref", role)),
                            "PolicyDocument",
                                    Map.of(
                                            "Statement",
                                            Match.arrayWith(List.of(Match.objectLike(Map.of(
                                                    "Action",
                                                    List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"),
                                                    "Resource",
                                                    "*")))))));
        }
        // AND the collection custom resource's function does not trace
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Map.of("Handler", CollectionProvider.HANDLER, "TracingConfig", Match.absent()));
    }

    @Test
    void bucket_shouldExpireResultsAndOldVersionsAsConfigured() {
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "LifecycleConfiguration",
                        Map.of(
                                "Rules",
                                Match.arrayWith(List.of(
                                        Match.objectLike(Map.of(
                                                "Id",
                                                "ExpireOldVersions",
                                                "NoncurrentVersionExpiration",
                                                Map.of("NoncurrentDays", 10))),
                                        Map.of(
                                                "Id",
                                                "ExpireResults",
                                                "Status",
                                                "Enabled",
                                                "Prefix",
                                                "outbox/",
                                                "ExpirationInDays",
                                                7),
                                        Map.of(
                                                "Id",
                                                "ExpireRecognizedPhotos",
                                                "Status",
                                                "Enabled",
                                                "Prefix",
                                                "inbox/",
                                                "ExpirationInDays",
                                                7))))));
    }

    @Test
    void pipelineLogGroups_shouldKeepLogsAsConfigured() {
        for (String handler : List.of(FaceRecognition.INDEX_HANDLER, FaceRecognition.RECOGNIZE_HANDLER)) {
            Map<?, ?> function = (Map<?, ?>) template.findResources(
                            "AWS::Lambda::Function", Map.of("Properties", Match.objectLike(Map.of("Handler", handler))))
                    .values()
                    .iterator()
                    .next()
                    .get("Properties");
            Object logGroup = ((Map<?, ?>) ((Map<?, ?>) function.get("LoggingConfig")).get("LogGroup")).get("Ref");
            assertThat(template.findResources("AWS::Logs::LogGroup").get((String) logGroup))
                    .extracting(group -> ((Map<?, ?>) group.get("Properties")).get("RetentionInDays"))
                    .isEqualTo(7);
        }
    }

    @Test
    void getters_shouldNameTheConstructsResources() {
        assertThat(stack.resolve(faces.getBucket().getBucketName()))
                .isEqualTo(ref(template.getResourceId(
                        "AWS::S3::Bucket",
                        Map.of("Properties", Match.objectLike(Map.of("VersioningConfiguration", Match.anyValue()))))));
        assertThat(stack.resolve(faces.getTable().getTableName()))
                .isEqualTo(ref(template.getResourceId("AWS::DynamoDB::Table")));
        assertThat(stack.resolve(faces.getCollection().getCollectionId()))
                .isEqualTo(ref(template.getResourceId(FaceCollection.RESOURCE_TYPE)));
        assertThat(stack.resolve(faces.getIndexFunction().getFunctionName()))
                .isEqualTo(ref(TestStacks.logicalId(
                        template, "AWS::Lambda::Function", Map.of("Handler", FaceRecognition.INDEX_HANDLER))));
        assertThat(stack.resolve(faces.getRecognizeFunction().getFunctionName()))
                .isEqualTo(ref(TestStacks.logicalId(
                        template, "AWS::Lambda::Function", Map.of("Handler", FaceRecognition.RECOGNIZE_HANDLER))));
        assertThat(stack.resolve(faces.getDeadLetterQueue().getQueueUrl()))
                .isEqualTo(ref(queue("FacesEventsDeadLetters")));
        assertThat(stack.resolve(faces.getIndexQueue().getQueueUrl())).isEqualTo(ref(queue("FacesEventsIndexEvents")));
        assertThat(stack.resolve(faces.getRecognizeQueue().getQueueUrl()))
                .isEqualTo(ref(queue("FacesEventsRecognizeEvents")));
        assertThat(stack.resolve(faces.getFailureQueue().getQueueUrl())).isEqualTo(ref(queue("FacesFailedEvents")));
        assertThat(stack.resolve(faces.getRetentionFunction().getFunctionName()))
                .isEqualTo(ref(
                        TestStacks.logicalId(template, "AWS::Lambda::Function", Map.of("Handler", Retention.HANDLER))));
        assertThat(List.of(faces.getEnrollPrefix(), faces.getRecognizePrefix(), faces.getResultsPrefix()))
                .containsExactly("people/", "inbox/", "outbox/");
    }

    private static String queue(String logicalIdPrefix) {
        return template.findResources("AWS::SQS::Queue").keySet().stream()
                .filter(id -> id.startsWith(logicalIdPrefix))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, String> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }
}
