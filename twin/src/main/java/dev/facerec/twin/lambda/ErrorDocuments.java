package dev.facerec.twin.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** The JSON error documents Lambda returns for failures that happen outside the function's code. */
final class ErrorDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorDocuments() {}

    static byte[] of(String errorType, String errorMessage) {
        ObjectNode document = JSON.createObjectNode();
        document.put("errorType", errorType);
        document.put("errorMessage", errorMessage);
        return document.toString().getBytes(StandardCharsets.UTF_8);
    }
}
