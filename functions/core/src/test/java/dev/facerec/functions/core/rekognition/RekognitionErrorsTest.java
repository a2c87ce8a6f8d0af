package dev.facerec.functions.core.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import dev.facerec.functions.core.testing.StubReply;
import dev.facerec.functions.core.testing.WithRekognitionStub;
import dev.facerec.functions.core.testing.TestClients;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.AccessDeniedException;
import software.amazon.awssdk.services.rekognition.model.InvalidImageFormatException;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;

/** The classification, fed with the exceptions the real SDK client raises for errors on the wire. */
class RekognitionErrorsTest extends WithRekognitionStub {

  @Test
  void isRetryable_shouldBeTrue_whenRekognitionThrottles() {
    RekognitionException error = callFailingWith(StubReply.throttling());

    assertThat(error).isInstanceOf(ThrottlingException.class);
    assertThat(RekognitionErrors.isRetryable(error)).isTrue();
    assertThatThrownBy(() -> RekognitionErrors.toRejection(error)).isSameAs(error);
  }

  @Test
  void isRetryable_shouldBeTrue_whenThroughputIsExceededOrTheServiceFails() {
    assertThat(RekognitionErrors.isRetryable(callFailingWith(StubReply.throughputExceeded()))).isTrue();
    assertThat(RekognitionErrors.isRetryable(callFailingWith(StubReply.internalError()))).isTrue();
    assertThat(RekognitionErrors.isRetryable(callFailingWith(StubReply.error(503, "SomethingNew", "down"))))
        .isTrue();
  }

  @Test
  void isRetryable_shouldBeTrue_whenTheServiceCannotBeReached() {
    try (RekognitionClient unreachable = TestClients.rekognitionWithoutRetries(URI.create("http://127.0.0.1:9"))) {
      SdkClientException error = catchThrowableOfType(SdkClientException.class,
          () -> unreachable.describeCollection(b -> b.collectionId("c")));

      assertThat(RekognitionErrors.isRetryable(error)).isTrue();
    }
  }

  @Test
  void toRejection_shouldGiveNotAnImage_whenRekognitionRefusesTheFormat() {
    RekognitionException error = callFailingWith(StubReply.invalidImageFormat());

    RejectedException rejection = RekognitionErrors.toRejection(error);

    assertThat(error).isInstanceOf(InvalidImageFormatException.class);
    assertThat(rejection.reason()).isEqualTo(Reason.NOT_AN_IMAGE);
    assertThat(rejection.errorCode()).isEqualTo("InvalidImageFormatException");
  }

  @Test
  void toRejection_shouldNameTheErrorCode_whenTheErrorIsNotRetryable() {
    RekognitionException denied = callFailingWith(StubReply.accessDenied());
    RekognitionException invalid = callFailingWith(StubReply.invalidParameter("bad"));
    RekognitionException missing = callFailingWith(StubReply.resourceNotFound("no collection"));

    assertThat(denied).isInstanceOf(AccessDeniedException.class);
    assertThat(RekognitionErrors.toRejection(denied).errorCode()).isEqualTo("AccessDeniedException");
    assertThat(RekognitionErrors.toRejection(invalid).reason()).isEqualTo(Reason.REKOGNITION_ERROR);
    assertThat(RekognitionErrors.toRejection(missing).detail()).contains("ResourceNotFoundException");
  }

  private static RekognitionException callFailingWith(StubReply fault) {
    stub.failNext("DescribeCollection", 1, fault);
    return catchThrowableOfType(RekognitionException.class,
        () -> client.describeCollection(b -> b.collectionId("faces")));
  }
}
