package dev.facerec.functions.recognize;

import static dev.facerec.functions.recognize.RecognizeFixture.clients;
import static dev.facerec.functions.recognize.RecognizeFixture.config;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import dev.facerec.engine.rekognition.ErrorType;
import dev.facerec.functions.testing.EventFixtures;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Recognition behind an SQS event source mapping, through the real recognition on the local servers. */
class RecognizeFacesQueueHandlerTest extends WithColorFaceEngine {

    private final RecognizeFacesQueueHandler handler =
            new RecognizeFacesQueueHandler(clients(services), config(), Clock.systemUTC(), EventPublisher.NONE);

    @Test
    void handleRequest_shouldWriteTheResults_andReportTheThrottledPhotoOnly() {
        // GIVEN S3's test event, a photo to recognise, and one whose DetectFaces Rekognition throttles
        Uploaded throttled = upload("recognize/queue-throttled.png");
        Uploaded recognized = upload("recognize/queue-1.png");
        services.faults().failNext("DetectFaces", 1, ErrorType.THROTTLING);
        List<String> bodies =
                List.of(EventFixtures.load("test-event.json", Map.of()), created(throttled), created(recognized));

        // WHEN
        SQSBatchResponse response = handler.handleRequest(EventFixtures.sqsEvent(bodies), new TestContext());

        // THEN
        assertThat(response.getBatchItemFailures())
                .extracting(BatchItemFailure::getItemIdentifier)
                .containsExactly("message-2");
        assertThat(services.s3()
                        .headObject(b -> b.bucket(FunctionServices.BUCKET).key("results/queue-1.png.json"))
                        .contentLength())
                .isPositive();
    }

    private static Uploaded upload(String key) {
        return services.upload(key, SyntheticImages.png(300, 300, face(FaceColor.GREEN, 60, 60, 150)), Map.of());
    }

    private static String created(Uploaded photo) {
        return EventFixtures.load(
                "object-created-template.json", services.createdEvent(photo, services.nextSequencer()));
    }
}
