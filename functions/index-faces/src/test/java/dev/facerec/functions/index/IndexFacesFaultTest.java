package dev.facerec.functions.index;

import static dev.facerec.functions.index.IndexFixture.clients;
import static dev.facerec.functions.index.IndexFixture.config;
import static dev.facerec.functions.index.IndexFixture.faceRows;
import static dev.facerec.functions.index.IndexFixture.statusRow;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.engine.rekognition.ErrorType;
import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.enrollment.CollectionFaces;
import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.status.ObjectBusyException;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.StatusStore;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TestClients;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.InternalServerErrorException;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;

/** Rekognition faults injected on the wire: retryable ones are rethrown, the others end in REJECTED rows. */
class IndexFacesFaultTest extends WithColorFaceEngine {

    private final IndexFacesHandler handler = new IndexFacesHandler(clients(services), config(), Clock.systemUTC());

    @Test
    void handleRequest_shouldRethrowAndIndexOnRetry_whenRekognitionThrottles() throws IOException {
        // GIVEN a photo, and Rekognition throttling the next IndexFaces
        Uploaded photo = upload("enroll/d1/p.jpg", FaceColor.RED);
        Map<String, Object> event = services.createdEvent(photo, services.nextSequencer());
        services.faults().failNext("IndexFaces", 1, ErrorType.THROTTLING);

        // WHEN the event is handled, THEN the error is rethrown (Lambda retries) and the claim released
        assertThatThrownBy(() -> handle(event)).isInstanceOf(ThrottlingException.class);
        assertThat(AttributeValues.str(statusRow(services, photo.key()), "status"))
                .isEqualTo("PROCESSING");
        assertThat(AttributeValues.num(statusRow(services, photo.key()), "leaseUntil", -1))
                .isZero();

        // WHEN Lambda delivers the event again, THEN it is indexed, without listing the collection (the first attempt
        // gave the object back, so nothing of it can be unrecorded)
        assertThat(handle(event)).isEqualTo("INDEXED");
        assertThat(faceRows(services, "d1")).hasSize(1);
        assertThat(services.faults().calls("ListFaces")).isZero();
    }

    @Test
    void handleRequest_shouldCleanUpTheFirstAttempt_whenAFaultStrikesAfterIndexFaces() throws IOException {
        // GIVEN a photo, and a server error on the AssociateFaces that follows a successful IndexFaces
        Uploaded photo = upload("enroll/d2/p.jpg", FaceColor.GREEN);
        Map<String, Object> event = services.createdEvent(photo, services.nextSequencer());
        services.faults().failNext("AssociateFaces", 1, ErrorType.INTERNAL_SERVER_ERROR);

        // WHEN the first attempt fails
        assertThatThrownBy(() -> handle(event)).isInstanceOf(InternalServerErrorException.class);
        List<String> firstAttempt = AttributeValues.set(statusRow(services, photo.key()), "indexedFaceIds");

        // AND the retry succeeds
        String outcome = handle(event);

        // THEN the face of the first attempt was recorded, then deleted: exactly one face is left for the photo
        assertThat(firstAttempt).hasSize(1);
        assertThat(outcome).isEqualTo("INDEXED");
        List<String> indexed = AttributeValues.set(statusRow(services, photo.key()), "indexedFaceIds");
        assertThat(services.collectionFaceIds())
                .doesNotContain(firstAttempt.get(0))
                .contains(indexed.get(0));
        assertThat(faceRows(services, "d2")).hasSize(1);
    }

    @Test
    void handleRequest_shouldRecordARejection_whenRekognitionRefusesTheParameters() throws IOException {
        // GIVEN a photo, and Rekognition answering InvalidParameterException
        Uploaded photo = upload("enroll/d3/p.jpg", FaceColor.BLUE);
        services.faults().failNext("IndexFaces", 1, ErrorType.INVALID_PARAMETER);

        // WHEN the event is handled: nothing is thrown
        String outcome = handle(services.createdEvent(photo, services.nextSequencer()));

        // THEN the rejection names the error
        assertThat(outcome).isEqualTo("REJECTED");
        assertThat(AttributeValues.str(statusRow(services, photo.key()), "reason"))
                .isEqualTo("REKOGNITION_ERROR");
        assertThat(AttributeValues.str(statusRow(services, photo.key()), "errorCode"))
                .isEqualTo("InvalidParameterException");
    }

