package dev.facerec.test;

import dev.facerec.infra.FaceRecognition;
import dev.facerec.twin.ServiceClients;
import dev.facerec.twin.Twin;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The deployed pipeline as a user sees it: upload to the bucket, read the table and the results, ask Rekognition.
 * Waits poll the table, since the functions run asynchronously.
 */
final class Pipeline implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(120);
    /** Between two polls of a wait: a poll is one request to a local server, and a scenario waits dozens of times. */
    private static final Duration POLL = Duration.ofMillis(50);

    private final Map<String, String> outputs;
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;
    private final RekognitionClient rekognition;

    Pipeline(Twin twin, Map<String, String> outputs) {
        this.outputs = outputs;
        Map<String, String> endpoints = twin.endpoints();
        this.s3 = ServiceClients.s3(URI.create(endpoints.get("AWS_ENDPOINT_URL_S3")), "us-east-1");
        this.dynamoDb = ServiceClients.dynamoDb(URI.create(endpoints.get("AWS_ENDPOINT_URL_DYNAMODB")), "us-east-1");
        this.rekognition = RekognitionClient.builder()
                .endpointOverride(URI.create(endpoints.get("AWS_ENDPOINT_URL_REKOGNITION")))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * The pipeline whose stack outputs start with {@code name} (e.g. {@code ABucketName}, {@code ATableName},
     * {@code ACollectionId} for "A"), for stacks holding several.
     */
    static Pipeline named(Twin twin, Map<String, String> stackOutputs, String name) {
        Map<String, String> outputs = new HashMap<>();
        stackOutputs.forEach((key, value) -> {
            if (key.startsWith(name)) {
                outputs.put(key.substring(name.length()), value);
            }
        });
        return new Pipeline(twin, outputs);
    }

    /**
     * Adds the outputs {@link #named} reads for the pipeline {@code faces} of a test's own app, each prefixed with
     * {@code name}: its bucket, table and collection id.
     */
    static void exportOutputs(Stack stack, String name, FaceRecognition faces) {
        output(stack, name + "BucketName", faces.getBucket().getBucketName());
        output(stack, name + "TableName", faces.getTable().getTableName());
        output(stack, name + "CollectionId", faces.getCollection().getCollectionId());
    }

    /** A stack output of a test's own app. */
    static void output(Stack stack, String id, String value) {
        CfnOutput.Builder.create(stack, id).value(value).build();
    }

    String bucket() {
        return outputs.get("BucketName");
    }

    S3Client s3() {
        return s3;
    }

    RekognitionClient rekognition() {
        return rekognition;
    }

    String collectionId() {
        return outputs.get("CollectionId");
    }

    /** Uploads an object and returns its eTag (without quotes). */
    String upload(String key, byte[] bytes, Map<String, String> metadata) {
        return s3.putObject(b -> b.bucket(bucket()).key(key).metadata(metadata), RequestBody.fromBytes(bytes))
                .eTag()
                .replace("\"", "");
    }

    /**
     * Records consent for {@code personId} ({@code <tenantId>/<personId>} with a collection per tenant) with a consent
     * document, as an operator would: enrolment requires it by default. Not awaited: a photo uploaded right after is
     * processed with this document even when its own event comes first. Returns the document's key.
     */
    String recordConsent(String personId) {
        String key = outputs.getOrDefault("ConsentPrefix", "consent/") + personId + ".json";
        String document = "{\"consentedBy\": \"operator\", \"operatorId\": \"e2e-tests\","
                + " \"purpose\": \"end-to-end tests\", \"policyVersion\": \"test-1\"}";
        s3.putObject(b -> b.bucket(bucket()).key(key), RequestBody.fromString(document));
        return key;
    }

    /** The status row of an object once it reached one of the given statuses. */
    Map<String, AttributeValue> awaitStatus(String key, String... statuses) throws InterruptedException {
        List<String> wanted = List.of(statuses);
        return await("status " + wanted + " of " + key, () -> {
            Map<String, AttributeValue> row = statusRow(key);
            return row != null && wanted.contains(text(row, "status")) ? row : null;
        });
    }

    /** The keys of the bucket's current objects under {@code prefix}. */
    List<String> keys(String prefix) {
        return s3().listObjectsV2Paginator(b -> b.bucket(bucket()).prefix(prefix)).contents().stream()
                .map(o -> o.key())
                .toList();
    }

    Map<String, AttributeValue> statusRow(String key) {
        return objectRow(key, "STATUS");
    }

    /** The row of an object with that sort key ({@code STATUS}, {@code RESULT}), or {@code null}. */
    Map<String, AttributeValue> objectRow(String key, String sortKey) {
        Map<String, AttributeValue> row = dynamoDb.getItem(b -> b.tableName(table())
                        .key(Map.of(
                                "pk",
                                AttributeValue.fromS("OBJECT#" + bucket() + "/" + key),
                                "sk",
                                AttributeValue.fromS(sortKey))))
                .item();
        return row == null || row.isEmpty() ? null : row;
    }

    /** The face rows of a person. */
    List<Map<String, AttributeValue>> faceRows(String personId) {
        return dynamoDb.query(b -> b.tableName(table())
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :face)")
                        .expressionAttributeValues(Map.of(
                                ":pk",
                                AttributeValue.fromS("PERSON#" + personId),
                                ":face",
                                AttributeValue.fromS("FACE#"))))
                .items();
    }

    /** The person ids of the people rows (index gsi1, PEOPLE). */
    List<String> people() {
        return dynamoDb
                .query(b -> b.tableName(table())
                        .indexName("gsi1")
                        .keyConditionExpression("gsi1pk = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("PEOPLE"))))
                .items()
                .stream()
                .map(row -> text(row, "gsi1sk"))
                .toList();
    }

    /** The faces Rekognition finds in a photo (DetectFaces on its bytes). */
    List<FaceDetail> detectFaces(byte[] photo) {
        return rekognition
                .detectFaces(r -> r.image(
                        Image.builder().bytes(SdkBytes.fromByteArray(photo)).build()))
                .faceDetails();
    }

    /** Every row of the table. */
    List<Map<String, AttributeValue>> scanTable() {
        return dynamoDb.scanPaginator(b -> b.tableName(table())).items().stream()
                .toList();
    }

    /** The items of index {@code gsi1} under the partition key {@code gsi1pk}. */
    List<Map<String, AttributeValue>> indexItems(String gsi1pk) {
        return dynamoDb.query(b -> b.tableName(table())
                        .indexName("gsi1")
                        .keyConditionExpression("gsi1pk = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(gsi1pk))))
                .items();
    }

    /** The FaceIds in the collection. */
    List<String> collectionFaceIds() {
        return rekognition.listFacesPaginator(b -> b.collectionId(collectionId())).faces().stream()
                .map(face -> face.faceId())
                .toList();
    }

    static String text(Map<String, AttributeValue> row, String attribute) {
        AttributeValue value = row.get(attribute);
        return value == null ? null : value.s() != null ? value.s() : value.n();
    }

    static <T> T await(String what, Supplier<T> poll) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            T value = poll.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private String table() {
        return outputs.get("TableName");
    }

    @Override
    public void close() {
        s3.close();
        dynamoDb.close();
        rekognition.close();
    }
}
