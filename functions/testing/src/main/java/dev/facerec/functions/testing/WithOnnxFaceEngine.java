package dev.facerec.functions.index.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the handler tests on real photos: one {@link FunctionServices} per test class whose Rekognition is the
 * twin's local server with its ONNX face engine.
 */
public abstract class WithFaceEngine extends HandlerTests {

  @BeforeAll
  static void startServicesWithFaceEngine() {
    services = FunctionServices.startWithFaceEngine();
  }

  @AfterAll
  static void stopServicesWithFaceEngine() {
    services.close();
  }
}
