package dev.facerec.twin.apigateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Lambda proxy event of payload format 2.0, as API Gateway HTTP APIs send it: headers in lower case with repeated
 * values joined by commas, {@code cookie} headers moved to {@code cookies}, query parameters decoded and joined by
 * commas, the body as text for {@code text/*}, {@code application/json}, {@code application/xml} and
 * {@code application/javascript} and base64-encoded ({@code isBase64Encoded: true}) for any other or no content type.
 * Fields without a value ({@code cookies}, {@code queryStringParameters}, {@code pathParameters},
 * {@code stageVariables}, {@code body}) are left out.
 */
final class ProxyEvent {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Where the request goes and what API Gateway knows about it. */
    record Context(
            String accountId,
            String apiId,
            String stage,
            String routeKey,
            String requestId,
            Instant time,
            Map<String, String> pathParameters,
            Map<String, String> stageVariables,
            ObjectNode authorizer) {}

    private ProxyEvent() {}

    static ObjectNode of(ApiRequest request, Context context) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", context.routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());
        List<String> cookies = request.headers().getOrDefault("cookie", List.of());
        if (!cookies.isEmpty()) {
            ArrayNode array = event.putArray("cookies");
            cookies.stream()
                    .flatMap(header -> java.util.Arrays.stream(header.split(";")))
                    .map(String::trim)
                    .filter(cookie -> !cookie.isEmpty())
                    .forEach(array::add);
        }
        ObjectNode headers = event.putObject("headers");
        request.headers().forEach((name, values) -> {
            if (!name.equals("cookie")) {
                headers.put(name, String.join(",", values));
            }
        });
        Map<String, String> query = query(request.rawQuery());
        if (!query.isEmpty()) {
            event.set("queryStringParameters", JSON.valueToTree(query));
        }
        ObjectNode requestContext = event.putObject("requestContext");
        requestContext.put("accountId", context.accountId());
        requestContext.put("apiId", context.apiId());
        if (context.authorizer() != null) {
            requestContext.set("authorizer", context.authorizer());
        }
        String host = request.header("host");
        requestContext.put("domainName", host);
        requestContext.put("domainPrefix", context.apiId());
        requestContext
                .putObject("http")
                .put("method", request.method())
                .put("path", decode(request.rawPath(), false))
                .put("protocol", request.protocol())
                .put("sourceIp", request.sourceIp())
                .put("userAgent", request.header("user-agent"));
        requestContext.put("requestId", context.requestId());
        requestContext.put("routeKey", context.routeKey());
        requestContext.put("stage", context.stage());
        requestContext.put("time", formatTime(context.time()));
        requestContext.put("timeEpoch", context.time().toEpochMilli());
        if (request.body().length > 0) {
            boolean text = isText(request.header("content-type"));
            event.put(
                    "body",
                    text
                            ? new String(request.body(), StandardCharsets.UTF_8)
                            : Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        if (!context.pathParameters().isEmpty()) {
            event.set("pathParameters", JSON.valueToTree(context.pathParameters()));
        }
        if (!context.stageVariables().isEmpty()) {
            event.set("stageVariables", JSON.valueToTree(context.stageVariables()));
        }
        return event;
    }

    /** A time as API Gateway writes it, e.g. {@code 12/Mar/2020:19:03:58 +0000}. */
    static String formatTime(Instant time) {
        return TIME.format(time);
    }

    /** Whether HTTP APIs pass a body of this content type as text (otherwise base64). */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/")
                || type.equals("application/json")
                || type.equals("application/xml")
                || type.equals("application/javascript");
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), true);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), true);
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    /** Percent-decoding; {@code +} is a space in a query string only. */
    static String decode(String text, boolean query) {
        return URLDecoder.decode(query ? text : text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
