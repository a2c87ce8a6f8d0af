package dev.facerec.functions.index.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the handler tests on the Rekognition wire stub (synthetic images, fault injection): one
 * {@link FunctionServices} per test class, with the stub's recorded requests and pending faults forgotten before
 * each test.
 */
public abstract class WithLocalServices extends HandlerTests {

  @BeforeAll
  static void startServicesWithStub() {
    services = FunctionServices.start();
  }

  @AfterAll
  static void stopServicesWithStub() {
    services.close();
  }

  @BeforeEach
  void forgetRekognitionRequests() {
    services.rekognitionStub().reset();
  }
}
