package dev.facerec.twin.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.twin.Twin;
import dev.facerec.twin.TwinClients;
import dev.facerec.twin.TwinSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * The erasure verifier on a running twin: a trace of a person planted in each store is found there, a person with a
 * longer id that contains it is not mistaken for it, and a person never stored is found nowhere.
 */
class ErasureVerifierTest {

    @TempDir
    static Path directory;

    private static Twin twin;
    private static ErasureVerifier verifier;

    @BeforeAll
    static void plantTraces() throws Exception {
        twin = Twin.start(TwinSettings.defaults(directory.resolve("data")), line -> {});
        verifier = ErasureVerifier.connect(twin.endpoints(), twin.settings().region(), directory.resolve("data"));
        for (String person : List.of("ann", "anna")) {
            plant(person);
        }
    }

    @AfterAll
    static void stop() {
        if (verifier != null) {
            verifier.close();
        }
        if (twin != null) {
            twin.close();
        }
    }

    @Test
    void search_shouldFindThePlantedTraceInEveryStore() {
        ErasureReport report = verifier.search("ann");

        assertThat(report.clean()).isFalse();
        assertThat(report.traces())
                .extracting(trace -> trace.store() + ": " + trace.what())
                .containsExactlyInAnyOrder(
                        "s3: object version",
                        "s3: delete marker",
                        "s3: document content",
                        "dynamodb: attribute pk",
                        "dynamodb: attribute personId",
                        "dynamodb: attribute tracks",
                        "rekognition: user",
                        "sqs: message body",
                        "logs: log line");
        assertThat(report.traces()).noneMatch(trace -> trace.where().contains("anna"));
    }

    @Test
    void search_shouldFindNothing_forAnIdentifierNeverStored_andSayWhatItRead() {
        ErasureReport report = verifier.search("bob");

        assertThat(report.clean()).isTrue();
        assertThat(report.read())
                .containsKeys("s3", "dynamodb", "rekognition", "sqs", "logs")
                .allSatisfy((store, what) -> assertThat(what).doesNotStartWith("0 "));
    }

    /** One trace of {@code person} in each store, under names of its own. */
    private static void plant(String person) throws Exception {
        try (TwinClients clients =
                TwinClients.connect(twin.endpoints(), twin.settings().region())) {
            String bucket = "bucket-" + person;
            clients.s3().createBucket(b -> b.bucket(bucket));
            clients.s3()
                    .putBucketVersioning(b ->
                            b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            clients.s3()
                    .putObject(b -> b.bucket(bucket).key("enroll/" + person + "/1.jpg"), RequestBody.fromString("x"));
            clients.s3().deleteObject(b -> b.bucket(bucket).key("enroll/" + person + "/1.jpg"));
            clients.s3()
                    .putObject(
                            b -> b.bucket(bucket).key("results/party.jpg.json"),
                            RequestBody.fromString("{\"faces\":[{\"personId\":\"" + person + "\"}]}"));

            String table = "table-" + person;
            clients.dynamoDb()
                    .createTable(b -> b.tableName(table)
                            .billingMode(BillingMode.PAY_PER_REQUEST)
                            .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                            .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
            clients.dynamoDb()
                    .putItem(b -> b.tableName(table)
                            .item(Map.of(
                                    "pk", AttributeValue.fromS("PERSON#" + person),
                                    "personId", AttributeValue.fromS(person))));
            // a camera's state row: the person only as an unknown face's candidate, in a map nested in a map
            clients.dynamoDb()
                    .putItem(b -> b.tableName(table)
                            .item(Map.of(
                                    "pk", AttributeValue.fromS("CAMERA#door"),
                                    "tracks",
                                            AttributeValue.fromM(Map.of(
                                                    "U#1",
                                                    AttributeValue.fromM(
                                                            Map.of("candidate", AttributeValue.fromS(person))))))));

            String collection = "collection-" + person.length();
            clients.rekognition().createCollection(b -> b.collectionId(collection));
            clients.rekognition().createUser(b -> b.collectionId(collection).userId(person));

            String queue = clients.sqs()
                    .createQueue(b -> b.queueName("queue-" + person))
                    .queueUrl();
            clients.sqs().sendMessage(b -> b.queueUrl(queue).messageBody("{\"key\":\"enroll/" + person + "/1.jpg\"}"));

            Path logs = directory.resolve("data").resolve("lambda").resolve("logs");
            Files.createDirectories(logs);
            Files.writeString(
                    logs.resolve("function-" + person + ".log"),
                    "START\nobject enroll/" + person + "/1.jpg INDEXED\nEND\n",
                    StandardCharsets.UTF_8);
        }
    }
}
