package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * S3 → SQS → Lambda in the template: a queue per queue-fed function with its redrive, policy and event source
 * mapping, one dead-letter queue, and the concurrency cap on the mappings rather than reserved on the functions.
 */
class FaceRecognitionQueuesTest {

    private static final Template template = TestStacks.defaultTemplate();

    @Test
    void eventQueues_shouldWaitSixFunctionTimeoutsAndRedriveToTheDeadLetterQueueAfterTenReceives() {
        String deadLetters = queue(template, "FacesEventsDeadLetters");
        Map<String, Integer> visibility = Map.of("FacesEventsIndexEvents", 360, "FacesEventsRecognizeEvents", 720);
        visibility.forEach((queue, seconds) -> assertThat(properties(template, queue(template, queue)))
                .containsEntry("VisibilityTimeout", seconds)
                .containsEntry("MessageRetentionPeriod", 1_209_600)
                .containsEntry("SqsManagedSseEnabled", true)
                .containsEntry(
                        "RedrivePolicy",
                        Map.of(
                                "deadLetterTargetArn",
                                Map.of("Fn::GetAtt", List.of(deadLetters, "Arn")),
                                "maxReceiveCount",
                                10)));
        assertThat(properties(template, deadLetters))
                .doesNotContainKey("RedrivePolicy")
                .containsEntry("MessageRetentionPeriod", 1_209_600);
    }

    @Test
    void mappings_shouldCapEachFunctionAtTwoInvocations_andReportBatchItemFailures() {
        Map<String, String> queues = Map.of(
                FaceRecognition.INDEX_HANDLER, "FacesEventsIndexEvents",
                FaceRecognition.RECOGNIZE_HANDLER, "FacesEventsRecognizeEvents");
        queues.forEach((handler, queue) -> template.hasResourceProperties(
                "AWS::Lambda::EventSourceMapping",
                Map.of(
                        "FunctionName",
                        Map.of(
                                "Ref",
                                TestStacks.logicalId(template, "AWS::Lambda::Function", Map.of("Handler", handler))),
                        "EventSourceArn",
                        Map.of("Fn::GetAtt", List.of(queue(template, queue), "Arn")),
                        "BatchSize",
                        5,
                        "ScalingConfig",
                        Map.of("MaximumConcurrency", 2),
                        "FunctionResponseTypes",
                        List.of("ReportBatchItemFailures"))));
        template.resourceCountIs("AWS::Lambda::EventSourceMapping", 2);
        template.resourcePropertiesCountIs(
                "AWS::Lambda::Function", Map.of("ReservedConcurrentExecutions", Match.anyValue()), 0);
    }

    @Test
    void queuePolicies_shouldLetOnlyS3SendFromThisBucketAndAccount_andRefuseRequestsWithoutTls() {
        String bucket = template.getResourceId(
                "AWS::S3::Bucket",
                Map.of("Properties", Match.objectLike(Map.of("VersioningConfiguration", Match.anyValue()))));
        for (String queue : List.of("FacesEventsIndexEvents", "FacesEventsRecognizeEvents")) {
            String id = queue(template, queue);
            template.hasResourceProperties(
                    "AWS::SQS::QueuePolicy",
                    Map.of(
                            "Queues",
                            List.of(Map.of("Ref", id)),
                            "PolicyDocument",
                            Match.objectLike(Map.of(
                                    "Statement",
                                    List.of(
                                            Match.objectLike(Map.of(
                                                    "Effect",
                                                    "Deny",
                                                    "Condition",
                                                    Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                                            Map.of(
                                                    "Sid",
                                                    "S3Notifications",
                                                    "Effect",
                                                    "Allow",
                                                    "Principal",
                                                    Map.of("Service", "s3.amazonaws.com"),
                                                    "Action",
                                                    "sqs:SendMessage",
                                                    "Resource",
                                                    Map.of("Fn::GetAtt", List.of(id, "Arn")),
                                                    "Condition",
                                                    Map.of(
                                                            "ArnLike",
                                                            Map.of(
                                                                    "aws:SourceArn",
                                                                    Map.of("Fn::GetAtt", List.of(bucket, "Arn"))),
                                                            "StringEquals",
                                                            Map.of(
                                                                    "aws:SourceAccount",
                                                                    Map.of("Ref", "AWS::AccountId")))))))));
        }
    }

    @Test
    void notifications_shouldBeWrittenAfterTheQueuePoliciesExist() {
        Map<String, Map<String, Object>> notifications = template.findResources("Custom::S3BucketNotifications");
        assertThat(notifications).hasSize(1);
        Object dependsOn = notifications.values().iterator().next().get("DependsOn");
        List<String> policies = template.findResources("AWS::SQS::QueuePolicy").keySet().stream()
                .filter(id -> id.contains("IndexEvents") || id.contains("RecognizeEvents"))
                .toList();
        assertThat(policies).hasSize(2);
        assertThat(((List<?>) dependsOn).stream().map(String::valueOf).toList()).containsAll(policies);
    }

    @Test
    void maxConcurrency_shouldReachTheMappings_andReservedConcurrencyOnlyWhenAsked() {
        // GIVEN
        Template custom = TestStacks.template(s -> new FaceRecognition(
                s,
                "Faces",
                FaceRecognitionProps.builder()
                        .maxConcurrency(20)
                        .reservedConcurrency(25)
                        .build()));

        // THEN
        custom.resourcePropertiesCountIs(
                "AWS::Lambda::EventSourceMapping", Map.of("ScalingConfig", Map.of("MaximumConcurrency", 20)), 2);
        custom.resourcePropertiesCountIs("AWS::Lambda::Function", Map.of("ReservedConcurrentExecutions", 25), 2);
    }

    @Test
    void reservedConcurrencyAlone_shouldStillBeTheCap() {
        Template custom = TestStacks.template(s -> new FaceRecognition(
                s,
                "Faces",
                FaceRecognitionProps.builder().reservedConcurrency(5).build()));
        custom.resourcePropertiesCountIs(
                "AWS::Lambda::EventSourceMapping", Map.of("ScalingConfig", Map.of("MaximumConcurrency", 5)), 2);
    }

    @Test
    void deadLetterMetric_shouldCountVisibleMessagesOfTheDeadLetterQueue() {
        // GIVEN
        Stack stack = TestStacks.stack(s -> {});
        FaceRecognition faces = new FaceRecognition(stack, "Faces");

        // WHEN
        var metric = faces.metricDeadLetters();

        // THEN
        assertThat(metric.getMetricName()).isEqualTo("ApproximateNumberOfMessagesVisible");
        assertThat(metric.getNamespace()).isEqualTo("AWS/SQS");
        assertThat(metric.getStatistic()).isEqualTo("Maximum");
        assertThat(stack.resolve(metric.getDimensions().get("QueueName")))
                .isEqualTo(stack.resolve(faces.getDeadLetterQueue().getQueueName()));
    }

    private static String queue(Template template, String logicalIdPrefix) {
        return template.findResources("AWS::SQS::Queue").keySet().stream()
                .filter(id -> id.startsWith(logicalIdPrefix))
                .findFirst()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Template template, String logicalId) {
        return (Map<String, Object>)
                template.findResources("AWS::SQS::Queue").get(logicalId).get("Properties");
    }
}
