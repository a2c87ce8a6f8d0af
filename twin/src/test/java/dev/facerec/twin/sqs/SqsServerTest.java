package dev.facerec.twin.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class SqsServerTest {

    private static final String ACCOUNT = "000000000000";

    @TempDir
    Path dataDirectory;

    @Test
    void sdkClient_shouldSendAndReceive_whenTalkingJsonProtocolToElasticMq() {
        // GIVEN
        try (SqsServer server = SqsServer.start(dataDirectory, 0, "us-east-1", "123456789012");
                SqsClient sqs = client(server.endpoint())) {
            String url = sqs.createQueue(b -> b.queueName("failures")).queueUrl();

            // WHEN
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"hello\":\"world\"}"));
            List<Message> messages =
                    sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages();

            // THEN
            assertThat(messages).extracting(Message::body).containsExactly("{\"hello\":\"world\"}");
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                            .attributes()
                            .get(QueueAttributeName.QUEUE_ARN))
                    .isEqualTo("arn:aws:sqs:us-east-1:123456789012:failures")
                    .isEqualTo(server.queueArn("failures"));
        }
    }

    @Test
    void start_shouldKeepQueuesAndMessages_whenRestartedOnTheSameDirectory() {
        // GIVEN
        try (SqsServer first = SqsServer.start(dataDirectory, 0, "us-east-1", ACCOUNT);
                SqsClient sqs = client(first.endpoint())) {
            String url = sqs.createQueue(b -> b.queueName("kept")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("survives"));
        }

        // WHEN
        try (SqsServer second = SqsServer.start(dataDirectory, 0, "us-east-1", ACCOUNT);
                SqsClient sqs = client(second.endpoint())) {
            String url = sqs.getQueueUrl(b -> b.queueName("kept")).queueUrl();
            List<Message> messages =
                    sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages();

            // THEN
            assertThat(messages).extracting(Message::body).containsExactly("survives");
        }
    }

    @Test
    void start_shouldKeepADeadLetteredMessageInTheDeadLetterQueueOnly_whenRestarted() {
        // GIVEN a message ElasticMQ moved to the dead-letter queue after one receive too many
        try (SqsServer first = SqsServer.start(dataDirectory, 0, "us-east-1", ACCOUNT);
                SqsClient sqs = SqsClients.create(first.endpoint(), "us-east-1")) {
            sqs.createQueue(b -> b.queueName("dead"));
            String source = sqs.createQueue(b -> b.queueName("source")
                            .attributesWithStrings(Map.of(
                                    "VisibilityTimeout",
                                    "1",
                                    "RedrivePolicy",
                                    "{\"deadLetterTargetArn\":\"" + first.queueArn("dead")
                                            + "\",\"maxReceiveCount\":1}")))
                    .queueUrl();
            sqs.sendMessage(b -> b.queueUrl(source).messageBody("poison"));
            assertThat(sqs.receiveMessage(b -> b.queueUrl(source).waitTimeSeconds(1))
                            .messages())
                    .hasSize(1);
            assertThat(sqs.receiveMessage(b -> b.queueUrl(source).waitTimeSeconds(2))
                            .messages())
                    .isEmpty();
        }

        // WHEN
        try (SqsServer second = SqsServer.start(dataDirectory, 0, "us-east-1", ACCOUNT);
                SqsClient sqs = SqsClients.create(second.endpoint(), "us-east-1")) {

            // THEN the message is in the dead-letter queue, not back in its source queue
            String source = sqs.getQueueUrl(b -> b.queueName("source")).queueUrl();
            String dead = sqs.getQueueUrl(b -> b.queueName("dead")).queueUrl();
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(source).attributeNames(QueueAttributeName.ALL))
                            .attributes())
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
            assertThat(sqs.receiveMessage(b -> b.queueUrl(dead).waitTimeSeconds(1))
                            .messages())
                    .extracting(Message::body)
                    .containsExactly("poison");
        }
    }

    @Test
    void start_shouldNotSeeAnotherDirectorysQueues_whenRestartedElsewhereInTheSameJvm(@TempDir Path elsewhere) {
        // GIVEN
        try (SqsServer first = SqsServer.start(dataDirectory, 0, "us-east-1", ACCOUNT);
                SqsClient sqs = client(first.endpoint())) {
            sqs.createQueue(b -> b.queueName("only-here"));
        }

        // WHEN
        try (SqsServer second = SqsServer.start(elsewhere, 0, "us-east-1", ACCOUNT);
                SqsClient sqs = client(second.endpoint())) {
            // THEN
            assertThat(sqs.listQueues().queueUrls()).isEmpty();
        }
    }

    @Test
    void start_shouldFail_whenAnotherServerRunsInThisJvm(@TempDir Path elsewhere) {
        // GIVEN
        try (SqsServer first = SqsServer.start(dataDirectory, 0, "us-east-1", ACCOUNT)) {
            // WHEN / THEN
            assertThatThrownBy(() -> SqsServer.start(elsewhere, 0, "us-east-1", ACCOUNT))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already running");
        }
    }

    private static SqsClient client(URI endpoint) {
        return SqsClients.create(endpoint, "us-east-1");
    }
}
