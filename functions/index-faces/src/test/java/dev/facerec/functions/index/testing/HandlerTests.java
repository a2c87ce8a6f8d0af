package dev.facerec.functions.index.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.functions.core.handler.S3EventHandler;
import dev.facerec.functions.core.testing.EventFixtures;
import java.io.IOException;
import java.util.Map;

/**
 * What the handler tests share: the {@link FunctionServices} of the running test class (started by
 * {@link WithLocalServices} or {@link WithFaceEngine}) and invoking a handler as Lambda does.
 */
public abstract class HandlerTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The local services of the running test class. */
  protected static FunctionServices services;

  /** Invokes {@code handler} with an event fixture as Lambda would (no context), and returns its answer as JSON. */
  protected static JsonNode invoke(S3EventHandler handler, String fixture, Map<String, ?> values)
      throws IOException {
    return invoke(handler, fixture, values, null);
  }

  /**
   * Invokes {@code handler} with an event fixture deserialized as the Lambda runtime does, in {@code context}, and
   * returns its answer as JSON.
   */
  protected static JsonNode invoke(S3EventHandler handler, String fixture, Map<String, ?> values, Context context)
      throws IOException {
    return JSON.valueToTree(handler.handleRequest(EventFixtures.s3Event(fixture, values), context));
  }

  /** Invokes {@code handler} with the ObjectCreated fixture and returns the outcome of its one record. */
  protected static String created(S3EventHandler handler, Map<String, Object> values) throws IOException {
    return invoke(handler, "object-created-template.json", values).path("outcomes").get(0).asText();
  }
}
