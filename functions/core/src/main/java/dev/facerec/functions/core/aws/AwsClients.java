package dev.facerec.functions.core.aws;

import java.util.function.Consumer;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SDK clients a function uses, built once per container. The no-arg factory builds them the ordinary way:
 * region, credentials and endpoints ({@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL_DYNAMODB},
 * {@code AWS_ENDPOINT_URL_REKOGNITION}) come from the environment; the HTTP client is the small url-connection one.
 * Retries are the SDK's standard mode, set explicitly (the SDK's default is the legacy mode unless
 * {@code AWS_RETRY_MODE} says otherwise): at most 3 attempts per call, with jittered exponential backoff and a retry
 * quota that stops retrying while a service keeps failing; what is still failing then goes to Lambda's retries.
 *
 * @param s3          the S3 client
 * @param dynamoDb    the DynamoDB client
 * @param rekognition the Rekognition client
 */
public record AwsClients(S3Client s3, DynamoDbClient dynamoDb, RekognitionClient rekognition) {

    /** The SDK's standard retry mode, which every client of a function uses. */
    public static final Consumer<ClientOverrideConfiguration.Builder> STANDARD_RETRIES =
            config -> config.retryStrategy(RetryMode.STANDARD);

    /** Clients configured from the environment. */
    public static AwsClients fromEnvironment() {
        return new AwsClients(
                configured(S3Client.builder()),
                configured(DynamoDbClient.builder()),
                configured(RekognitionClient.builder()));
    }

    /**
     * Any SDK client of a function, built the ordinary way (region, credentials and endpoint from the environment)
     * with the url-connection HTTP client and standard retries.
     */
    public static <C extends SdkClient, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> C configured(
            B builder) {
        return builder.httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(STANDARD_RETRIES)
                .build();
    }
}
