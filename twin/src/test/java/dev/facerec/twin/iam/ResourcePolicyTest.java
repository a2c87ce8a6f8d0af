package dev.facerec.twin.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.iam.ResourcePolicy.Decision;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Queue policies as IAM evaluates them for S3 sending a notification. */
class ResourcePolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:uploads";
    private static final PolicyRequest S3_SENDS = new PolicyRequest(
            "s3.amazonaws.com",
            "sqs:SendMessage",
            QUEUE,
            Map.of(
                    "aws:SourceArn", "arn:aws:s3:::photos",
                    "aws:SourceAccount", "000000000000",
                    "aws:SecureTransport", "true"));

    @Test
    void evaluate_shouldAllow_whenCdksStatementsMatchTheBucket() throws Exception {
        // GIVEN CDK's SqsDestination grant and its TLS-only deny
        JsonNode policy = JSON.readTree("""
        {"Statement": [
          {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sqs:*", "Resource": "%1$s",
           "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
          {"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
           "Action": ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], "Resource": "%1$s",
           "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::photos"}}}]}""".formatted(QUEUE));

        // THEN
        assertThat(ResourcePolicy.evaluate(policy, S3_SENDS)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void evaluate_shouldDenyImplicitly_whenNoStatementMatches() throws Exception {
        assertThat(ResourcePolicy.evaluate(null, S3_SENDS)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(ResourcePolicy.evaluate(
                        allowS3("\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:s3:::other\"}"), S3_SENDS))
                .as("another bucket")
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(ResourcePolicy.evaluate(
                        allowS3("\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}"), S3_SENDS))
                .as("another account")
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(ResourcePolicy.evaluate(allowS3("\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-1\"}"), S3_SENDS))
                .as("a key the request does not have")
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void evaluate_shouldFollowIamsRulesForAbsentKeysWildcardsAndNegations() throws Exception {
        assertThat(ResourcePolicy.evaluate(
                        allowS3("\"StringEqualsIfExists\": {\"aws:PrincipalOrgID\": \"o-1\"}"), S3_SENDS))
                .isEqualTo(Decision.ALLOW);
        assertThat(ResourcePolicy.evaluate(allowS3("\"StringNotEquals\": {\"aws:PrincipalOrgID\": \"o-1\"}"), S3_SENDS))
                .isEqualTo(Decision.ALLOW);
        assertThat(ResourcePolicy.evaluate(allowS3("\"Null\": {\"aws:PrincipalOrgID\": \"true\"}"), S3_SENDS))
                .isEqualTo(Decision.ALLOW);
        assertThat(ResourcePolicy.evaluate(
                        allowS3("\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:s3:*:*:pho*\"}"), S3_SENDS))
                .isEqualTo(Decision.ALLOW);
        assertThat(ResourcePolicy.evaluate(
                        allowS3("\"ArnNotLike\": {\"aws:SourceArn\": \"arn:aws:s3:::photos\"}"), S3_SENDS))
                .isEqualTo(Decision.IMPLICIT_DENY);
        JsonNode everythingButDeletes = JSON.readTree("""
        {"Statement": {"Effect": "Allow", "Principal": "*", "NotAction": "sqs:Delete*",
                       "Resource": "arn:aws:sqs:*:000000000000:*"}}""");
        assertThat(ResourcePolicy.evaluate(everythingButDeletes, S3_SENDS)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void evaluate_shouldDenyExplicitly_whenADenyMatchesDespiteAnAllow() throws Exception {
        JsonNode policy = JSON.readTree("""
        {"Statement": [
          {"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sqs:SendMessage"},
          {"Effect": "Deny", "Principal": "*", "Action": "sqs:Send*", "Resource": "%s"}]}""".formatted(QUEUE));

        assertThat(ResourcePolicy.evaluate(policy, S3_SENDS)).isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void evaluate_shouldFail_whenAConditionOperatorIsNotEvaluated() {
        assertThatThrownBy(() ->
                        ResourcePolicy.evaluate(allowS3("\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}"), S3_SENDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the twin does not evaluate the condition operator IpAddress in resource policies");
    }

    private static JsonNode allowS3(String condition) throws Exception {
        return JSON.readTree("""
        {"Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sqs:SendMessage",
                        "Resource": "%s", "Condition": {%s}}]}""".formatted(QUEUE, condition));
    }
}
