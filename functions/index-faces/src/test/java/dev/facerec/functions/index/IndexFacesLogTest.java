package dev.facerec.functions.index;

import static dev.facerec.functions.index.IndexFixture.clients;
import static dev.facerec.functions.index.IndexFixture.config;
import static dev.facerec.functions.index.IndexFixture.statusRow;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.functions.core.handler.OutcomeLog;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.engine.rekognition.ErrorType;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;

/** The log of enrolment names objects by a hash only: no key, person id, name or face id ever appears in it. */
class IndexFacesLogTest extends WithColorFaceEngine {

  private static final ObjectMapper JSON = new ObjectMapper();

  /* Names and keys use letters that are no hex digits, so that the hashes in the log cannot contain them. */
  @Test
  void handleRequest_shouldLogOutcomesWithoutKeysPeopleOrFaces_whenEnrollingRetryingAndDeleting()
      throws IOException {
    // GIVEN an enrolment handler whose log is captured
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    IndexFacesHandler handler = new IndexFacesHandler(clients(services), config(), Clock.systemUTC(),
        new PrintStream(captured, true, StandardCharsets.UTF_8));
    String key = "enroll/grace.hopper/portrait navy.jpg";
    Uploaded photo = services.upload(key, SyntheticImages.jpeg(300, 300, face(FaceColor.MAGENTA, 60, 60, 150)),
        Map.of("name", "Grace Hopper"));
    Map<String, Object> event = services.createdEvent(photo, services.nextSequencer());

    // WHEN its enrolment is throttled once, retried, and the photo is then deleted
    services.faults().failNext("IndexFaces", 1, ErrorType.THROTTLING);
    assertThatThrownBy(() -> created(handler, event)).isInstanceOf(ThrottlingException.class);
    assertThat(created(handler, event)).isEqualTo("INDEXED");
    String faceId = AttributeValues.set(statusRow(services, key), "indexedFaceIds").get(0);
    invoke(handler, "object-removed-template.json", services.removedEvent(key, services.nextSequencer()));

    // THEN one JSON line per attempt, naming the object by its hash
    String log = captured.toString(StandardCharsets.UTF_8);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : log.split("\n")) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines).extracting(line -> line.path("outcome").asText())
        .containsExactly("RETRY", "INDEXED", "REMOVED");
    assertThat(lines).allSatisfy(line -> assertThat(line.path("object").asText())
        .isEqualTo(OutcomeLog.objectRef(FunctionServices.BUCKET, key)));
    assertThat(lines.get(0).path("error").asText()).isEqualTo("ThrottlingException");

    // AND nothing that identifies the person, the photo or the face
    assertThat(log).doesNotContainIgnoringCase("grace").doesNotContainIgnoringCase("hopper")
        .doesNotContain("portrait").doesNotContain("navy").doesNotContain(faceId);
  }
}
