package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.s3.Bucket;

/** The sightings log in the template: off by default; when on, its schedule, functions and exactly scoped roles. */
class FaceRecognitionSightingsLogTest {

    private static Stack stack;
    private static Template template;
    private static String table;

    @BeforeAll
    static void synthesize() {
        stack = TestStacks.stack(s -> new FaceRecognition(
                s,
                "Doors",
                FaceRecognitionProps.builder()
                        .existingBucket(Bucket.fromBucketName(s, "Photos", "door-photos"))
                        .collectionId("doors")
                        .sightingsLog(SightingsLogOptions.builder()
                                .retention(Duration.days(7))
                                .build())
                        .build()));
        Aspects.of(stack)
                .add(new AwsSolutionsChecks(
                        NagPackProps.builder().reports(false).verbose(true).build()));
        template = Template.fromStack(stack);
        table = template.getResourceId("AWS::DynamoDB::Table");
    }

    @Test
    void construct_shouldCreateNothingOfTheLog_whenTheOptionIsAbsent() {
        Template defaults = TestStacks.defaultTemplate();

        assertThat(defaults.findResources("AWS::Events::Rule"))
                .as("only the retention schedule")
                .hasSize(1)
                .allSatisfy((id, rule) -> assertThat(id).startsWith("FacesRetentionSchedule"));
        assertThat(defaults.findResources(
                        "AWS::Lambda::Function",
                        Map.of("Properties", Match.objectLike(Map.of("Handler", SightingsLog.SEARCH_HANDLER)))))
                .isEmpty();
        assertThat(defaults.toJSON().toString()).doesNotContain("SIGHTINGS_LOG", "-log-*", "ExpireSightingsHandler");
    }

    @Test
    void construct_shouldTellRecognitionThePrefixAndRetention() {
        TestStacks.hasFunctionEnvironment(
                template,
                FaceRecognition.RECOGNIZE_HANDLER,
                Map.of(
                        "SIGHTINGS_LOG_PREFIX",
                        Map.of("Ref", collectionResource()),
                        "SIGHTINGS_LOG_RETENTION_DAYS",
                        "7"));
    }

