package dev.facerec.functions.index.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.functions.core.testing.EventFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the handler tests: one {@link FunctionServices} per test class (started before the first test, stopped
 * after the last), with the Rekognition stub's recorded requests and pending faults forgotten before each test.
 */
public abstract class WithLocalServices {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The local services of the running test class. */
  protected static FunctionServices services;

  @BeforeAll
  static void startServices() {
    services = FunctionServices.start();
  }

  @AfterAll
  static void stopServices() {
    services.close();
  }

  @BeforeEach
  void forgetRekognitionRequests() {
    services.rekognitionStub().reset();
  }

  /** Invokes {@code handler} with an event fixture as Lambda would, and returns its JSON answer. */
  protected static JsonNode invoke(RequestStreamHandler handler, String fixture, Map<String, ?> values)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(EventFixtures.stream(fixture, values), out, null);
    return JSON.readTree(out.toByteArray());
  }

  /** Invokes {@code handler} with the ObjectCreated fixture and returns the outcome of its one record. */
  protected static String created(RequestStreamHandler handler, Map<String, Object> values) throws IOException {
    return invoke(handler, "object-created-template.json", values).path("outcomes").get(0).asText();
  }
}
