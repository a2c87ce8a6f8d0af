package dev.facerec.functions.recognize;

import static dev.facerec.functions.recognize.RecognizeFixture.clients;
import static dev.facerec.functions.recognize.RecognizeFixture.config;
import static dev.facerec.functions.recognize.RecognizeFixture.statusRow;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.engine.rekognition.ErrorType;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.testing.BadImage;
import dev.facerec.functions.testing.BadImages;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.rekognition.model.InternalServerErrorException;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;

/** Bad photos and Rekognition faults in recognition: REJECTED rows, or a rethrow when a retry can help. */
class RecognizeFacesRejectionTest extends WithColorFaceEngine {

    private final RecognizeFacesHandler handler =
            new RecognizeFacesHandler(clients(services), config(), Clock.systemUTC());

    static List<BadImage> badPhotos() {
        return BadImages.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPhotos")
    void handleRequest_rejects(BadImage bad) throws IOException {
        // GIVEN a bad photo to recognise
        String key = "recognize/bad/" + bad.fileName();
        Uploaded upload = services.upload(key, bad.bytes(), Map.of());

        // WHEN its notification is handled (nothing is thrown)
        String outcome = handle(upload);

        // THEN the status row says why, and no result was written
        assertThat(outcome).isEqualTo("REJECTED");
        assertThat(AttributeValues.str(statusRow(services, key), "reason")).isEqualTo(bad.reason());
        assertThat(AttributeValues.num(statusRow(services, key), "ttl", 0)).isPositive();
        assertThat(services.s3()
                        .listObjectsV2(b -> b.bucket(FunctionServices.BUCKET).prefix("results/bad/" + bad.fileName()))
                        .contents())
                .isEmpty();
    }

    @Test
    @DisplayName("fails if the key names a folder")
    void handleRequest_rejectsFolderKeys() throws IOException {
        Uploaded folder = services.upload("recognize/album/", new byte[0], Map.of());

        assertThat(handle(folder)).isEqualTo("REJECTED");
        assertThat(AttributeValues.str(statusRow(services, folder.key()), "reason"))
                .isEqualTo("INVALID_KEY");
    }

    @Test
    void handleRequest_shouldRethrow_whenDetectFacesIsThrottled() {
        Uploaded photo = photo("recognize/faults/throttled.jpg");
        services.faults().failNext("DetectFaces", 1, ErrorType.THROTTLING);

        assertThatThrownBy(() -> handle(photo)).isInstanceOf(ThrottlingException.class);
        assertThat(AttributeValues.str(statusRow(services, photo.key()), "status"))
                .isEqualTo("PROCESSING");
    }

    @Test
    void handleRequest_shouldRethrowAndRecogniseOnRetry_whenASearchFailsOnTheServer() throws IOException {
        // GIVEN a photo whose face search meets a server error
        Uploaded photo = photo("recognize/faults/search.jpg");
        services.faults().failNext("SearchUsersByImage", 1, ErrorType.INTERNAL_SERVER_ERROR);

        // WHEN / THEN the error is rethrown and no result is written
        assertThatThrownBy(() -> handle(photo)).isInstanceOf(InternalServerErrorException.class);
        assertThat(services.s3()
                        .listObjectsV2(b -> b.bucket(FunctionServices.BUCKET).prefix("results/faults/search.jpg"))
                        .contents())
                .isEmpty();

        // AND Lambda's retry succeeds
        assertThat(handle(photo)).isEqualTo("RECOGNIZED");
    }

    @Test
    void handleRequest_shouldRecordARejection_whenRekognitionDeniesAccess() throws IOException {
        Uploaded photo = photo("recognize/faults/denied.jpg");
        services.faults().failNext("DetectFaces", 1, ErrorType.ACCESS_DENIED);

        assertThat(handle(photo)).isEqualTo("REJECTED");
        assertThat(AttributeValues.str(statusRow(services, photo.key()), "reason"))
                .isEqualTo("REKOGNITION_ERROR");
        assertThat(AttributeValues.str(statusRow(services, photo.key()), "errorCode"))
                .isEqualTo("AccessDeniedException");
    }

    private static Uploaded photo(String key) {
        return services.upload(key, SyntheticImages.jpeg(400, 300, face(FaceColor.YELLOW, 100, 80, 120)), Map.of());
    }

    private String handle(Uploaded upload) throws IOException {
        return created(handler, services.createdEvent(upload, services.nextSequencer()));
    }
}
