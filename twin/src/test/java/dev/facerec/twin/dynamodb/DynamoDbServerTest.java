package dev.facerec.twin.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynamoDbServerTest {

    @Test
    void inMemoryServer_shouldApplyConditionalWrites_likeDynamoDb() {
        try (DynamoDbServer server = DynamoDbServer.inMemory().start();
                DynamoDbClient client = client(server.endpoint())) {
            // GIVEN a table with one item
            createTable(client);
            client.putItem(b -> b.tableName("things").item(Map.of("pk", AttributeValue.fromS("a"))));

            // WHEN / THEN a conditional put on an existing key is refused
            assertThatThrownBy(() -> client.putItem(b -> b.tableName("things")
                            .item(Map.of("pk", AttributeValue.fromS("a")))
                            .conditionExpression("attribute_not_exists(pk)")))
                    .isInstanceOf(ConditionalCheckFailedException.class);
        }
    }

    @Test
    void persistentServer_shouldKeepTables_acrossARestart(@TempDir Path dir) {
        // GIVEN a persistent server with a table and an item, stopped
        try (DynamoDbServer server = DynamoDbServer.persistent(dir).start();
                DynamoDbClient client = client(server.endpoint())) {
            createTable(client);
            client.putItem(b -> b.tableName("things").item(Map.of("pk", AttributeValue.fromS("kept"))));
        }

        // WHEN a new server starts on the same directory
        try (DynamoDbServer server = DynamoDbServer.persistent(dir).start();
                DynamoDbClient client = client(server.endpoint())) {
            // THEN the item is there
            assertThat(client.getItem(b -> b.tableName("things").key(Map.of("pk", AttributeValue.fromS("kept"))))
                            .item())
                    .containsKey("pk");
        }
    }

    @Test
    void stop_shouldMakeTheEndpointUnavailable_whenCalled() {
        DynamoDbServer server = DynamoDbServer.inMemory().start();
        server.stop();

        assertThatThrownBy(server::endpoint).hasMessage("DynamoDB Local is not running");
    }

    @Test
    void stop_shouldEndEveryNonDaemonThreadOfTheServer_soThatTheJvmCanExit(@TempDir Path dir) throws Exception {
        // GIVEN a persistent server that served a table
        DynamoDbServer server = DynamoDbServer.persistent(dir).start();
        try (DynamoDbClient client = client(server.endpoint())) {
            createTable(client);
            client.putItem(b -> b.tableName("things").item(Map.of("pk", AttributeValue.fromS("a"))));
        }
        assertThat(nonDaemonDynamoDbThreads()).isNotEmpty();

        // WHEN
        server.stop();

        // THEN
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!nonDaemonDynamoDbThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(nonDaemonDynamoDbThreads()).isEmpty();
    }

    /** Live non-daemon threads running DynamoDB Local's code (its HTTP server or its background jobs). */
    private static List<String> nonDaemonDynamoDbThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().isAlive() && !e.getKey().isDaemon())
                .filter(e -> Arrays.stream(e.getValue())
                        .anyMatch(frame -> frame.getClassName().startsWith("com.amazonaws.services.dynamodbv2.local")
                                || frame.getClassName().startsWith("org.eclipse.jetty")))
                .map(e -> e.getKey().getName())
                .toList();
    }

    private static void createTable(DynamoDbClient client) {
        client.createTable(b -> b.tableName("things")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
    }

    private static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
