package dev.facerec.functions.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * What the handler tests share: the {@link FunctionServices} of the running test class (started by
 * {@link WithColorFaceEngine} or {@link WithOnnxFaceEngine}) and invoking a handler as Lambda does, with a
 * {@link TestContext}.
 */
public abstract class HandlerTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The local services of the running test class. */
  protected static FunctionServices services;

  /** Invokes {@code handler} with an event fixture as Lambda would, and returns its JSON answer. */
  protected static JsonNode invoke(RequestStreamHandler handler, String fixture, Map<String, ?> values)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(EventFixtures.stream(fixture, values), out, new TestContext());
    return JSON.readTree(out.toByteArray());
  }

  /** Invokes {@code handler} with the ObjectCreated fixture and returns the outcome of its one record. */
  protected static String created(RequestStreamHandler handler, Map<String, Object> values) throws IOException {
    return invoke(handler, "object-created-template.json", values).path("outcomes").get(0).asText();
  }
}
