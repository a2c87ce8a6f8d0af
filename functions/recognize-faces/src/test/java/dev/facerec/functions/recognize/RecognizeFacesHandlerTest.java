package dev.facerec.functions.recognize;

import static dev.facerec.functions.core.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.functions.core.testing.FaceColor;
import dev.facerec.functions.core.testing.SyntheticImages;
import dev.facerec.functions.index.IndexFacesHandler;
import dev.facerec.functions.index.testing.FunctionServices;
import dev.facerec.functions.index.testing.FunctionServices.Uploaded;
import dev.facerec.functions.index.testing.WithLocalServices;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.ResponseTransformer;

/**
 * Recognition cases that need exact geometry, on synthetic photos whose faces are coloured squares that the
 * Rekognition stub finds and identifies from the pixels (the happy path on real photos and the real face engine is
 * {@link FaceEngineRecognitionTest}). People are enrolled through the enrolment handler.
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
