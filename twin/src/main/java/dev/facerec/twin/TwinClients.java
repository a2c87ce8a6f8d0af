package dev.facerec.twin;

import dev.facerec.twin.sqs.SqsClients;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients for a running twin's S3, DynamoDB, Rekognition and SQS, from its endpoints ({@code AWS_ENDPOINT_URL_*}).
 */
public record TwinClients(S3Client s3, DynamoDbClient dynamoDb, RekognitionClient rekognition, SqsClient sqs)
        implements AutoCloseable {

    /** Clients for the twin whose endpoints and region are given. */
    public static TwinClients connect(Map<String, String> endpoints, String region) {
        return new TwinClients(
                ServiceClients.s3(endpoint(endpoints, "AWS_ENDPOINT_URL_S3"), region),
                ServiceClients.dynamoDb(endpoint(endpoints, "AWS_ENDPOINT_URL_DYNAMODB"), region),
                ServiceClients.rekognition(endpoint(endpoints, "AWS_ENDPOINT_URL_REKOGNITION"), region),
                SqsClients.create(endpoint(endpoints, "AWS_ENDPOINT_URL_SQS"), region));
    }

    private static URI endpoint(Map<String, String> endpoints, String variable) {
        String endpoint = endpoints.get(variable);
        if (endpoint == null) {
            throw new IllegalStateException("the twin has no " + variable);
        }
        return URI.create(endpoint);
    }

    @Override
    public void close() {
        s3.close();
        dynamoDb.close();
        rekognition.close();
        sqs.close();
    }
}
