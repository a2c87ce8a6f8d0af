package dev.facerec.twin.notifications;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.twin.sqs.QueueAttributeStore;
import dev.facerec.twin.sqs.SqsClients;
import dev.facerec.twin.sqs.SqsServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

/** S3's checks of a queue destination, on ElasticMQ with the queue policies and encryption settings of the twin. */
class QueueDestinationsTest {

    private static final String ACCOUNT = "000000000000";

    @TempDir
    static Path directory;

    private static SqsServer server;
    private static SqsClient sqs;
    private static QueueAttributeStore attributes;
    private static QueueDestinations destinations;

    @BeforeAll
    static void start() {
        server = SqsServer.start(directory.resolve("sqs"), 0, "us-east-1", ACCOUNT);
        sqs = SqsClients.create(server.endpoint(), "us-east-1");
        attributes = new QueueAttributeStore(directory.resolve("attributes"));
        destinations = new QueueDestinations(sqs, attributes, ACCOUNT);
    }

    @AfterAll
    static void stop() {
        sqs.close();
        server.close();
    }

    @Test
    void validate_shouldAccept_whenThePolicyLetsTheBucketSend() {
        // GIVEN
        String queue = queueWithPolicy("allowed", "photos", ACCOUNT);

        // WHEN / THEN
        destinations.validate("photos", List.of(target(queue)));
    }

    @Test
    void validate_shouldRefuseWithS3sError_whenThePolicyIsMissingOrForAnotherBucketOrAccount() {
        String bare = server.queueArn("bare");
        sqs.createQueue(b -> b.queueName("bare"));
        String otherBucket = queueWithPolicy("other-bucket", "elsewhere", ACCOUNT);
        String otherAccount = queueWithPolicy("other-account", "photos", "111122223333");

        assertThatThrownBy(() -> destinations.validate(
                        "photos", List.of(target(bare), target(otherBucket), target(otherAccount))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("InvalidArgument: Unable to validate the following destination configurations "
                        + bare + ": " + NO_PERMISSION + "; " + otherBucket + ": " + NO_PERMISSION + "; "
                        + otherAccount + ": " + NO_PERMISSION);
    }

    @Test
    void validate_shouldRefuse_whenTheQueueIsMissingOrUsesTheAwsManagedKey() {
        String missing = server.queueArn("missing");
        String managedKey = queueWithPolicy("managed-key", "photos", ACCOUNT);
        attributes.put("managed-key", Map.of("KmsMasterKeyId", "alias/aws/sqs"));

        assertThatThrownBy(() -> destinations.validate("photos", List.of(target(missing), target(managedKey))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing + ": the destination queue does not exist")
                .hasMessageContaining(managedKey + ": the queue is encrypted with the AWS managed key alias/aws/sqs");
    }

    private static final String NO_PERMISSION =
            "Permissions on the destination queue do not allow S3 to publish notifications from this bucket";

    private static String queueWithPolicy(String name, String bucket, String account) {
        sqs.createQueue(b -> b.queueName(name));
        String arn = server.queueArn(name);
        attributes.put(name, Map.of("Policy", """
        {"Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sqs:SendMessage",
          "Resource": "%s", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::%s"},
                                          "StringEquals": {"aws:SourceAccount": "%s"}}}]}""".formatted(arn, bucket, account)));
        return arn;
    }

    private static QueueTarget target(String queueArn) {
        return new QueueTarget("id", queueArn, List.of("s3:ObjectCreated:*"), "", "");
    }
}