    @Test
    void handleRequest_shouldDeleteTheIndexedFace_whenANonRetryableErrorFollowsIndexFaces() throws IOException {
        // GIVEN a photo, and CreateUser denied after the face was indexed
        Uploaded photo = upload("enroll/d4/p.jpg", FaceColor.YELLOW);
        List<String> facesBefore = services.collectionFaceIds();
        services.faults().failNext("CreateUser", 1, ErrorType.ACCESS_DENIED);

        // WHEN
        String outcome = handle(services.createdEvent(photo, services.nextSequencer()));

        // THEN the photo is rejected and its face removed again
        assertThat(outcome).isEqualTo("REJECTED");
        assertThat(AttributeValues.str(statusRow(services, photo.key()), "errorCode"))
                .isEqualTo("AccessDeniedException");
        assertThat(services.collectionFaceIds()).containsExactlyInAnyOrderElementsOf(facesBefore);
    }

    @Test
    void handleRequest_shouldRecordNotAnImage_whenRekognitionCannotReadTheImage() throws IOException {
        Uploaded photo = upload("enroll/d5/p.jpg", FaceColor.CYAN);
        services.faults().failNext("IndexFaces", 1, ErrorType.INVALID_IMAGE_FORMAT);

        String outcome = handle(services.createdEvent(photo, services.nextSequencer()));

        assertThat(outcome).isEqualTo("REJECTED");
        assertThat(AttributeValues.str(statusRow(services, photo.key()), "reason"))
                .isEqualTo("NOT_AN_IMAGE");
    }

    @Test
    void handleRequest_shouldThrowRetryably_whenAnotherInvocationHoldsTheObject() throws IOException {
        // GIVEN an event whose object another invocation has claimed (a concurrent duplicate delivery)
        Uploaded photo = upload("enroll/d6/p.jpg", FaceColor.MAGENTA);
        String sequencer = services.nextSequencer();
        S3ObjectEvent event = new S3ObjectEvent(
                "ObjectCreated:Put", FunctionServices.BUCKET, photo.key(), photo.size(), photo.eTag(), null, sequencer);
        new StatusStore(services.dynamoDb(), FunctionServices.TABLE, Clock.systemUTC())
                .claim(event, EnrollmentService.KIND, Duration.ofMinutes(5));

        // WHEN / THEN the duplicate is not processed alongside: it fails so that Lambda retries it later
        assertThatThrownBy(() -> handle(services.createdEvent(photo, sequencer)))
                .isInstanceOf(ObjectBusyException.class);
        assertThat(services.faults().calls("IndexFaces")).isZero();
    }

    @Test
    void handleRequest_shouldSucceed_whenTheSdkRetriesAThrottleByItself() throws IOException {
        // GIVEN a handler whose Rekognition client retries as in Lambda (the SDK's standard mode)
        try (RekognitionClient retrying = TestClients.rekognition(services.rekognitionEndpoint())) {
            IndexFacesHandler lambdaLike = new IndexFacesHandler(
                    new AwsClients(services.s3(), services.dynamoDb(), retrying), config(), Clock.systemUTC());
            Uploaded photo = upload("enroll/d7/p.jpg", FaceColor.RED);
            services.faults().failNext("IndexFaces", 1, ErrorType.THROTTLING);

            // WHEN
            created(lambdaLike, services.createdEvent(photo, services.nextSequencer()));

            // THEN the throttle never reached the handler
            assertThat(AttributeValues.str(statusRow(services, photo.key()), "status"))
                    .isEqualTo("INDEXED");
            assertThat(services.faults().calls("IndexFaces")).isEqualTo(2);
        }
    }

    private static Uploaded upload(String key, FaceColor color) {
        return services.upload(key, SyntheticImages.jpeg(300, 300, face(color, 60, 60, 150)), Map.of());
    }

    private String handle(Map<String, Object> values) throws IOException {
        return created(handler, values);
    }

    @Test
    void index_shouldDeleteTheNewFace_whenItsIdsCannotBeRecorded() {
        // GIVEN a photo, and a status table that fails the write of the new face ids
        Uploaded photo = upload("enroll/d8/p.jpg", FaceColor.BLUE);
        String collectionId = FunctionServices.COLLECTION;
        List<String> facesBefore = services.collectionFaceIds();
        FaceIndexer indexer = new FaceIndexer(
                services.rekognition(), collectionId, new CollectionFaces(services.rekognition(), collectionId), false);
        S3ObjectEvent event = new S3ObjectEvent(
                "ObjectCreated:Put",
                FunctionServices.BUCKET,
                photo.key(),
                photo.size(),
                photo.eTag(),
                null,
                services.nextSequencer());

        // WHEN / THEN the failure reaches the caller
        assertThatThrownBy(() -> indexer.index(event, "d8", ids -> {
                    throw new IllegalStateException("the table is unreachable");
                }))
                .hasMessage("the table is unreachable");

        // AND the face IndexFaces added is deleted again: nothing is left that no row names
        assertThat(services.faults().calls("IndexFaces")).isEqualTo(1);
        assertThat(services.collectionFaceIds()).containsExactlyInAnyOrderElementsOf(facesBefore);
    }
}
