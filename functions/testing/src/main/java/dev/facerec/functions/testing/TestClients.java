package dev.facerec.functions.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Real SDK clients pointed at local servers, with the dummy credentials {@code test}/{@code test} and region
 * {@code us-east-1}: nothing here can reach AWS.
 */
public final class TestClients {

    /** The access key (and secret) the clients sign with and the local servers accept. */
    public static final String ACCESS_KEY = "test";

    public static final String SECRET_KEY = "test";

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));

    private TestClients() {}

    public static S3Client s3(URI endpoint) {
        return s3(endpoint, new ExecutionInterceptor() {});
    }

    /** An S3 client whose calls pass through {@code interceptor} (as {@link #dynamoDb(URI, ExecutionInterceptor)}). */
    public static S3Client s3(URI endpoint, ExecutionInterceptor interceptor) {
        return S3Client.builder()
                .overrideConfiguration(b -> b.addExecutionInterceptor(interceptor))
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    public static DynamoDbClient dynamoDb(URI endpoint) {
        return dynamoDb(endpoint, new ExecutionInterceptor() {});
    }

    /**
     * A DynamoDB client whose calls pass through {@code interceptor}: a test uses it to do something at one exact
     * point of a handler's work (e.g. right after a given read returns), with the real server on both sides.
     */
    public static DynamoDbClient dynamoDb(URI endpoint, ExecutionInterceptor interceptor) {
        return DynamoDbClient.builder()
                .overrideConfiguration(b -> b.addExecutionInterceptor(interceptor))
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** A Rekognition client with the SDK's standard retries (as in Lambda). */
    public static RekognitionClient rekognition(URI endpoint) {
        return rekognition(endpoint, AwsRetryStrategy.forRetryMode(RetryMode.STANDARD));
    }

    /** A Rekognition client that never retries: every injected fault reaches the caller. */
    public static RekognitionClient rekognitionWithoutRetries(URI endpoint) {
        return rekognition(endpoint, AwsRetryStrategy.doNotRetry());
    }

    private static RekognitionClient rekognition(URI endpoint, RetryStrategy retries) {
        return RekognitionClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(retries))
                .build();
    }
}
