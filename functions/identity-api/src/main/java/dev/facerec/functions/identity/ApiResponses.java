package dev.facerec.functions.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/** The API's answers: JSON bodies with their status, and errors as {@code {"code": …, "message": …}}. */
final class ApiResponses {

    private ApiResponses() {}

    /** A JSON answer. */
    static APIGatewayV2HTTPResponse json(int status, byte[] json) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        headers.put("cache-control", "no-store");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(new String(json, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .build();
    }

    /** An empty 204 answer. */
    static APIGatewayV2HTTPResponse noContent() {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(204)
                .withHeaders(Map.of("cache-control", "no-store"))
                .withIsBase64Encoded(false)
                .build();
    }

    /** The error answer of {@code error}, with {@code Retry-After} when it says when to come back. */
    static APIGatewayV2HTTPResponse error(ApiException error) {
        byte[] body;
        try (JsonWriter json = JsonWriter.create()) {
            json.writeStartObject();
            json.writeFieldName("code").writeValue(error.code());
            json.writeFieldName("message").writeValue(error.getMessage());
            body = json.writeEndObject().getBytes();
        }
        APIGatewayV2HTTPResponse response = json(error.status(), body);
        if (error.retryAfterSeconds() != null) {
            response.getHeaders().put("retry-after", String.valueOf(error.retryAfterSeconds()));
        }
        return response;
    }
}
