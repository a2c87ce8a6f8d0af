package dev.facerec.functions.recognize;

import static dev.facerec.functions.core.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.functions.core.table.Av;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.testing.FaceColor;
import dev.facerec.functions.core.testing.SyntheticImages;
import dev.facerec.functions.index.IndexFacesHandler;
import dev.facerec.functions.index.testing.FunctionServices;
import dev.facerec.functions.index.testing.FunctionServices.Uploaded;
import dev.facerec.functions.index.testing.WithLocalServices;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Recognition through the handler, with people enrolled through the enrolment handler, against s3proxy, DynamoDB
 * Local and the Rekognition stub (whose faces are the coloured squares of synthetic photos).
 */
class RecognizeFacesHandlerTest extends WithLocalServices {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecognizeFacesHandler handler =
      new RecognizeFacesHandler(services.clients(), services.config(), Clock.systemUTC());

  @BeforeAll
  static void enrolAliceAndBob() throws IOException {
    IndexFacesHandler enrolment = new IndexFacesHandler(services.clients(), services.config(), Clock.systemUTC());
    enrol(enrolment, "enroll/alice/portrait.jpg", FaceColor.RED, Map.of("name", "Alice Liddell"));
    enrol(enrolment, "enroll/bob/portrait.jpg", FaceColor.BLUE, Map.of());
  }

  @Test
  void handleRequest_shouldIdentifyEveryFaceAndWriteTheResult_whenAGroupPhotoIsUploaded() throws IOException {
    // GIVEN a group photo of Alice, Bob and someone never enrolled, under a key with spaces, '+' and unicode
    String key = "recognize/party 2026/group + ø.jpg";
    Uploaded photo = services.upload(key, SyntheticImages.jpeg(800, 500, face(FaceColor.RED, 80, 100, 150),
        face(FaceColor.BLUE, 350, 150, 120), face(FaceColor.GREEN, 600, 200, 100)), Map.of());

    // WHEN its notification is handled
    String outcome = handle("recognize-encoded-key.json", Map.of("bucket", FunctionServices.BUCKET,
        "size", photo.size(), "eTag", photo.eTag()));

    // THEN the result is written under the results prefix (which triggers nothing), with every face
    assertThat(outcome).isEqualTo("RECOGNIZED");
    String resultKey = "results/party 2026/group + ø.jpg.json";
    JsonNode result = result(resultKey);
    assertThat(result.path("schemaVersion").asInt()).isEqualTo(1);
    assertThat(result.at("/source/key").asText()).isEqualTo(key);
    assertThat(result.at("/image/width").asInt()).isEqualTo(800);
    assertThat(result.path("faceCount").asInt()).isEqualTo(3);
    assertThat(result.path("identifiedCount").asInt()).isEqualTo(2);

    JsonNode alice = faceAt(result, 0.1);
    assertThat(alice.at("/identity/status").asText()).isEqualTo("IDENTIFIED");
    assertThat(alice.at("/identity/personId").asText()).isEqualTo("alice");
    assertThat(alice.at("/identity/name").asText()).isEqualTo("Alice Liddell");
    assertThat(alice.at("/identity/similarity").asDouble()).isGreaterThanOrEqualTo(80);
    assertThat(alice.at("/boundingBox/top").asDouble()).isCloseTo(0.2, within(0.01));
    assertThat(alice.at("/boundingBox/width").asDouble()).isCloseTo(150 / 800.0, within(0.01));
    assertThat(alice.at("/ageRange/low").asInt()).isLessThan(alice.at("/ageRange/high").asInt());
    assertThat(alice.at("/gender/value").asText()).isNotEmpty();
    assertThat(alice.at("/emotions/0/type").asText()).isEqualTo("HAPPY");
    assertThat(alice.path("landmarks")).hasSize(5);
    assertThat(alice.has("pose")).isTrue();

    JsonNode bob = faceAt(result, 350 / 800.0);
    assertThat(bob.at("/identity/personId").asText()).isEqualTo("bob");
    assertThat(bob.at("/identity").has("name")).isFalse();
    JsonNode stranger = faceAt(result, 600 / 800.0);
    assertThat(stranger.at("/identity/status").asText()).isEqualTo("UNKNOWN");
    assertThat(stranger.at("/identity").has("personId")).isFalse();

    // AND the status and result rows, both expiring after the configured days
    long expected = Instant.now().plus(Duration.ofDays(30)).getEpochSecond();
    Map<String, AttributeValue> status = services.statusRow(key);
    assertThat(Av.str(status, "status")).isEqualTo("RECOGNIZED");
    assertThat(Av.str(status, "resultKey")).isEqualTo(resultKey);
    assertThat(Av.num(status, "ttl", 0)).isCloseTo(expected, within(60L));
    Map<String, AttributeValue> row = services.item(TableKeys.key(TableKeys.objectPk(FunctionServices.BUCKET, key),
        TableKeys.RESULT));
    assertThat(Av.num(row, "faceCount", -1)).isEqualTo(3);
    assertThat(row.get("personIds").l()).extracting(AttributeValue::s).containsExactlyInAnyOrder("alice", "bob");
    assertThat(Av.num(row, "ttl", 0)).isCloseTo(expected, within(60L));
  }

