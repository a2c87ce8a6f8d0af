package dev.facerec.functions.core.aws;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SDK clients a function uses, built once per container. The no-arg factory builds them the ordinary way:
 * region, credentials and endpoints ({@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL_DYNAMODB},
 * {@code AWS_ENDPOINT_URL_REKOGNITION}) come from the environment; the HTTP client is the small url-connection one.
 *
 * @param s3          the S3 client
 * @param dynamoDb    the DynamoDB client
 * @param rekognition the Rekognition client
 */
public record AwsClients(S3Client s3, DynamoDbClient dynamoDb, RekognitionClient rekognition) {

  /** Clients configured from the environment. */
  public static AwsClients fromEnvironment() {
    return new AwsClients(
        S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
        DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
        RekognitionClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build());
  }
}
