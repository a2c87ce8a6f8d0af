package dev.facerec.functions.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.facerec.functions.testing.EventFixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The records of S3 events as the Lambda runtime deserializes the notification JSON. */
class S3EventRecordsTest {

    @Test
    void of_shouldFormDecodeTheKey_whenItHasSpacesPlusAndUnicode() {
        // GIVEN a notification whose key S3 encoded (spaces as '+', a literal '+' as %2B, UTF-8 escapes)
        S3Event event = EventFixtures.s3Event("put-encoded-key.json", Map.of());

        // WHEN its records are read
        List<S3ObjectEvent> events = S3EventRecords.of(event);

        // THEN the key is the one the uploader used, and the other fields are kept
        assertThat(events).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("enroll/josé.garcía/red flower + 1%.jpg");
            assertThat(record.bucket()).isEqualTo("facerec-bucket");
            assertThat(record.isCreated()).isTrue();
            assertThat(record.size()).isEqualTo(1024);
            assertThat(record.eTag()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
            assertThat(record.versionId()).isEqualTo("096fKKXTRTtl3on89fVO.nfljtsv6qko");
            assertThat(record.sequencer()).isEqualTo("0055AED6DCD90281E5");
            assertThat(record.contentIdentity()).isEqualTo("v:096fKKXTRTtl3on89fVO.nfljtsv6qko");
            assertThat(record.eventTime()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        });
    }

    @Test
    void of_shouldReturnNoRecords_whenTheMessageIsTheS3TestEvent() {
        // GIVEN the message S3 sends when a notification configuration is created
        S3Event event = EventFixtures.s3Event("test-event.json", Map.of());

        // WHEN / THEN
        assertThat(S3EventRecords.of(event)).isEmpty();
    }

    @Test
    void of_shouldStripTheS3PrefixOfTheEventName_whenPresent() {
        // GIVEN a delete marker event whose name carries the "s3:" prefix
        S3Event event = EventFixtures.s3Event("delete-marker.json", Map.of());

        // WHEN
        S3ObjectEvent record = S3EventRecords.of(event).get(0);

        // THEN
        assertThat(record.eventName()).isEqualTo("ObjectRemoved:DeleteMarkerCreated");
        assertThat(record.isRemoved()).isTrue();
        assertThat(record.isDeleteMarker()).isTrue();
        assertThat(record.eTag()).isNull();
    }

    @Test
    void of_shouldRoundTripTemplatedFixtures_whenKeysAreEncodedByTheFixtureHelper() {
        // GIVEN a key with a space, a plus and a non-ASCII letter, encoded as S3 does, and a quoted ETag
        String key = "recognize/summer party/anna+bo ø.jpg";
        S3Event event = EventFixtures.s3Event(
                "object-created-template.json",
                Map.of(
                        "bucket",
                        "b",
                        "key",
                        EventFixtures.encodeKey(key),
                        "size",
                        7,
                        "eTag",
                        "\\\"abc\\\"",
                        "sequencer",
                        "00AB"));

        // WHEN
        S3ObjectEvent record = S3EventRecords.of(event).get(0);

        // THEN
        assertThat(record.key()).isEqualTo(key);
        assertThat(record.eTag()).isEqualTo("abc");
        assertThat(record.size()).isEqualTo(7);
    }

    @Test
    @DisplayName("fails if a record comes from another service")
    void of_failsIfRecordIsNotFromS3() {
        S3Event event = runtimeDeserialized("{\"Records\":[{\"eventSource\":\"aws:sqs\",\"eventName\":\"x\","
                + "\"eventTime\":\"2026-11-23T10:00:00.000Z\"}]}");

        assertThatThrownBy(() -> S3EventRecords.of(event)).hasMessageContaining("eventSource 'aws:sqs'");
    }

    @Test
    @DisplayName("fails if a record names no object")
    void of_failsIfRecordHasNoKey() {
        S3Event event = runtimeDeserialized(
                "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
                        + "\"eventTime\":\"2026-11-23T10:00:00.000Z\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"size\":1}}}]}");

        assertThatThrownBy(() -> S3EventRecords.of(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("S3 record without a bucket name or object key");
    }

    /* Every record S3 sends has an eventTime: without one, the runtime's serializer fails (it then tries the SDK v1
    event classes, which are not there). */
    private static S3Event runtimeDeserialized(String json) {
        return LambdaEventSerializers.serializerFor(S3Event.class, S3EventRecordsTest.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
