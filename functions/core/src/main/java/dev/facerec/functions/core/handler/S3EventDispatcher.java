package dev.facerec.functions.core.handler;

import dev.facerec.functions.core.event.S3EventParser;
import dev.facerec.functions.core.event.S3ObjectEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * What the handlers share: parse the S3 notification, ignore the test event, hand each record to the function's
 * processor, and answer with a small JSON summary of outcomes (no keys, no names):
 * {@code {"outcomes":["INDEXED"]}}, or {@code {"outcomes":[],"ignored":"s3:TestEvent"}}.
 */
public final class S3EventDispatcher {

  private final RecordProcessor processor;

  public S3EventDispatcher(RecordProcessor processor) {
    this.processor = processor;
  }

  /**
   * Handles one invocation.
   *
   * @param lease how long this invocation may hold an object: its remaining time plus a margin
   * @throws IllegalArgumentException when the input is not an S3 event notification
   */
  public void dispatch(InputStream input, OutputStream output, Duration lease) throws IOException {
    JsonNode root = S3EventParser.read(input);
    boolean testEvent = S3EventParser.isTestEvent(root);
    try (JsonWriter summary = JsonWriter.create()) {
      summary.writeStartObject().writeFieldName("outcomes").writeStartArray();
      if (!testEvent) {
        for (S3ObjectEvent event : S3EventParser.parse(root)) {
          summary.writeValue(processor.process(event, lease));
        }
      }
      summary.writeEndArray();
      if (testEvent) {
        summary.writeFieldName("ignored").writeValue("s3:TestEvent");
      }
      output.write(summary.writeEndObject().getBytes());
    }
  }

  /** The lease for an invocation with {@code remainingMillis} left (a quarter-hour, Lambda's maximum, if unknown). */
  public static Duration lease(long remainingMillis) {
    long remaining = remainingMillis > 0 ? remainingMillis : Duration.ofMinutes(15).toMillis();
    return Duration.ofMillis(remaining).plusSeconds(10);
  }
}
