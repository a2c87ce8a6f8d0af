package dev.facerec.twin.cli;

import dev.facerec.twin.ServiceClients;
import dev.facerec.twin.TwinState;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The running twin as the commands see it: its stack outputs and SDK clients for its S3 and DynamoDB. An error
 * says to run {@code twin up} when no twin runs.
 */
final class RunningTwin implements AutoCloseable {

    /** How long a command waits for the functions: the first invocation starts a JVM. */
    static final Duration WAIT = Duration.ofMinutes(3);

    private final TwinState state;
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;

    private RunningTwin(TwinState state) {
        this.state = state;
        this.s3 = ServiceClients.s3(URI.create(state.endpoints().get("AWS_ENDPOINT_URL_S3")), state.region());
        this.dynamoDb =
                ServiceClients.dynamoDb(URI.create(state.endpoints().get("AWS_ENDPOINT_URL_DYNAMODB")), state.region());
    }

    static RunningTwin connect(Path dataDirectory) {
        return new RunningTwin(state(dataDirectory));
    }

    /** What the twin running on the data directory wrote about itself, or an error saying to start one. */
    static TwinState state(Path dataDirectory) {
        return TwinState.read(dataDirectory)
                .filter(TwinState::isAlive)
                .orElseThrow(() -> new IllegalStateException("no twin is running on " + dataDirectory
                        + ": start one with 'twin up --data " + dataDirectory
                        + "' (in another terminal) and wait for 'twin is up',"
                        + " or pass --data with the data directory of the twin that runs"));
    }

    S3Client s3() {
        return s3;
    }

    DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    String bucket() {
        return state.output("BucketName");
    }

    String table() {
        return state.output("TableName");
    }

    String output(String name) {
        return state.output(name);
    }

    /** The status row of an object, waiting until it leaves PROCESSING for the upload with this eTag. */
    Map<String, AttributeValue> awaitStatus(String key, String eTag) throws InterruptedException {
        Map<String, AttributeValue> statusKey = Map.of(
                "pk", AttributeValue.fromS("OBJECT#" + bucket() + "/" + key), "sk", AttributeValue.fromS("STATUS"));
        return Progress.await("waiting for " + key, WAIT, () -> {
            Map<String, AttributeValue> row =
                    dynamoDb.getItem(b -> b.tableName(table()).key(statusKey)).item();
            boolean done = row != null
                    && !row.isEmpty()
                    && !"PROCESSING".equals(text(row, "status"))
                    && (eTag == null || eTag.equals(text(row, "eTag")));
            return done ? row : null;
        });
    }

    static String text(Map<String, AttributeValue> row, String attribute) {
        AttributeValue value = row.get(attribute);
        if (value == null) {
            return null;
        }
        return value.s() != null ? value.s() : value.n();
    }

    @Override
    public void close() {
        s3.close();
        dynamoDb.close();
    }
}