  @Test
  void handleRequest_shouldCropTheOrientedImage_whenTheJpegCarriesAnExifOrientation() throws IOException {
    // GIVEN a photo displayed as Alice left and Bob right, stored turned and tagged "rotate 90° to display"
    var displayed = SyntheticImages.picture(640, 400, face(FaceColor.RED, 40, 60, 140),
        face(FaceColor.BLUE, 420, 200, 130));
    byte[] jpeg = SyntheticImages.withExifOrientation(
        SyntheticImages.encodeJpeg(SyntheticImages.storedForOrientation6(displayed)), 6);
    Uploaded photo = services.upload("recognize/turned.jpg", jpeg, Map.of());

    // WHEN
    handle("object-created-template.json", services.createdEvent(photo, services.nextSequencer()));

    // THEN the boxes are those of the displayed image and each face was identified from the right pixels
    JsonNode result = result("results/turned.jpg.json");
    assertThat(result.at("/image/width").asInt()).isEqualTo(640);
    assertThat(faceAt(result, 40 / 640.0).at("/identity/personId").asText()).isEqualTo("alice");
    assertThat(faceAt(result, 420 / 640.0).at("/identity/personId").asText()).isEqualTo("bob");
  }

  @Test
  void handleRequest_shouldIdentifyASmallFace_whenALargerFaceReachesIntoItsCrop() throws IOException {
    // GIVEN Bob's small face right next to Alice's large one: Alice covers more of Bob's crop than Bob does
    Uploaded photo = services.upload("recognize/close.png", SyntheticImages.png(500, 400,
        face(FaceColor.RED, 100, 100, 200), face(FaceColor.BLUE, 302, 122, 36)), Map.of());

    // WHEN
    handle("object-created-template.json", services.createdEvent(photo, services.nextSequencer()));

    // THEN Alice is painted out of Bob's crop, and each is identified
    JsonNode result = result("results/close.png.json");
    assertThat(faceAt(result, 100 / 500.0).at("/identity/personId").asText()).isEqualTo("alice");
    assertThat(faceAt(result, 302 / 500.0).at("/identity/personId").asText()).isEqualTo("bob");
  }

  @Test
  void handleRequest_shouldProcessOnce_whenTheSameEventIsDeliveredTwice() throws IOException {
    Uploaded photo = services.upload("recognize/twice.jpg", SyntheticImages.jpeg(400, 300,
        face(FaceColor.RED, 100, 100, 120)), Map.of());
    Map<String, Object> event = services.createdEvent(photo, services.nextSequencer());

    String first = handle("object-created-template.json", event);
    String second = handle("object-created-template.json", event);

    assertThat(first).isEqualTo("RECOGNIZED");
    assertThat(second).isEqualTo("DUPLICATE");
    assertThat(services.rekognitionStub().requests("DetectFaces")).hasSize(1);
  }

  private static JsonNode faceAt(JsonNode result, double left) {
    for (JsonNode face : result.path("faces")) {
      if (Math.abs(face.at("/boundingBox/left").asDouble() - left) < 0.01) {
        return face;
      }
    }
    throw new AssertionError("no face at left=" + left + " in " + result);
  }

  private static JsonNode result(String key) throws IOException {
    return JSON.readTree(services.s3().getObject(b -> b.bucket(FunctionServices.BUCKET).key(key),
        ResponseTransformer.toBytes()).asByteArray());
  }

  private static void enrol(IndexFacesHandler enrolment, String key, FaceColor color, Map<String, String> metadata)
      throws IOException {
    Uploaded photo = services.upload(key, SyntheticImages.jpeg(300, 300, face(color, 70, 60, 160)), metadata);
    assertThat(created(enrolment, services.createdEvent(photo, services.nextSequencer()))).isEqualTo("INDEXED");
  }

  private String handle(String fixture, Map<String, ?> values) throws IOException {
    return invoke(handler, fixture, values).path("outcomes").get(0).asText();
  }
}
