package dev.facerec.twin.sqs;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SQS clients for the twin's own SQS server, with the twin's dummy credentials. */
public final class SqsClients {

    private SqsClients() {}

    /** A client for the SQS server at {@code endpoint}. */
    public static SqsClient create(URI endpoint, String region) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Sends {@code body} to the queue named by {@code queueArn} (its name is the ARN's last part). */
    public static void sendToQueue(SqsClient client, String queueArn, String body) {
        String queueName = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        String queueUrl = client.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
        client.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
    }
}
