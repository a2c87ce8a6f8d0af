package dev.facerec.functions.index.testing;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.testing.ColorFaceRekognition;
import dev.facerec.functions.core.testing.EventFixtures;
import dev.facerec.functions.core.testing.RekognitionStub;
import dev.facerec.functions.core.testing.TableFixture;
import dev.facerec.functions.core.testing.TestClients;
import dev.facerec.twin.dynamodb.DynamoDbServer;
import dev.facerec.engine.rekognition.RekognitionServer;
import dev.facerec.twin.s3.S3Server;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * What the handler tests run against, started once per test class: s3proxy and DynamoDB Local (through the twin's
 * server classes) and a Rekognition — either the wire stub with a {@link ColorFaceRekognition} collection
 * ({@link #start()}, for synthetic images and fault injection) or the twin's real local Rekognition server with
 * its ONNX face engine ({@link #startWithFaceEngine()}, for real photos). The bucket, the table and the collection
 * exist. Clients are the real SDK clients; the Rekognition client does not retry, so that every injected fault
 * reaches the handler.
 */
public final class FunctionServices implements AutoCloseable {

  public static final String BUCKET = "facerec-test-bucket";
  public static final String TABLE = "facerec-test-table";

  private final S3Server s3Server;
  private final DynamoDbServer dynamoDbServer;
  private final RekognitionStub rekognitionStub;
  private final RekognitionServer rekognitionServer;
  private final S3Client s3;
  private final DynamoDbClient dynamoDb;
  private final RekognitionClient rekognition;
  private final ColorFaceRekognition collection;
  private final FunctionConfig config = FunctionConfig.defaults(TABLE);
  private final AtomicLong sequencer = new AtomicLong(0x0055AED6DCD90281L);

  private FunctionServices(boolean faceEngine) {
    s3Server = S3Server.inMemory().start();
    dynamoDbServer = DynamoDbServer.inMemory().start();
    s3 = TestClients.s3(s3Server.endpoint());
    dynamoDb = TestClients.dynamoDb(dynamoDbServer.endpoint());
    s3.createBucket(b -> b.bucket(BUCKET));
    TableFixture.create(dynamoDb, TABLE);
    if (faceEngine) {
      rekognitionStub = null;
      collection = null;
      rekognitionServer = RekognitionServer.builder().s3Endpoint(s3Server.endpoint()).build().start();
      rekognition = TestClients.rekognitionWithoutRetries(rekognitionServer.endpoint());
      rekognition.createCollection(b -> b.collectionId(config.collectionId()));
    } else {
      rekognitionServer = null;
      rekognitionStub = RekognitionStub.start();
      rekognition = TestClients.rekognitionWithoutRetries(rekognitionStub.endpoint());
      collection = new ColorFaceRekognition(s3).createCollection(config.collectionId()).installOn(rekognitionStub);
    }
  }

  /** Starts everything, with the Rekognition wire stub. */
  public static FunctionServices start() {
    return new FunctionServices(false);
  }

  /** Starts everything, with the twin's local Rekognition server and its ONNX face engine. */
  public static FunctionServices startWithFaceEngine() {
    return new FunctionServices(true);
  }

  /** The Rekognition client the handlers use. */
  public RekognitionClient rekognition() {
    return rekognition;
  }

  public AwsClients clients() {
    return new AwsClients(s3, dynamoDb, rekognition);
  }

  public FunctionConfig config() {
    return config;
  }

  public S3Client s3() {
    return s3;
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  /** The stub, when started with {@link #start()}. */
  public RekognitionStub rekognitionStub() {
    if (rekognitionStub == null) {
      throw new IllegalStateException("these services run the real face engine, not the stub");
    }
    return rekognitionStub;
  }

  /** The stub's collection, when started with {@link #start()}. */
  public ColorFaceRekognition collection() {
    rekognitionStub();
    return collection;
  }

  /** Uploads {@code bytes} under {@code key}, with optional user metadata. */
  public Uploaded upload(String key, byte[] bytes, Map<String, String> metadata) {
    PutObjectResponse response = s3.putObject(b -> b.bucket(BUCKET).key(key).metadata(metadata),
        RequestBody.fromBytes(bytes));
    return new Uploaded(key, response.eTag().replace("\"", ""), bytes.length);
  }

  /** A new sequencer, greater than every one issued before. */
  public String nextSequencer() {
    return String.format("%018X", sequencer.incrementAndGet());
  }

  /** The values of the {@code object-created-template.json} fixture for an upload. */
  public Map<String, Object> createdEvent(Uploaded uploaded, String sequencer) {
    return Map.of("bucket", BUCKET, "key", EventFixtures.encodeKey(uploaded.key()), "size", uploaded.size(),
        "eTag", uploaded.eTag(), "sequencer", sequencer);
  }

  /** The values of the {@code object-removed-template.json} fixture for a key. */
  public Map<String, Object> removedEvent(String key, String sequencer) {
    return Map.of("bucket", BUCKET, "key", EventFixtures.encodeKey(key), "sequencer", sequencer);
  }

  /** The status row of an object (empty when there is none). */
  public Map<String, AttributeValue> statusRow(String key) {
    return item(TableKeys.statusKey(BUCKET, key));
  }

  /** The person row of a person (empty when there is none). */
  public Map<String, AttributeValue> personRow(String personId) {
    return item(TableKeys.key(TableKeys.personPk(personId), TableKeys.PROFILE));
  }

  /** The face rows of a person. */
  public List<Map<String, AttributeValue>> faceRows(String personId) {
    return dynamoDb.query(b -> b.tableName(TABLE).consistentRead(true)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :face)")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(TableKeys.personPk(personId)),
            ":face", AttributeValue.fromS(TableKeys.FACE_PREFIX)))).items();
  }

  /** The ids of the faces in the collection, as Rekognition's ListFaces gives them (any Rekognition). */
  public List<String> collectionFaceIds() {
    return rekognition.listFacesPaginator(b -> b.collectionId(config.collectionId())).faces().stream()
        .map(software.amazon.awssdk.services.rekognition.model.Face::faceId).toList();
  }

  /** The ids of the faces associated with a user, as ListFaces gives them. */
  public List<String> userFaceIds(String userId) {
    return rekognition.listFacesPaginator(b -> b.collectionId(config.collectionId()).userId(userId)).faces()
        .stream().map(software.amazon.awssdk.services.rekognition.model.Face::faceId).toList();
  }

  /** The user ids of the collection, as ListUsers gives them. */
  public List<String> userIds() {
    return rekognition.listUsersPaginator(b -> b.collectionId(config.collectionId())).users().stream()
        .map(software.amazon.awssdk.services.rekognition.model.User::userId).toList();
  }

  /** Any item by key (empty when there is none). */
  public Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(TABLE).key(key).consistentRead(true))
        .item();
    return item == null ? Map.of() : item;
  }

  @Override
  public void close() {
    s3.close();
    dynamoDb.close();
    rekognition.close();
    if (rekognitionStub != null) {
      rekognitionStub.close();
    }
    if (rekognitionServer != null) {
      rekognitionServer.close();
    }
    dynamoDbServer.close();
    s3Server.close();
  }
}
