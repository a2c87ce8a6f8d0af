package dev.facerec.functions.testing;

import dev.facerec.engine.analysis.FaceEngine;
import dev.facerec.engine.rekognition.FaultInjector;
import dev.facerec.engine.rekognition.RekognitionServer;
import dev.facerec.twin.s3.S3Server;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Face;
import software.amazon.awssdk.services.rekognition.model.User;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * What the handler tests run against, started once per test class: the twin's S3 server in memory (which
 * reads {@code aws-chunked} uploads to their end, as S3 does), DynamoDB Local and the local Rekognition server, which
 * reads {@code S3Object} images from that S3 server. Its engine is either the
 * {@link ColorFaceEngine} ({@link #startWithColorFaces()}, for synthetic images) or the ONNX face engine
 * ({@link #startWithOnnxEngine()}, for real photos); faults and interleavings are injected through the server's
 * {@link #faults()}. The bucket, the table and the collection exist. Clients are the real SDK clients; the
 * Rekognition client does not retry, so that every injected fault reaches the handler.
 */
public final class FunctionServices implements AutoCloseable {

    public static final String BUCKET = "facerec-test-bucket";
    public static final String TABLE = "facerec-test-table";
    /** The functions' default {@code COLLECTION_ID}. */
    public static final String COLLECTION = "facerec-faces";

    private final S3Server s3Server;
    private final DynamoDbTestServer dynamoDbServer;
    private final RekognitionServer rekognitionServer;
    private final FaceEngine engine;
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;
    private final RekognitionClient rekognition;
    private final AtomicLong sequencer = new AtomicLong(0x0055AED6DCD90281L);

    /** @param engine the face engine, or null for the server's own ONNX engine */
    private FunctionServices(FaceEngine engine) {
        this.engine = engine;
        s3Server = S3Server.inMemory().start();
        dynamoDbServer = DynamoDbTestServer.start();
        s3 = TestClients.s3(s3Server.endpoint());
        dynamoDb = TestClients.dynamoDb(dynamoDbServer.endpoint());
        s3.createBucket(b -> b.bucket(BUCKET));
        TableFixture.create(dynamoDb, TABLE);
        RekognitionServer.Builder server = RekognitionServer.builder().s3Endpoint(s3Server.endpoint());
        rekognitionServer =
                (engine == null ? server : server.engine(engine)).build().start();
        rekognition = TestClients.rekognitionWithoutRetries(rekognitionServer.endpoint());
        rekognition.createCollection(b -> b.collectionId(COLLECTION));
    }

    /** Starts everything, with the {@link ColorFaceEngine}. */
    public static FunctionServices startWithColorFaces() {
        return new FunctionServices(new ColorFaceEngine());
    }

    /** Starts everything, with the ONNX face engine. */
    public static FunctionServices startWithOnnxEngine() {
        return new FunctionServices(null);
    }

    /** The Rekognition client the handlers use. */
    public RekognitionClient rekognition() {
        return rekognition;
    }

    public S3Client s3() {
        return s3;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    /** DynamoDB Local's endpoint, for a client of a test's own (e.g. with an interceptor). */
    public URI dynamoDbEndpoint() {
        return dynamoDbServer.endpoint();
    }

    /** The S3 server's endpoint, for a client or presigner of a test's own. */
    public URI s3Endpoint() {
        return s3Server.endpoint();
    }

    /** The Rekognition server's endpoint, for a client of a test's own. */
    public URI rekognitionEndpoint() {
        return rekognitionServer.endpoint();
    }

    /** The Rekognition server (Face Liveness frames, its sessions' clock). */
    public RekognitionServer rekognitionServer() {
        return rekognitionServer;
    }

    /** The Rekognition server's faults, call counts and interleavings. */
    public FaultInjector faults() {
        return rekognitionServer.faults();
    }

    /** Uploads {@code bytes} under {@code key}, with optional user metadata. */
    public Uploaded upload(String key, byte[] bytes, Map<String, String> metadata) {
        PutObjectResponse response =
                s3.putObject(b -> b.bucket(BUCKET).key(key).metadata(metadata), RequestBody.fromBytes(bytes));
        return new Uploaded(key, response.eTag().replace("\"", ""), bytes.length);
    }

    /** A new sequencer, greater than every one issued before. */
    public String nextSequencer() {
        return String.format("%018X", sequencer.incrementAndGet());
    }

    /** The values of the {@code object-created-template.json} fixture for an upload. */
    public Map<String, Object> createdEvent(Uploaded uploaded, String sequencer) {
        return Map.of(
                "bucket",
                BUCKET,
                "key",
                EventFixtures.encodeKey(uploaded.key()),
                "size",
                uploaded.size(),
                "eTag",
                uploaded.eTag(),
                "sequencer",
                sequencer);
    }

    /** The values of the {@code object-removed-template.json} fixture for a key. */
    public Map<String, Object> removedEvent(String key, String sequencer) {
        return Map.of("bucket", BUCKET, "key", EventFixtures.encodeKey(key), "sequencer", sequencer);
    }

    /** Any item of the table by key (empty when there is none). */
    public Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(
                        b -> b.tableName(TABLE).key(key).consistentRead(true))
                .item();
        return item == null ? Map.of() : item;
    }

    /** The items of partition {@code pk} whose sort key begins with {@code skPrefix}. */
    public List<Map<String, AttributeValue>> items(String pk, String skPrefix) {
        return dynamoDb.query(b -> b.tableName(TABLE)
                        .consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(
                                Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(skPrefix))))
                .items();
    }

    /**
     * The table's rows holding {@code id} as a whole token (keys and values), as the erasure verifier looks for it.
     */
    public List<Map<String, AttributeValue>> rowsNaming(String id) {
        Pattern token = Pattern.compile("(?<![A-Za-z0-9_.\\-])" + Pattern.quote(id) + "(?![A-Za-z0-9_.\\-])");
        return dynamoDb.scanPaginator(b -> b.tableName(TABLE)).items().stream()
                .filter(row -> token.matcher(row.toString()).find())
                .toList();
    }

    /** The keys of every object version and delete marker under {@code prefix}, as ListObjectVersions gives them. */
    public List<String> objectVersionKeys(String prefix) {
        var listing = s3.listObjectVersions(b -> b.bucket(BUCKET).prefix(prefix));
        return Stream.concat(
                        listing.versions().stream().map(v -> v.key()),
                        listing.deleteMarkers().stream().map(m -> m.key()))
                .toList();
    }

    /** The ids of the faces in the collection, as Rekognition's ListFaces gives them. */
    public List<String> collectionFaceIds() {
        return rekognition.listFacesPaginator(b -> b.collectionId(COLLECTION)).faces().stream()
                .map(Face::faceId)
                .toList();
    }

    /** The ids of the faces associated with a user, as ListFaces gives them. */
    public List<String> userFaceIds(String userId) {
        return rekognition.listFacesPaginator(b -> b.collectionId(COLLECTION).userId(userId)).faces().stream()
                .map(Face::faceId)
                .toList();
    }

    /** The user ids of the collection, as ListUsers gives them. */
    public List<String> userIds() {
        return rekognition.listUsersPaginator(b -> b.collectionId(COLLECTION)).users().stream()
                .map(User::userId)
                .toList();
    }

    @Override
    public void close() {
        s3.close();
        dynamoDb.close();
        rekognition.close();
        rekognitionServer.close();
        if (engine != null) {
            engine.close();
        }
        dynamoDbServer.close();
        s3Server.close();
    }
}
