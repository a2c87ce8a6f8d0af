package dev.facerec.functions.core.event;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Reads the S3 event notification JSON that Lambda's asynchronous invocation delivers, with the SDK's own small JSON
 * reader (no data-binding library in the function jars). Object keys arrive URL-encoded with {@code +} for spaces
 * and are form-decoded here. The {@code s3:TestEvent} message that S3 sends when a notification configuration is
 * created yields no records.
 */
public final class S3EventParser {

  private S3EventParser() {
  }

  /**
   * Parses an event; returns the object records in delivery order (empty for the test event).
   *
   * @throws IllegalArgumentException when the input is not JSON or not an S3 event notification
   */
  public static List<S3ObjectEvent> parse(InputStream json) {
    return parse(read(json));
  }

  /** Reads a JSON document. @throws IllegalArgumentException when the input is not JSON */
  public static JsonNode read(InputStream json) {
    try {
      return JsonNode.parser().parse(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the event is not JSON: " + e.getMessage(), e);
    }
  }

  /** Parses an already-read event tree. */
  public static List<S3ObjectEvent> parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("an S3 event notification is a JSON object");
    }
    if (isTestEvent(root)) {
      return List.of();
    }
    JsonNode records = root.field("Records").orElse(null);
    if (records == null || !records.isArray()) {
      throw new IllegalArgumentException("not an S3 event notification: no 'Records' array");
    }
    List<S3ObjectEvent> events = new ArrayList<>(records.asArray().size());
    for (JsonNode record : records.asArray()) {
      events.add(toEvent(record));
    }
    return events;
  }

  /** Whether the message is S3's {@code s3:TestEvent}. */
  public static boolean isTestEvent(JsonNode root) {
    return root.isObject() && "s3:TestEvent".equals(text(root, "Event"));
  }

  /** Form-decodes an object key as S3 encodes it in notifications ({@code +} is a space). */
  public static String decodeKey(String encoded) {
    return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
  }

  private static S3ObjectEvent toEvent(JsonNode record) {
    String source = orEmpty(text(record, "eventSource"));
    if (!source.isEmpty() && !"aws:s3".equals(source)) {
      throw new IllegalArgumentException("not an S3 record: eventSource '" + source + "'");
    }
    String eventName = orEmpty(text(record, "eventName"));
    if (eventName.startsWith("s3:")) {
      eventName = eventName.substring(3);
    }
    if (eventName.isEmpty()) {
      throw new IllegalArgumentException("S3 record without an eventName");
    }
    JsonNode s3 = object(record, "s3");
    String bucket = orEmpty(text(object(s3, "bucket"), "name"));
    JsonNode object = object(s3, "object");
    String rawKey = orEmpty(text(object, "key"));
    if (bucket.isEmpty() || rawKey.isEmpty()) {
      throw new IllegalArgumentException("S3 record without a bucket name or object key");
    }
    String size = text(object, "size");
    return new S3ObjectEvent(
        eventName,
        bucket,
        decodeKey(rawKey),
        size == null ? 0L : Long.parseLong(size),
        unquote(text(object, "eTag")),
        text(object, "versionId"),
        text(object, "sequencer"));
  }

  /** A member object, or an empty object when it is missing or not an object. */
  private static JsonNode object(JsonNode node, String field) {
    JsonNode value = node.isObject() ? node.field(field).orElse(null) : null;
    return value != null && value.isObject() ? value : JsonNode.emptyObjectNode();
  }

  /** A string or number member as text, or {@code null} when missing, null or empty. */
  private static String text(JsonNode node, String field) {
    JsonNode value = node.isObject() ? node.field(field).orElse(null) : null;
    if (value == null || !(value.isString() || value.isNumber())) {
      return null;
    }
    String text = value.isString() ? value.asString() : value.asNumber();
    return text.isEmpty() ? null : text;
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  /** Strips the double quotes S3 puts around ETags in some places. */
  public static String unquote(String eTag) {
    if (eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
      return eTag.substring(1, eTag.length() - 1);
    }
    return eTag;
  }
}
