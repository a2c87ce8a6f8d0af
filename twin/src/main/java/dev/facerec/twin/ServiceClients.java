package dev.facerec.twin;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;

/** AWS SDK clients for the twin's services, with the twin's dummy credentials ({@code test}/{@code test}). */
public final class ServiceClients {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private ServiceClients() {}

    public static S3Client s3(URI endpoint, String region) {
        return configured(S3Client.builder().forcePathStyle(true), endpoint, region)
                .build();
    }

    public static DynamoDbClient dynamoDb(URI endpoint, String region) {
        return configured(DynamoDbClient.builder(), endpoint, region).build();
    }

    public static RekognitionClient rekognition(URI endpoint, String region) {
        return configured(RekognitionClient.builder(), endpoint, region).build();
    }

    public static EventBridgeClient eventBridge(URI endpoint, String region) {
        return configured(EventBridgeClient.builder(), endpoint, region).build();
    }

    /** The twin's endpoint, region, credentials and HTTP client on any service's client builder. */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configured(
            B builder, URI endpoint, String region) {
        return builder.endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create());
    }
}
