package dev.facerec.functions.core.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.facerec.engine.rekognition.ErrorType;
import dev.facerec.engine.rekognition.FaultInjector.Fault;
import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import dev.facerec.functions.testing.LocalRekognition;
import dev.facerec.functions.testing.TestClients;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.AccessDeniedException;
import software.amazon.awssdk.services.rekognition.model.InvalidImageFormatException;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;

/**
 * The classification, fed with the exceptions the real SDK client (without retries) raises for errors on the wire:
 * faults injected into the local Rekognition server, answered as Rekognition answers them.
 */
class RekognitionErrorsTest {

    private static LocalRekognition rekognition;

    @BeforeAll
    static void startServer() {
        rekognition = LocalRekognition.start();
    }

    @AfterAll
    static void stopServer() {
        rekognition.close();
    }

    @Test
    void isRetryable_shouldBeTrue_whenRekognitionThrottles() {
        RekognitionException error = callFailingWith(Fault.of(ErrorType.THROTTLING));

        assertThat(error).isInstanceOf(ThrottlingException.class);
        assertThat(RekognitionErrors.isRetryable(error)).isTrue();
        assertThatThrownBy(() -> RekognitionErrors.toRejection(error)).isSameAs(error);
    }

    @Test
    void isRetryable_shouldBeTrue_whenThroughputIsExceededOrTheServiceFails() {
        assertThat(RekognitionErrors.isRetryable(callFailingWith(Fault.of(ErrorType.PROVISIONED_THROUGHPUT_EXCEEDED))))
                .isTrue();
        assertThat(RekognitionErrors.isRetryable(callFailingWith(Fault.of(ErrorType.INTERNAL_SERVER_ERROR))))
                .isTrue();
        assertThat(RekognitionErrors.isRetryable(callFailingWith(new Fault("SomethingNew", 503, "down"))))
                .isTrue();
    }

    @Test
    void isRetryable_shouldBeTrue_whenTheServiceCannotBeReached() {
        try (RekognitionClient unreachable = TestClients.rekognitionWithoutRetries(URI.create("http://127.0.0.1:9"))) {
            SdkClientException error = catchThrowableOfType(
                    SdkClientException.class, () -> unreachable.describeCollection(b -> b.collectionId("c")));

            assertThat(RekognitionErrors.isRetryable(error)).isTrue();
        }
    }

    @Test
    void toRejection_shouldGiveNotAnImage_whenRekognitionRefusesTheFormat() {
        RekognitionException error = callFailingWith(Fault.of(ErrorType.INVALID_IMAGE_FORMAT));

        RejectedException rejection = RekognitionErrors.toRejection(error);

        assertThat(error).isInstanceOf(InvalidImageFormatException.class);
        assertThat(rejection.reason()).isEqualTo(Reason.NOT_AN_IMAGE);
        assertThat(rejection.errorCode()).isEqualTo("InvalidImageFormatException");
    }

    @Test
    void toRejection_shouldNameTheErrorCode_whenTheErrorIsNotRetryable() {
        RekognitionException denied = callFailingWith(Fault.of(ErrorType.ACCESS_DENIED));
        RekognitionException invalid = callFailingWith(Fault.of(ErrorType.INVALID_PARAMETER));
        RekognitionException missing = callFailingWith(Fault.of(ErrorType.RESOURCE_NOT_FOUND));

        assertThat(denied).isInstanceOf(AccessDeniedException.class);
        assertThat(RekognitionErrors.toRejection(denied).errorCode()).isEqualTo("AccessDeniedException");
        assertThat(RekognitionErrors.toRejection(invalid).reason()).isEqualTo(Reason.REKOGNITION_ERROR);
        assertThat(RekognitionErrors.toRejection(missing).detail()).contains("ResourceNotFoundException");
    }

    private static RekognitionException callFailingWith(Fault fault) {
        rekognition.faults().failNext("DescribeCollection", 1, fault);
        return catchThrowableOfType(
                RekognitionException.class,
                () -> rekognition.client().describeCollection(b -> b.collectionId("faces")));
    }
}
