package dev.facerec.functions.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the handler tests on real photos: one {@link FunctionServices} per test class whose Rekognition server
 * runs the ONNX face engine, with its faults and call counts forgotten before each test.
 */
public abstract class WithOnnxFaceEngine extends HandlerTests {

    @BeforeAll
    static void startServicesWithOnnxFaceEngine() {
        services = FunctionServices.startWithOnnxEngine();
    }

    @AfterAll
    static void stopServicesWithOnnxFaceEngine() {
        services.close();
    }

    @BeforeEach
    void forgetFaults() {
        services.faults().clear();
    }
}
