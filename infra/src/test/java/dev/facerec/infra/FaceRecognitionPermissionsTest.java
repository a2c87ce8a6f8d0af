package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** One role per function, each scoped to exact ARNs and key prefixes. */
class FaceRecognitionPermissionsTest {

    /** Reads and writes of rows, with a condition check on the erasure mark of each person a write names. */
    private static final List<String> CHECKED_ROW_WRITES = List.of(
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:ConditionCheckItem");

    /** The only actions allowed on {@code Resource: *}: they support no resource-level permission. */
    private static final Set<String> STAR_ACTIONS = Set.of(
            "xray:PutTraceSegments",
            "xray:PutTelemetryRecords",
            "rekognition:DetectFaces",
            "rekognition:CompareFaces",
            "rekognition:CreateCollection");

    private static Template template;
    private static String bucket;
    private static String table;

    @BeforeAll
    static void synthesize() {
        template = TestStacks.defaultTemplate();
        bucket = template.getResourceId(
                "AWS::S3::Bucket",
                Map.of("Properties", Match.objectLike(Map.of("VersioningConfiguration", Match.anyValue()))));
        table = template.getResourceId("AWS::DynamoDB::Table");
    }

    /*
     * The action lists below are written out, not taken from the production constants, so that a grant that
     * gains an action fails here. They are what the function code calls (grep the SDK calls of each module).
     */

    @Test
    void indexRole_shouldHoldExactlyWhatEnrolmentCalls() {
        assertExactly(
                FaceRecognition.INDEX_HANDLER,
                TestStacks.statement(List.of("s3:GetObject", "s3:GetObjectVersion"), objects("enroll/*")),
                // consent documents: read, and listed by exact key (a missing one is 404, not 403, with ListBucket)
                TestStacks.statement(List.of("s3:GetObject", "s3:GetObjectVersion"), objects("consent/*")),
                TestStacks.statement("s3:ListBucket", Map.of("Fn::GetAtt", List.of(bucket, "Arn"))),
                // with consent required: photos of people without consent are deleted with all their versions
                TestStacks.statement("s3:ListBucketVersions", Map.of("Fn::GetAtt", List.of(bucket, "Arn"))),
                TestStacks.statement(List.of("s3:DeleteObject", "s3:DeleteObjectVersion"), objects("enroll/*")),
                // ConditionCheckItem: a claim checks the erasure marks of its person and tenant in its transaction
                TestStacks.statement(
                        List.of(
                                "dynamodb:GetItem",
                                "dynamodb:PutItem",
                                "dynamodb:UpdateItem",
                                "dynamodb:DeleteItem",
                                "dynamodb:ConditionCheckItem"),
                        tableArn()),
                TestStacks.statement(
                        List.of("rekognition:IndexFaces", "rekognition:CreateUser", "rekognition:AssociateFaces"),
                        collectionArn()),
                TestStacks.statement(
                        List.of(
                                "rekognition:ListFaces",
                                "rekognition:DisassociateFaces",
                                "rekognition:DeleteFaces",
                                "rekognition:DeleteUser"),
                        collectionArn()));
    }

    @Test
    void recognizeRole_shouldHoldExactlyWhatRecognitionCalls() {
        assertExactly(
                FaceRecognition.RECOGNIZE_HANDLER,
                TestStacks.statement(List.of("s3:GetObject", "s3:GetObjectVersion"), objects("recognize/*")),
                TestStacks.statement("s3:PutObject", objects("results/*")),
                // a result version naming a person erased during the recognition is deleted
                TestStacks.statement("s3:DeleteObjectVersion", objects("results/*")),
                // ConditionCheckItem: the mention and result rows check the erasure mark of each person they name
                TestStacks.statement(CHECKED_ROW_WRITES, tableArn()),
                TestStacks.statement("rekognition:SearchUsersByImage", collectionArn()),
                TestStacks.statement("rekognition:DetectFaces", "*"),
                TestStacks.statement("events:PutEvents", defaultBusArn()));
    }

    @Test
    void retentionRole_shouldHoldWhatAPersonErasureCalls_onThisPipelinesResourcesOnly() {
        List<Map<String, Object>> statements = normalized(Retention.HANDLER);

        assertThat(statements)
                .contains(
                        TestStacks.statement(
                                List.of(
                                        "dynamodb:BatchWriteItem",
                                        "dynamodb:DeleteItem",
                                        "dynamodb:GetItem",
                                        "dynamodb:PutItem",
                                        "dynamodb:Query",
                                        "dynamodb:UpdateItem"),
                                tableArn()),
                        TestStacks.statement(
                                "dynamodb:Query",
                                Map.of("Fn::Join", List.of("", List.of(tableArn(), "/index/retention")))),
                        // the one-time backfill of person rows without an interaction time (the function alone)
                        TestStacks.statement("dynamodb:Scan", tableArn()),
                        TestStacks.statement(
                                List.of(
                                        "rekognition:DeleteFaces",
                                        "rekognition:DeleteUser",
                                        "rekognition:DisassociateFaces",
                                        "rekognition:ListFaces"),
                                collectionArn()),
                        TestStacks.statement(List.of("s3:DeleteObject", "s3:DeleteObjectVersion"), objects("enroll/*")),
                        TestStacks.statement(
                                List.of("s3:DeleteObject", "s3:DeleteObjectVersion"), objects("consent/*")),
                        TestStacks.statement("s3:PutObject", objects("results/*")));
        assertThat(statements).noneMatch(statement -> "*".equals(statement.get("Resource")));
        TestStacks.hasFunctionEnvironment(
                template, Retention.HANDLER, Map.of("ENROLMENT_RETENTION_DAYS", "1095", "CONSENT_PREFIX", "consent/"));
        template.hasResourceProperties(
                "AWS::Events::Rule", Map.of("ScheduleExpression", "cron(10 3 * * ? *)", "State", "ENABLED"));
    }

    @Test
    void framesRole_shouldHoldTheTableActionsOfAFramesMerge() {
        Template cameras = TestStacks.template(s -> new FaceCameras(
                s,
                "Cameras",
                FaceCamerasProps.builder()
                        .faces(new FaceRecognition(s, "Faces"))
                        .cameras(List.of("lobby"))
                        .build()));
        String camerasTable = cameras.getResourceId("AWS::DynamoDB::Table");
        // ConditionCheckItem: a frame's merge checks the erasure mark of each person it newly names
        assertThat(normalized(cameras, FaceCameras.FRAMES_HANDLER))
                .contains(TestStacks.statement(CHECKED_ROW_WRITES, Map.of("Fn::GetAtt", List.of(camerasTable, "Arn"))));
    }

    @Test
    void providerRole_shouldOnlyManageTheCollectionAndItsTags() {
        assertExactly(
                CollectionProvider.HANDLER,
                TestStacks.statement("rekognition:CreateCollection", "*"),
                TestStacks.statement(
                        List.of(
                                "rekognition:DescribeCollection",
                                "rekognition:DeleteCollection",
                                "rekognition:ListTagsForResource",
                                "rekognition:TagResource",
                                "rekognition:UntagResource"),
                        collectionArn()));
    }

    @Test
    void policies_shouldUseResourceStarOnlyForActionsWithoutResourceLevelPermissions() {
        List<String> starActions = new ArrayList<>();
        template.findResources("AWS::IAM::Policy").forEach((id, policy) -> {
            for (Object statement : statementsOf(policy)) {
                Map<?, ?> map = (Map<?, ?>) statement;
                if ("*".equals(map.get("Resource"))) {
                    Object action = map.get("Action");
                    (action instanceof List<?> list ? list : List.of(action)).forEach(a -> starActions.add((String) a));
                }
            }
        });
        assertThat(starActions).isNotEmpty().allMatch(STAR_ACTIONS::contains);
    }

    @Test
    void functionRoles_shouldCarryNoManagedPolicy() {
        Map<String, Map<String, Object>> roles = template.findResources(
                "AWS::IAM::Role",
                Map.of("Properties", Match.objectLike(Map.of("ManagedPolicyArns", Match.anyValue()))));
        // Only CDK's own bucket-notification handler, which attaches AWSLambdaBasicExecutionRole itself.
        assertThat(roles.keySet()).singleElement().asString().startsWith("BucketNotificationsHandler");
        template.resourceCountIs("AWS::IAM::Role", 5);
    }

    @Test
    void indexRole_shouldListOnlyUnderTheConsentPrefix_andListVersionsOnlyUnderTheEnrolPrefix() {
        List<Object> statements = statements(FaceRecognition.INDEX_HANDLER);
        assertThat(statements)
                .filteredOn(statement -> ((Map<?, ?>) statement).get("Action").equals("s3:ListBucket"))
                .singleElement()
                .satisfies(statement -> assertThat(((Map<?, ?>) statement).get("Condition"))
                        .isEqualTo(Map.of("StringLike", Map.of("s3:prefix", List.of("consent/*")))));
        assertThat(statements)
                .filteredOn(statement -> ((Map<?, ?>) statement).get("Action").equals("s3:ListBucketVersions"))
                .singleElement()
                .satisfies(statement -> assertThat(((Map<?, ?>) statement).get("Condition"))
                        .isEqualTo(Map.of("StringLike", Map.of("s3:prefix", List.of("enroll/*")))));
    }

    /**
     * The role's policy holds exactly {@code specific} plus what every function gets: writing its own log group, and
     * consuming its own event queue (a queue-fed function: what its event source mapping and its retry backoff call)
     * or sending (only) to its own failure queue (a function invoked asynchronously). Tracing is off by default: no
     * X-Ray statement, no {@code *} for it.
     */
    @SafeVarargs
    private static void assertExactly(String handler, Map<String, Object>... specific) {
        Map<?, ?> function = (Map<?, ?>) template.findResources(
                        "AWS::Lambda::Function", Map.of("Properties", Match.objectLike(Map.of("Handler", handler))))
                .values()
                .iterator()
                .next()
                .get("Properties");
        Object logGroup = ((Map<?, ?>) ((Map<?, ?>) function.get("LoggingConfig")).get("LogGroup")).get("Ref");
        List<Map<String, Object>> expected = new ArrayList<>(List.of(
                TestStacks.statement(
                        List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        Map.of("Fn::GetAtt", List.of(logGroup, "Arn"))),
                queueStatement(handler)));
        expected.addAll(List.of(specific));
        assertThat(normalized(handler)).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The statements of a function's role policy, each action list sorted. */
    private static List<Map<String, Object>> normalized(String handler) {
        return normalized(template, handler);
    }

    private static List<Map<String, Object>> normalized(Template template, String handler) {
        return statements(template, handler).stream()
                .map(statement -> {
                    Map<?, ?> map = (Map<?, ?>) statement;
                    Object action = map.get("Action");
                    return TestStacks.statement(action, map.get("Resource"));
                })
                .toList();
    }

    private static List<Object> statements(String handler) {
        return statements(template, handler);
    }

    private static List<Object> statements(Template template, String handler) {
        Map<String, Map<String, Object>> policies = template.findResources(
                "AWS::IAM::Policy",
                Map.of(
                        "Properties",
                        Match.objectLike(Map.of("Roles", List.of(Map.of("Ref", role(template, handler)))))));
        assertThat(policies).hasSize(1);
        return statementsOf(policies.values().iterator().next());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> statementsOf(Map<String, Object> policy) {
        Map<String, Object> properties = (Map<String, Object>) policy.get("Properties");
        return (List<Object>) ((Map<String, Object>) properties.get("PolicyDocument")).get("Statement");
    }

    private static String role(Template template, String handler) {
        Map<?, ?> function = (Map<?, ?>) template.findResources(
                        "AWS::Lambda::Function", Map.of("Properties", Match.objectLike(Map.of("Handler", handler))))
                .values()
                .iterator()
                .next()
                .get("Properties");
        return (String) ((List<?>) ((Map<?, ?>) function.get("Role")).get("Fn::GetAtt")).get(0);
    }

    private static Map<String, Object> queueStatement(String handler) {
        String function = TestStacks.logicalId(template, "AWS::Lambda::Function", Map.of("Handler", handler));
        Map<String, Map<String, Object>> mappings = template.findResources(
                "AWS::Lambda::EventSourceMapping",
                Map.of("Properties", Match.objectLike(Map.of("FunctionName", Map.of("Ref", function)))));
        if (mappings.isEmpty()) {
            return TestStacks.statement(
                    "sqs:SendMessage", Map.of("Fn::GetAtt", List.of(failureQueueOf(handler), "Arn")));
        }
        Object queueArn = ((Map<?, ?>) mappings.values().iterator().next().get("Properties")).get("EventSourceArn");
        return TestStacks.statement(
                List.of(
                        "sqs:ChangeMessageVisibility",
                        "sqs:DeleteMessage",
                        "sqs:GetQueueAttributes",
                        "sqs:GetQueueUrl",
                        "sqs:ReceiveMessage"),
                queueArn);
    }

    private static String failureQueueOf(String handler) {
        String function = TestStacks.logicalId(template, "AWS::Lambda::Function", Map.of("Handler", handler));
        Map<?, ?> config = (Map<?, ?>) template.findResources(
                        "AWS::Lambda::EventInvokeConfig",
                        Map.of("Properties", Match.objectLike(Map.of("FunctionName", Map.of("Ref", function)))))
                .values()
                .iterator()
                .next()
                .get("Properties");
        Map<?, ?> onFailure = (Map<?, ?>) ((Map<?, ?>) config.get("DestinationConfig")).get("OnFailure");
        return (String) ((List<?>) ((Map<?, ?>) onFailure.get("Destination")).get("Fn::GetAtt")).get(0);
    }

    private static Map<String, Object> objects(String keyPattern) {
        return Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt", List.of(bucket, "Arn")), "/" + keyPattern)));
    }

    private static Map<String, Object> defaultBusArn() {
        return TestStacks.regionalArn("events", "event-bus/default");
    }

    private static Map<String, Object> tableArn() {
        return Map.of("Fn::GetAtt", List.of(table, "Arn"));
    }

    private static Map<String, Object> collectionArn() {
        return TestStacks.regionalArn("rekognition", "collection/FaceRecognition-Faces-Collection-75ED4CDD");
    }
}
