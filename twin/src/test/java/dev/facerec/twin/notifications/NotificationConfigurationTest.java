package dev.facerec.twin.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotificationConfigurationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void parse_shouldReadLambdaTargetsWithTheirFilters_whenGivenCdksConfiguration() throws Exception {
        // WHEN
        List<LambdaTarget> targets =
                NotificationConfiguration.parse(JSON.readTree("""
        {"LambdaFunctionConfigurations": [
          {"Events": ["s3:ObjectCreated:*"], "LambdaFunctionArn": "arn:f",
           "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "enroll/"}]}}},
          {"Events": ["s3:ObjectRemoved:Delete"], "LambdaFunctionArn": "arn:g",
           "Filter": {"Key": {"FilterRules": [{"Name": "Suffix", "Value": ".jpg"}, {"Name": "Prefix", "Value": "e/"}]}}}
        ]}""")).lambdas();

        // THEN
        assertThat(targets).hasSize(2);
        LambdaTarget created = targets.get(0);
        assertThat(created.matches("ObjectCreated:Put", "enroll/ann/1.jpg")).isTrue();
        assertThat(created.matches("ObjectCreated:CompleteMultipartUpload", "enroll/x"))
                .isTrue();
        assertThat(created.matches("ObjectRemoved:Delete", "enroll/ann/1.jpg")).isFalse();
        assertThat(created.matches("ObjectCreated:Put", "recognize/1.jpg")).isFalse();
        LambdaTarget removed = targets.get(1);
        assertThat(removed.matches("ObjectRemoved:Delete", "e/1.jpg")).isTrue();
        assertThat(removed.matches("ObjectRemoved:Delete", "e/1.png")).isFalse();
        assertThat(removed.matches("ObjectRemoved:DeleteMarkerCreated", "e/1.jpg"))
                .isFalse();
        assertThat(created.id()).isNotEqualTo(removed.id());
    }

    @Test
    void parse_shouldReadQueueTargets_whenTheConfigurationHasQueueConfigurations() throws Exception {
        // WHEN
        BucketTargets targets = NotificationConfiguration.parse(JSON.readTree("""
        {"QueueConfigurations": [{"Id": "q1", "Events": ["s3:ObjectCreated:*"], "QueueArn": "arn:aws:sqs:r:a:q",
           "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "enroll/"}]}}}]}"""));

        // THEN
        assertThat(targets.lambdas()).isEmpty();
        assertThat(targets.queues())
                .containsExactly(
                        new QueueTarget("q1", "arn:aws:sqs:r:a:q", List.of("s3:ObjectCreated:*"), "enroll/", ""));
        assertThat(targets.queues().get(0).matches("ObjectCreated:Put", "enroll/a.jpg"))
                .isTrue();
    }

    @Test
    @DisplayName("fails if the configuration has topic targets, which the twin does not deliver to")
    void parse_shouldFail_whenTheConfigurationHasTopicTargets() {
        assertThatThrownBy(() -> NotificationConfiguration.parse(JSON.readTree("""
        {"TopicConfigurations": [{"Events": ["s3:ObjectCreated:*"], "TopicArn": "arn:t"}]}""")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the twin delivers S3 notifications to Lambda functions and SQS queues only; "
                        + "TopicConfigurations is not supported");
    }
}
