package dev.facerec.twin.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A function's answer in payload format 2.0 as the HTTP response: a JSON object with {@code statusCode} is a
 * structured response ({@code headers}, {@code cookies} as {@code set-cookie} headers, {@code body}, decoded when
 * {@code isBase64Encoded}); any other valid JSON is the body of a 200 {@code application/json} response (a JSON
 * string becomes its text). Anything else is a 500, as on AWS.
 */
final class ProxyResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProxyResponse() {}

    static GatewayResponse of(byte[] payload) {
        JsonNode output;
        try {
            output = JSON.readTree(payload);
        } catch (IOException e) {
            return GatewayResponse.internalError("the function's response is not JSON");
        }
        if (output == null || output.isMissingNode()) {
            return GatewayResponse.internalError("the function's response is empty");
        }
        if (!output.isObject() || !output.has("statusCode")) {
            String body = output.isTextual() ? output.asText() : output.toString();
            return new GatewayResponse(
                    200,
                    List.of(Map.entry("content-type", "application/json")),
                    body.getBytes(StandardCharsets.UTF_8),
                    null);
        }
        JsonNode status = output.get("statusCode");
        if (!status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
            return GatewayResponse.internalError("the function's statusCode is not an HTTP status: " + status);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        output.path("headers")
                .fields()
                .forEachRemaining(header ->
                        headers.add(Map.entry(header.getKey(), header.getValue().asText())));
        output.path("cookies").forEach(cookie -> headers.add(Map.entry("set-cookie", cookie.asText())));
        JsonNode body = output.path("body");
        byte[] bytes;
        if (body.isMissingNode() || body.isNull()) {
            bytes = new byte[0];
        } else if (output.path("isBase64Encoded").asBoolean(false)) {
            try {
                bytes = Base64.getDecoder().decode(body.asText());
            } catch (IllegalArgumentException e) {
                return GatewayResponse.internalError("the function's body is not valid base64");
            }
        } else {
            bytes = (body.isTextual() ? body.asText() : body.toString()).getBytes(StandardCharsets.UTF_8);
        }
        return new GatewayResponse(status.asInt(), headers, bytes, null);
    }
}
