package dev.facerec.functions.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the handler tests on synthetic images: one {@link FunctionServices} per test class whose Rekognition
 * server runs the {@link ColorFaceEngine}, with its faults, interleavings and call counts forgotten before each test.
 */
public abstract class WithColorFaceEngine extends HandlerTests {

    @BeforeAll
    static void startServicesWithColorFaceEngine() {
        services = FunctionServices.startWithColorFaces();
    }

    @AfterAll
    static void stopServicesWithColorFaceEngine() {
        services.close();
    }

    @BeforeEach
    void forgetFaults() {
        services.faults().clear();
    }
}
