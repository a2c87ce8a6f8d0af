package dev.facerec.twin.lambda;

import java.nio.charset.StandardCharsets;

/**
 * The outcome of one invocation, as Lambda's Invoke API reports it.
 *
 * @param requestId the invocation's request id
 * @param payload the function's response, or the error document ({@code errorType}, {@code errorMessage}, ...)
 * @param functionError {@code null} on success, {@code Unhandled} when the function or its runtime failed
 */
public record InvocationResult(String requestId, byte[] payload, String functionError) {

    static final String UNHANDLED = "Unhandled";

    static InvocationResult success(String requestId, byte[] payload) {
        return new InvocationResult(requestId, payload, null);
    }

    static InvocationResult failure(String requestId, String errorType, String errorMessage) {
        return new InvocationResult(requestId, ErrorDocuments.of(errorType, errorMessage), UNHANDLED);
    }

    public boolean failed() {
        return functionError != null;
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
