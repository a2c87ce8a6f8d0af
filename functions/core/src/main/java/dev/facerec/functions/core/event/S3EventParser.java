package dev.facerec.functions.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the S3 event notification JSON that Lambda's asynchronous invocation delivers. Object keys arrive
 * URL-encoded with {@code +} for spaces and are form-decoded here. The {@code s3:TestEvent} message that S3 sends when
 * a notification configuration is created yields no records.
 */
public final class S3EventParser {

  private final ObjectMapper mapper;

  public S3EventParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Parses an event; returns the object records in delivery order (empty for the test event). */
  public List<S3ObjectEvent> parse(InputStream json) throws IOException {
    return parse(mapper.readTree(json));
  }

  /** Parses an already-read event tree. */
  public List<S3ObjectEvent> parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("an S3 event notification is a JSON object");
    }
    if (isTestEvent(root)) {
      return List.of();
    }
    JsonNode records = root.path("Records");
    if (!records.isArray()) {
      throw new IllegalArgumentException("not an S3 event notification: no 'Records' array");
    }
    List<S3ObjectEvent> events = new ArrayList<>(records.size());
    for (JsonNode record : records) {
      events.add(toEvent(record));
    }
    return events;
  }

  /** Whether the message is S3's {@code s3:TestEvent}. */
  public static boolean isTestEvent(JsonNode root) {
    return "s3:TestEvent".equals(root.path("Event").asText(null));
  }

  /** Form-decodes an object key as S3 encodes it in notifications ({@code +} is a space). */
  public static String decodeKey(String encoded) {
    return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
  }

  private static S3ObjectEvent toEvent(JsonNode record) {
    String source = record.path("eventSource").asText("");
    if (!source.isEmpty() && !"aws:s3".equals(source)) {
      throw new IllegalArgumentException("not an S3 record: eventSource '" + source + "'");
    }
    String eventName = record.path("eventName").asText("");
    if (eventName.startsWith("s3:")) {
      eventName = eventName.substring(3);
    }
    if (eventName.isEmpty()) {
      throw new IllegalArgumentException("S3 record without an eventName");
    }
    JsonNode s3 = record.path("s3");
    String bucket = s3.path("bucket").path("name").asText("");
    JsonNode object = s3.path("object");
    String rawKey = object.path("key").asText("");
    if (bucket.isEmpty() || rawKey.isEmpty()) {
      throw new IllegalArgumentException("S3 record without a bucket name or object key");
    }
    return new S3ObjectEvent(
        eventName,
        bucket,
        decodeKey(rawKey),
        object.path("size").asLong(0L),
        unquote(text(object, "eTag")),
        text(object, "versionId"),
        text(object, "sequencer"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.asText();
    return text.isEmpty() ? null : text;
  }

  /** Strips the double quotes S3 puts around ETags in some places. */
  public static String unquote(String eTag) {
    if (eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
      return eTag.substring(1, eTag.length() - 1);
    }
    return eTag;
  }
}
