package dev.facerec.twin.apigateway;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP response of the API: the integration's, or one of API Gateway's own ({@code {"message": ...}}).
 *
 * @param status the HTTP status
 * @param headers response headers (a name may repeat, e.g. {@code set-cookie})
 * @param body the body's bytes
 * @param integrationError what went wrong with the integration, for the access log; {@code null} when nothing did
 */
public record GatewayResponse(
        int status, List<Map.Entry<String, String>> headers, byte[] body, String integrationError) {

    public GatewayResponse {
        headers = List.copyOf(headers);
    }

    static GatewayResponse message(int status, String message) {
        return message(status, message, Map.of(), null);
    }

    static GatewayResponse message(int status, String message, Map<String, String> headers, String integrationError) {
        String body = "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("content-type", "application/json");
        return new GatewayResponse(
                status, List.copyOf(all.entrySet()), body.getBytes(StandardCharsets.UTF_8), integrationError);
    }

    static GatewayResponse notFound() {
        return message(404, "Not Found");
    }

    static GatewayResponse internalError(String why) {
        return message(500, "Internal Server Error", Map.of(), why);
    }
}
