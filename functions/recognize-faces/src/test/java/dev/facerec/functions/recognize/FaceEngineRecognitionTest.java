package dev.facerec.functions.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.functions.core.image.ByteSource;
import dev.facerec.functions.core.image.ImageHeader;
import dev.facerec.functions.core.image.ImageHeaderReader;
import dev.facerec.functions.core.testing.EventFixtures;
import dev.facerec.functions.core.testing.SyntheticImages;
import dev.facerec.functions.index.IndexFacesHandler;
import dev.facerec.functions.index.testing.FunctionServices;
import dev.facerec.functions.index.testing.FunctionServices.Uploaded;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;

/**
 * The happy path on real photos and the real local face engine (the twin's Rekognition server on ONNX Runtime):
 * everyone in one group photo is enrolled from a crop through the enrolment handler, then the whole photo is
 * recognised through the recognition handler; the faces of another group photo stay unknown.
 */
class FaceEngineRecognitionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int GROUP = 5;
  private static final int OTHER_GROUP = 6;

  private static FunctionServices services;
  private static RecognizeFacesHandler recognition;
  private static final List<Enrolled> enrolled = new ArrayList<>();

  /** A person enrolled from the crop of one face of the group photo. */
  private record Enrolled(String personId, BoundingBox box) {
  }

  @BeforeAll
  static void enrolEveryoneInTheGroupPhoto() throws IOException {
    services = FunctionServices.startWithFaceEngine();
    recognition = new RecognizeFacesHandler(services.clients(), services.config(), Clock.systemUTC());
    IndexFacesHandler enrolment = new IndexFacesHandler(services.clients(), services.config(), Clock.systemUTC());
    byte[] group = SamplePhotos.sample(GROUP);
    List<FaceDetail> faces = services.rekognition().detectFaces(b -> b.image(i -> i.bytes(
        SdkBytes.fromByteArray(group)))).faceDetails();
    BufferedImage oriented = decode(group);
    for (int i = 0; i < faces.size(); i++) {
      String personId = "person-" + i;
      Uploaded crop = services.upload("enroll/" + personId + "/from group " + GROUP + ".jpg",
          crop(oriented, faces.get(i).boundingBox()), Map.of("name", "Person " + i));
      if ("INDEXED".equals(handle(enrolment, crop))) {
        enrolled.add(new Enrolled(personId, faces.get(i).boundingBox()));
      }
    }
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  @Test
  void handleRequest_shouldRecogniseEveryEnrolledPerson_whenTheirGroupPhotoIsUploaded() throws IOException {
    // GIVEN at least three people enrolled from crops of the group photo
    assertThat(enrolled).hasSizeGreaterThanOrEqualTo(3);
    Uploaded photo = services.upload("recognize/family/sample " + GROUP + ".jpg", SamplePhotos.sample(GROUP),
        Map.of());

    // WHEN the whole photo is recognised
    String outcome = handle(recognition, photo);

    // THEN each enrolled person is identified at their place in the photo, with their name
    assertThat(outcome).isEqualTo("RECOGNIZED");
    JsonNode result = result("results/family/sample " + GROUP + ".jpg.json");
    assertThat(result.path("faceCount").asInt()).isGreaterThanOrEqualTo(enrolled.size());
    for (Enrolled person : enrolled) {
      JsonNode face = faceAt(result, person.box());
      assertThat(face.at("/identity/status").asText()).as(person.personId()).isEqualTo("IDENTIFIED");
      assertThat(face.at("/identity/personId").asText()).isEqualTo(person.personId());
      assertThat(face.at("/identity/name").asText()).isEqualTo("Person " + person.personId().substring(7));
      assertThat(face.at("/identity/similarity").asDouble()).isGreaterThanOrEqualTo(80);
    }
    assertThat(result.path("identifiedCount").asInt()).isEqualTo(enrolled.size());
  }

  @Test
  void handleRequest_shouldIdentifyNobody_whenThePhotoShowsOtherPeople() throws IOException {
    // GIVEN another group photo, of people never enrolled
    Uploaded photo = services.upload("recognize/strangers.jpg", SamplePhotos.sample(OTHER_GROUP), Map.of());

    // WHEN
    String outcome = handle(recognition, photo);

    // THEN every face is found, and none is identified
    assertThat(outcome).isEqualTo("RECOGNIZED");
    JsonNode result = result("results/strangers.jpg.json");
    assertThat(result.path("faceCount").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(result.path("identifiedCount").asInt()).isZero();
    for (JsonNode face : result.path("faces")) {
      assertThat(face.at("/identity/status").asText()).isNotEqualTo("IDENTIFIED");
      assertThat(face.has("ageRange")).isTrue();
    }
  }

  private static JsonNode faceAt(JsonNode result, BoundingBox box) {
    Rectangle expected = rectangle(box.left(), box.top(), box.width(), box.height());
    for (JsonNode face : result.path("faces")) {
      Rectangle found = rectangle((float) face.at("/boundingBox/left").asDouble(),
          (float) face.at("/boundingBox/top").asDouble(), (float) face.at("/boundingBox/width").asDouble(),
          (float) face.at("/boundingBox/height").asDouble());
      Rectangle overlap = expected.intersection(found);
      if (!overlap.isEmpty() && overlap.width * overlap.height * 2 > expected.width * expected.height) {
        return face;
      }
    }
    throw new AssertionError("no face found where one was enrolled: " + box);
  }

  /** A ratio box in thousandths, for overlap tests. */
  private static Rectangle rectangle(float left, float top, float width, float height) {
    return new Rectangle(Math.round(left * 1000), Math.round(top * 1000), Math.round(width * 1000),
        Math.round(height * 1000));
  }

  private static BufferedImage decode(byte[] photo) throws IOException {
    ImageHeader header = ImageHeaderReader.read(ByteSource.of(photo));
    return ImageDecoder.decode(photo, header);
  }

  /** The face with half its size of margin on every side, as a JPEG. */
  private static byte[] crop(BufferedImage image, BoundingBox box) {
    int w = image.getWidth();
    int h = image.getHeight();
    int x0 = Math.max(0, Math.round((box.left() - box.width() / 2) * w));
    int y0 = Math.max(0, Math.round((box.top() - box.height() / 2) * h));
    int x1 = Math.min(w, Math.round((box.left() + box.width() * 1.5f) * w));
    int y1 = Math.min(h, Math.round((box.top() + box.height() * 1.5f) * h));
    return SyntheticImages.encodeJpeg(image.getSubimage(x0, y0, x1 - x0, y1 - y0));
  }

  private static JsonNode result(String key) throws IOException {
    return JSON.readTree(services.s3().getObject(b -> b.bucket(FunctionServices.BUCKET).key(key),
        ResponseTransformer.toBytes()).asByteArray());
  }

  private static String handle(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, Uploaded upload)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(EventFixtures.stream("object-created-template.json",
        services.createdEvent(upload, services.nextSequencer())), out, null);
    return JSON.readTree(out.toByteArray()).path("outcomes").get(0).asText();
  }
}
