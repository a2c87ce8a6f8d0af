package dev.facerec.twin.privacy;

import dev.facerec.twin.ServiceClients;
import dev.facerec.twin.Twin;
import dev.facerec.twin.sqs.SqsClients;
import java.net.URI;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients for a running twin's S3, DynamoDB, Rekognition and SQS, for a test to plant traces with. */
record ErasureVerifierClients(S3Client s3, DynamoDbClient dynamoDb, RekognitionClient rekognition, SqsClient sqs)
        implements AutoCloseable {

    static ErasureVerifierClients of(Twin twin) {
        String region = twin.settings().region();
        return new ErasureVerifierClients(
                ServiceClients.s3(URI.create(twin.endpoints().get("AWS_ENDPOINT_URL_S3")), region),
                ServiceClients.dynamoDb(URI.create(twin.endpoints().get("AWS_ENDPOINT_URL_DYNAMODB")), region),
                ServiceClients.rekognition(URI.create(twin.endpoints().get("AWS_ENDPOINT_URL_REKOGNITION")), region),
                SqsClients.create(URI.create(twin.endpoints().get("AWS_ENDPOINT_URL_SQS")), region));
    }

    @Override
    public void close() {
        s3.close();
        dynamoDb.close();
        rekognition.close();
        sqs.close();
    }
}
