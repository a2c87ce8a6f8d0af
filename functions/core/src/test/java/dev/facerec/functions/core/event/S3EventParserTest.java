package dev.facerec.functions.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.functions.testing.EventFixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class S3EventParserTest {

  @Test
  void parse_shouldFormDecodeTheKey_whenItHasSpacesPlusAndUnicode() throws Exception {
    // GIVEN a notification whose key S3 encoded (spaces as '+', a literal '+' as %2B, UTF-8 escapes)
    var json = EventFixtures.stream("put-encoded-key.json", Map.of());

    // WHEN it is parsed
    List<S3ObjectEvent> events = S3EventParser.parse(json);

    // THEN the key is the one the uploader used, and the other fields are kept
    assertThat(events).singleElement().satisfies(event -> {
      assertThat(event.key()).isEqualTo("enroll/josé.garcía/red flower + 1%.jpg");
      assertThat(event.bucket()).isEqualTo("facerec-bucket");
      assertThat(event.isCreated()).isTrue();
      assertThat(event.size()).isEqualTo(1024);
      assertThat(event.versionId()).isEqualTo("096fKKXTRTtl3on89fVO.nfljtsv6qko");
      assertThat(event.sequencer()).isEqualTo("0055AED6DCD90281E5");
      assertThat(event.contentIdentity()).isEqualTo("v:096fKKXTRTtl3on89fVO.nfljtsv6qko");
    });
  }

  @Test
  void parse_shouldReturnNoRecords_whenTheMessageIsTheS3TestEvent() throws Exception {
    // GIVEN the message S3 sends when a notification configuration is created
    var json = EventFixtures.stream("test-event.json", Map.of());

    // WHEN / THEN
    assertThat(S3EventParser.parse(json)).isEmpty();
  }

  @Test
  void parse_shouldStripTheS3PrefixOfTheEventName_whenPresent() throws Exception {
    // GIVEN a delete marker event whose name carries the "s3:" prefix
    var json = EventFixtures.stream("delete-marker.json", Map.of());

    // WHEN
    S3ObjectEvent event = S3EventParser.parse(json).get(0);

    // THEN
    assertThat(event.eventName()).isEqualTo("ObjectRemoved:DeleteMarkerCreated");
    assertThat(event.isRemoved()).isTrue();
    assertThat(event.isDeleteMarker()).isTrue();
  }

  @Test
  void parse_shouldRoundTripTemplatedFixtures_whenKeysAreEncodedByTheFixtureHelper() throws Exception {
    // GIVEN a key with a space, a plus and a non-ASCII letter, encoded as S3 does
    String key = "recognize/summer party/anna+bo ø.jpg";
    var json = EventFixtures.stream("object-created-template.json", Map.of("bucket", "b", "key",
        EventFixtures.encodeKey(key), "size", 7, "eTag", "abc", "sequencer", "00AB"));

    // WHEN / THEN
    assertThat(S3EventParser.parse(json).get(0).key()).isEqualTo(key);
  }

  @Test
  @DisplayName("fails if the message is not an S3 event notification")
  void parse_failsIfNotAnS3Event() {
    var json = new ByteArrayInputStream("{\"hello\":1}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> S3EventParser.parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no 'Records' array");
  }

  @Test
  @DisplayName("fails if the message is not JSON")
  void parse_failsIfNotJson() {
    var json = new ByteArrayInputStream("Records: none".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> S3EventParser.parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the event is not JSON");
  }

  @Test
  @DisplayName("fails if a record comes from another service")
  void parse_failsIfRecordIsNotFromS3() {
    var json = new ByteArrayInputStream("{\"Records\":[{\"eventSource\":\"aws:sqs\"}]}"
        .getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> S3EventParser.parse(json)).hasMessageContaining("eventSource 'aws:sqs'");
  }
}
