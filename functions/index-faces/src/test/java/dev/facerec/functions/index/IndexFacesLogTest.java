package dev.facerec.functions.index;

import static dev.facerec.functions.index.IndexFixture.clients;
import static dev.facerec.functions.index.IndexFixture.config;
import static dev.facerec.functions.index.IndexFixture.statusRow;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.facerec.engine.rekognition.ErrorType;
import dev.facerec.functions.core.handler.OutcomeLog;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.TestContext.Line;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;

/**
 * The log of enrolment goes through the invocation's Lambda logger (which the runtime writes as JSON with the request
 * id) and names objects by a hash only: no key, person id, name or face id ever appears in it.
 */
class IndexFacesLogTest extends WithColorFaceEngine {

    /* Names and keys use letters that are no hex digits, so that the hashes in the log cannot contain them. */
    @Test
    void handleRequest_shouldLogOutcomesWithoutKeysPeopleOrFaces_whenEnrollingRetryingAndDeleting() throws IOException {
        // GIVEN an enrolment handler and an invocation context whose log is captured
        IndexFacesHandler handler = new IndexFacesHandler(clients(services), config(), Clock.systemUTC());
        TestContext context = new TestContext();
        String key = "enroll/grace.hopper/portrait navy.jpg";
        Uploaded photo = services.upload(
                key,
                SyntheticImages.jpeg(300, 300, face(FaceColor.MAGENTA, 60, 60, 150)),
                Map.of("name", "Grace Hopper"));
        Map<String, Object> event = services.createdEvent(photo, services.nextSequencer());

        // WHEN its enrolment is throttled once, retried, and the photo is then deleted
        services.faults().failNext("IndexFaces", 1, ErrorType.THROTTLING);
        assertThatThrownBy(() -> invoke(handler, "object-created-template.json", event, context))
                .isInstanceOf(ThrottlingException.class);
        invoke(handler, "object-created-template.json", event, context);
        String faceId =
                AttributeValues.set(statusRow(services, key), "indexedFaceIds").get(0);
        invoke(handler, "object-removed-template.json", services.removedEvent(key, services.nextSequencer()), context);

        // THEN one line per attempt, the retry as a warning, naming the object by its hash
        assertThat(context.entries())
                .extracting(line -> line.fields().get("outcome"))
                .containsExactly("RETRY", "INDEXED", "REMOVED");
        assertThat(context.entries())
                .extracting(Line::level)
                .containsExactly(LogLevel.WARN, LogLevel.INFO, LogLevel.INFO);
        assertThat(context.entries())
                .allSatisfy(line -> assertThat(line.fields())
                        .containsEntry("function", "index-faces")
                        .containsEntry("object", OutcomeLog.objectRef(FunctionServices.BUCKET, key)));
        assertThat(context.entries().get(0).fields()).containsEntry("error", "ThrottlingException");

        // AND nothing that identifies the person, the photo or the face
        assertThat(context.entries())
                .extracting(Line::message)
                .allSatisfy(message -> assertThat(message)
                        .doesNotContainIgnoringCase("grace")
                        .doesNotContainIgnoringCase("hopper")
                        .doesNotContain("portrait")
                        .doesNotContain("navy")
                        .doesNotContain(faceId));
    }
}
