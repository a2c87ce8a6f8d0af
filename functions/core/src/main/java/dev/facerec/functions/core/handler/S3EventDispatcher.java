package dev.facerec.functions.core.handler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.functions.core.event.S3EventParser;
import dev.facerec.functions.core.event.S3ObjectEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * What the handlers share: parse the S3 notification, ignore the test event, hand each record to the function's
 * processor, and answer with a small JSON summary of outcomes (no keys, no names).
 */
public final class S3EventDispatcher {

  /** Processes one record; returns its outcome. */
  @FunctionalInterface
  public interface RecordProcessor {
    String process(S3ObjectEvent event, Duration lease);
  }

  private final ObjectMapper mapper;
  private final S3EventParser parser;
  private final RecordProcessor processor;

  public S3EventDispatcher(ObjectMapper mapper, RecordProcessor processor) {
    this.mapper = mapper;
    this.parser = new S3EventParser(mapper);
    this.processor = processor;
  }

  /**
   * Handles one invocation.
   *
   * @param lease how long this invocation may hold an object: its remaining time plus a margin
   */
  public void dispatch(InputStream input, OutputStream output, Duration lease) throws IOException {
    ObjectNode summary = mapper.createObjectNode();
    ArrayNode outcomes = summary.putArray("outcomes");
    var root = mapper.readTree(input);
    if (root != null && root.isObject() && S3EventParser.isTestEvent(root)) {
      summary.put("ignored", "s3:TestEvent");
    } else {
      for (S3ObjectEvent event : parser.parse(root)) {
        outcomes.add(processor.process(event, lease));
      }
    }
    mapper.writeValue(output, summary);
  }

  /** The lease for an invocation with {@code remainingMillis} left (a quarter-hour, Lambda's maximum, if unknown). */
  public static Duration lease(long remainingMillis) {
    long remaining = remainingMillis > 0 ? remainingMillis : Duration.ofMinutes(15).toMillis();
    return Duration.ofMillis(remaining).plusSeconds(10);
  }
}
