package dev.facerec.functions.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/**
 * What the handler tests share: the {@link FunctionServices} of the running test class (started by
 * {@link WithColorFaceEngine} or {@link WithOnnxFaceEngine}) and invoking a handler as Lambda does: the event
 * fixture deserialized by the runtime's own serializer, and a {@link TestContext}.
 */
public abstract class HandlerTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The local services of the running test class. */
    protected static FunctionServices services;

    /** Invokes {@code handler} with an event fixture in a new {@link TestContext}, and returns its answer as JSON. */
    protected static JsonNode invoke(RequestHandler<S3Event, ?> handler, String fixture, Map<String, ?> values)
            throws IOException {
        return invoke(handler, fixture, values, new TestContext());
    }

    /** Invokes {@code handler} with an event fixture in {@code context}, and returns its answer as JSON. */
    protected static JsonNode invoke(
            RequestHandler<S3Event, ?> handler, String fixture, Map<String, ?> values, Context context)
            throws IOException {
        return JSON.valueToTree(handler.handleRequest(EventFixtures.s3Event(fixture, values), context));
    }

    /** Invokes {@code handler} with the ObjectCreated fixture and returns the outcome of its one record. */
    protected static String created(RequestHandler<S3Event, ?> handler, Map<String, Object> values) throws IOException {
        return invoke(handler, "object-created-template.json", values)
                .path("outcomes")
                .get(0)
                .asText();
    }
}
