package dev.facerec.functions.core.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * Base of tests that talk to the {@link RekognitionStub} through the real SDK client: one stub and one client (which
 * does not retry, so that every injected fault is seen) per test class.
 */
public abstract class WithRekognitionStub {

  protected static RekognitionStub stub;
  protected static RekognitionClient client;

  @BeforeAll
  static void startStub() {
    stub = RekognitionStub.start();
    client = TestClients.rekognitionWithoutRetries(stub.endpoint());
  }

  @AfterAll
  static void stopStub() {
    client.close();
    stub.close();
  }
}