    @Test
    void construct_shouldRunTheExpiryDailyAfterMidnightUtc() {
        String expiry = function(SightingsLog.EXPIRE_HANDLER);
        template.hasResourceProperties(
                "AWS::Events::Rule",
                Map.of(
                        "ScheduleExpression",
                        "cron(5 0 * * ? *)",
                        "State",
                        "ENABLED",
                        "Targets",
                        List.of(Match.objectLike(Map.of(
                                "Arn",
                                Map.of("Fn::GetAtt", List.of(expiry, "Arn")),
                                "RetryPolicy",
                                Map.of("MaximumRetryAttempts", FailureQueue.EVENT_RETRY_ATTEMPTS),
                                "DeadLetterConfig",
                                Map.of("Arn", Match.anyValue()))))));
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Map.of(
                        "Handler",
                        SightingsLog.EXPIRE_HANDLER,
                        "ReservedConcurrentExecutions",
                        Match.absent(),
                        "Environment",
                        Map.of(
                                "Variables",
                                Match.objectLike(Map.of(
                                        "SIGHTINGS_LOG_PREFIX",
                                        Map.of("Ref", collectionResource()),
                                        "SIGHTINGS_LOG_RETENTION_DAYS",
                                        "7")))));
    }

    @Test
    void recognizeRole_shouldIndexCreateAndEraseOnlyDayCollections_andWriteRows() {
        List<Map<String, Object>> statements = statements(FaceRecognition.RECOGNIZE_HANDLER);

        assertThat(statements)
                .contains(
                        TestStacks.statement("rekognition:IndexFaces", dayCollections()),
                        TestStacks.statement("rekognition:CreateCollection", "*"),
                        // the sightings of a person erased while the photo was being recognised are deleted
                        TestStacks.statement("rekognition:DeleteFaces", dayCollections()),
                        TestStacks.statement(
                                List.of("dynamodb:BatchWriteItem", "dynamodb:DeleteItem"),
                                Map.of("Fn::GetAtt", List.of(table, "Arn"))));
    }

    @Test
    void expiryRole_shouldHoldExactlyListAndDeleteOfDayCollections() {
        assertThat(statements(SightingsLog.EXPIRE_HANDLER))
                .containsExactlyInAnyOrderElementsOf(withBasics(
                        SightingsLog.EXPIRE_HANDLER,
                        TestStacks.statement("rekognition:ListCollections", "*"),
                        TestStacks.statement("rekognition:DeleteCollection", dayCollections())));
    }

    @Test
    void searchRole_shouldHoldExactlySearchOfDayCollections_rowReads_andTheSearchPrefix() {
        assertThat(statements(SightingsLog.SEARCH_HANDLER))
                .containsExactlyInAnyOrderElementsOf(withBasics(
                        SightingsLog.SEARCH_HANDLER,
                        TestStacks.statement("rekognition:SearchFacesByImage", dayCollections()),
                        TestStacks.statement("dynamodb:BatchGetItem", Map.of("Fn::GetAtt", List.of(table, "Arn"))),
                        TestStacks.statement(
                                List.of("s3:GetObject", "s3:GetObjectVersion"),
                                TestStacks.partitionArn(":s3:::door-photos/sightings-search/*"))));
    }

    @Test
    void stack_shouldHaveNoAwsSolutionsFindings_withTheLogOn() {
        TestStacks.assertNoAwsSolutionsFindings(stack);
    }

    @Test
    void construct_shouldListEveryProblemOfTheOptions() {
        assertThatThrownBy(() -> TestStacks.stack(s -> new FaceRecognition(
                        s,
                        "Bad",
                        FaceRecognitionProps.builder()
                                .collectionId("c".repeat(243))
                                .sightingsLog(SightingsLogOptions.builder()
                                        .retention(Duration.days(32))
                                        .searchPrefix("recognize/search/")
                                        .build())
                                .build())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sightingsLog.retention must be a whole number of days from 1 to 31, got 32 days")
                .hasMessageContaining("sightingsLog.searchPrefix 'recognize/search/' overlaps recognizePrefix")
                .hasMessageContaining("collectionId must be at most 242 characters with the sightings log");
        assertThatThrownBy(() -> TestStacks.stack(s -> new FaceRecognition(
                        s,
                        "NoRetention",
                        FaceRecognitionProps.builder()
                                .sightingsLog(SightingsLogOptions.builder().build())
                                .build())))
                .hasMessageContaining("sightingsLog.retention is required");
        assertThatThrownBy(() -> TestStacks.stack(s -> new FaceRecognition(
                        s,
                        "HalfDays",
                        FaceRecognitionProps.builder()
                                .sightingsLog(SightingsLogOptions.builder()
                                        .retention(Duration.hours(36))
                                        .build())
                                .build())))
                .hasMessageContaining("sightingsLog.retention must be a whole number of days");
    }

    private static String collectionResource() {
        return template.getResourceId(FaceCollection.RESOURCE_TYPE);
    }

    private static Map<String, Object> dayCollections() {
        return TestStacks.regionalArn("rekognition", "collection/doors-log-*");
    }

    private static String function(String handler) {
        return TestStacks.logicalId(template, "AWS::Lambda::Function", Map.of("Handler", handler));
    }

    /** {@code specific} plus what every function's role holds: its log group, its failure queue. */
    @SafeVarargs
    private static List<Map<String, Object>> withBasics(String handler, Map<String, Object>... specific) {
        Map<?, ?> properties = properties(handler);
        Object logGroup = ((Map<?, ?>) ((Map<?, ?>) properties.get("LoggingConfig")).get("LogGroup")).get("Ref");
        List<Map<String, Object>> expected = new ArrayList<>(List.of(
                TestStacks.statement(
                        List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        Map.of("Fn::GetAtt", List.of(logGroup, "Arn"))),
                TestStacks.statement(
                        "sqs:SendMessage", Map.of("Fn::GetAtt", List.of("DoorsFailedEventsF4C90DC6", "Arn")))));
        expected.addAll(List.of(specific));
        return expected;
    }

    /** The statements of the role of the function with that handler, each action list sorted. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(String handler) {
        String role = (String) ((List<?>) ((Map<?, ?>) properties(handler).get("Role")).get("Fn::GetAtt")).get(0);
        Map<String, Map<String, Object>> policies = template.findResources(
                "AWS::IAM::Policy",
                Map.of("Properties", Match.objectLike(Map.of("Roles", List.of(Map.of("Ref", role))))));
        assertThat(policies).hasSize(1);
        Map<String, Object> document = (Map<String, Object>)
                ((Map<String, Object>) policies.values().iterator().next().get("Properties")).get("PolicyDocument");
        return ((List<Map<String, Object>>) document.get("Statement"))
                .stream()
                        .map(s -> TestStacks.statement(s.get("Action"), s.get("Resource")))
                        .toList();
    }

    private static Map<?, ?> properties(String handler) {
        return (Map<?, ?>) template.findResources(
                        "AWS::Lambda::Function", Map.of("Properties", Match.objectLike(Map.of("Handler", handler))))
                .values()
                .iterator()
                .next()
                .get("Properties");
    }
}
