package dev.facerec.functions.index;

import static dev.facerec.functions.index.IndexFixture.clients;
import static dev.facerec.functions.index.IndexFixture.config;
import static dev.facerec.functions.index.IndexFixture.faceRows;
import static dev.facerec.functions.index.IndexFixture.statusRow;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import dev.facerec.engine.rekognition.ErrorType;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.testing.EventFixtures;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Enrolment behind an SQS event source mapping: S3 event notifications in message bodies, through the real
 * enrolment with S3, DynamoDB and Rekognition servers, answered with Lambda's partial batch response.
 */
class IndexFacesQueueHandlerTest extends WithColorFaceEngine {

    private final IndexFacesQueueHandler handler =
            new IndexFacesQueueHandler(clients(services), config(), Clock.systemUTC());

    @Test
    void handleRequest_shouldIgnoreS3sTestEvent() {
        // WHEN
        SQSBatchResponse response = handle(EventFixtures.load("test-event.json", Map.of()));

        // THEN
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    @Test
    void handleRequest_shouldReportOnlyTheRetryableAndUnreadableMessages_whenABatchMixesOutcomes() {
        // GIVEN a batch: a photo whose IndexFaces Rekognition throttles, a photo that indexes, a file that is no
        // image, and a body that is no S3 event
        Uploaded throttled = upload("enroll/q1/p.jpg", FaceColor.RED);
        Uploaded indexed = upload("enroll/q2/p.jpg", FaceColor.GREEN);
        Uploaded notAnImage =
                services.upload("enroll/q3/p.jpg", "not an image".getBytes(StandardCharsets.UTF_8), Map.of());
        services.faults().failNext("IndexFaces", 1, ErrorType.THROTTLING);
        List<String> bodies =
                List.of(created(throttled), created(indexed), created(notAnImage), "{\"unexpected\": true}");

        // WHEN
        SQSBatchResponse response = handler.handleRequest(EventFixtures.sqsEvent(bodies), new TestContext());

        // THEN only the throttled photo's message and the unreadable one come back
        assertThat(response.getBatchItemFailures())
                .extracting(BatchItemFailure::getItemIdentifier)
                .containsExactly("message-1", "message-4");
        assertThat(AttributeValues.str(statusRow(services, indexed.key()), "status"))
                .isEqualTo("INDEXED");
        assertThat(AttributeValues.str(statusRow(services, notAnImage.key()), "status"))
                .isEqualTo("REJECTED");
        assertThat(AttributeValues.str(statusRow(services, throttled.key()), "status"))
                .isEqualTo("PROCESSING");

        // WHEN the throttled photo's message comes back after the visibility timeout
        SQSBatchResponse retried = handle(created(throttled));

        // THEN it is indexed
        assertThat(retried.getBatchItemFailures()).isEmpty();
        assertThat(AttributeValues.str(statusRow(services, throttled.key()), "status"))
                .isEqualTo("INDEXED");
        assertThat(faceRows(services, "q1")).hasSize(1);
    }

    @Test
    void handleRequest_shouldNotReportADuplicate_whenTheMessageIsDeliveredTwice() {
        // GIVEN a photo whose message was handled once
        Uploaded photo = upload("enroll/q4/p.jpg", FaceColor.BLUE);
        String body = created(photo);
        assertThat(handle(body).getBatchItemFailures()).isEmpty();

        // WHEN SQS delivers the message again (at least once)
        SQSBatchResponse again = handle(body);

        // THEN the duplicate is done without a second face
        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(faceRows(services, "q4")).hasSize(1);
    }

    private SQSBatchResponse handle(String body) {
        return handler.handleRequest(EventFixtures.sqsEvent(List.of(body)), new TestContext());
    }

    private static String created(Uploaded photo) {
        return EventFixtures.load(
                "object-created-template.json", services.createdEvent(photo, services.nextSequencer()));
    }

    private static Uploaded upload(String key, FaceColor color) {
        return services.upload(key, SyntheticImages.jpeg(300, 300, face(color, 60, 60, 150)), Map.of());
    }
}
