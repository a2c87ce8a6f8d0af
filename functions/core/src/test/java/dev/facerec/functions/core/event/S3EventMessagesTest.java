package dev.facerec.functions.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.functions.testing.EventFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3EventMessagesTest {

    @Test
    void records_shouldReadTheS3EventInAMessageBody_likeTheRuntimesOwnDeserialization() {
        // GIVEN the body S3 sends to a queue for a key with a space
        Map<String, Object> values = Map.of(
                "bucket",
                "b",
                "key",
                EventFixtures.encodeKey("enroll/ann/red flower.jpg"),
                "size",
                5,
                "eTag",
                "827ccb0eea8a706c4c34a16891f84e7b",
                "sequencer",
                "0055AED6DCD90281E5");
        String body = EventFixtures.load("object-created-template.json", values);

        // WHEN
        List<S3ObjectEvent> records = S3EventMessages.records(body);

        // THEN the records are those of the same JSON delivered to Lambda directly
        assertThat(records)
                .containsExactlyElementsOf(
                        S3EventRecords.of(EventFixtures.s3Event("object-created-template.json", values)));
        assertThat(records.get(0).key()).isEqualTo("enroll/ann/red flower.jpg");
        assertThat(records.get(0).size()).isEqualTo(5);
    }

    @Test
    void records_shouldBeEmpty_forS3sTestEvent() {
        assertThat(S3EventMessages.records(EventFixtures.load("test-event.json", Map.of())))
                .isEmpty();
    }

    @Test
    void records_shouldFail_whenTheBodyIsNoS3Event() {
        assertThatThrownBy(() -> S3EventMessages.records("not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the message body is not JSON");
        assertThatThrownBy(() -> S3EventMessages.records("{\"unexpected\": true}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the message body is not an S3 event notification");
        assertThatThrownBy(() -> S3EventMessages.records("{\"Records\": [{\"eventSource\": \"aws:sqs\"}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an S3 record: eventSource 'aws:sqs'");
    }
}
