package dev.facerec.twin.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP side of the twin's API Gateway: {@code /<apiId>/...} goes to that API ({@code {"message":"Not Found"}}
 * for an unknown id), a body over 10 MB is refused with 413 before anything else, {@code GET /_twin/jwks.json} is
 * the twin's JWT key set and {@code POST /_twin/tokens} with a JSON object of claims answers {@code {"token": ...}}
 * signed by it. Request contents are never logged.
 */
final class HttpApiHandler implements HttpHandler {

    /** API Gateway's limit on an HTTP API request's body. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private static final Logger LOG = System.getLogger(HttpApiHandler.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JWKS_PATH = "/_twin/jwks.json";
    private static final String TOKENS_PATH = "/_twin/tokens";

    private final HttpApiService service;
    private final RequestPipeline pipeline;

    HttpApiHandler(HttpApiService service, RequestPipeline pipeline) {
        this.service = service;
        this.pipeline = pipeline;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            GatewayResponse response;
            try {
                response = answer(exchange);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "the API Gateway request failed: " + e);
                response = GatewayResponse.internalError(e.toString());
            }
            response.headers().forEach(h -> exchange.getResponseHeaders().add(h.getKey(), h.getValue()));
            boolean empty = response.body().length == 0 || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    private GatewayResponse answer(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            return new GatewayResponse(
                    413,
                    List.of(Map.entry("content-type", "text/plain; charset=utf-8")),
                    ("HTTP content length exceeded " + MAX_BODY_BYTES + " bytes.").getBytes(StandardCharsets.UTF_8),
                    null);
        }
        if (JWKS_PATH.equals(rawPath)) {
            return json(200, service.jwtKeys().jwks());
        }
        if (TOKENS_PATH.equals(rawPath) && "POST".equals(exchange.getRequestMethod())) {
            return mint(body);
        }
        String[] parts = rawPath.split("/", 3);
        HttpApi api = parts.length > 1 ? service.api(parts[1]).orElse(null) : null;
        if (api == null) {
            return GatewayResponse.notFound();
        }
        String query = exchange.getRequestURI().getRawQuery();
        return pipeline.handle(
                api,
                new ApiRequest(
                        exchange.getRequestMethod(),
                        parts.length > 2 ? "/" + parts[2] : "/",
                        query == null ? "" : query,
                        headers(exchange),
                        body,
                        exchange.getRemoteAddress().getAddress().getHostAddress(),
                        exchange.getProtocol()));
    }

    private GatewayResponse mint(byte[] body) {
        JsonNode claims;
        try {
            claims = JSON.readTree(body);
        } catch (IOException e) {
            claims = null;
        }
        if (claims == null || !claims.isObject()) {
            return GatewayResponse.message(400, "POST a JSON object of claims, e.g. {\"iss\": ..., \"aud\": ...}");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = JSON.convertValue(claims, Map.class);
        return json(200, JSON.createObjectNode().put("token", service.jwtKeys().mint(values)));
    }

    private static GatewayResponse json(int status, JsonNode body) {
        return new GatewayResponse(
                status,
                List.of(Map.entry("content-type", "application/json")),
                body.toString().getBytes(StandardCharsets.UTF_8),
                null);
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach(
                        (name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                                .addAll(values));
        headers.computeIfAbsent("x-forwarded-for", n -> new ArrayList<>())
                .add(exchange.getRemoteAddress().getAddress().getHostAddress());
        headers.putIfAbsent(
                "x-forwarded-port",
                List.of(String.valueOf(exchange.getLocalAddress().getPort())));
        headers.putIfAbsent("x-forwarded-proto", List.of("http"));
        return headers;
    }
}
