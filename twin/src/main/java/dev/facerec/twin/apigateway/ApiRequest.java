package dev.facerec.twin.apigateway;

import java.util.List;
import java.util.Map;

/**
 * A request to an HTTP API, as the twin received it.
 *
 * @param method the HTTP method
 * @param rawPath the path after the API id, stage included, as sent (URL-encoded)
 * @param rawQuery the query string as sent, without {@code ?} (empty when none)
 * @param headers the headers, names in lower case, in arrival order
 * @param body the body's bytes (empty when none)
 * @param sourceIp the client's address
 * @param protocol e.g. {@code HTTP/1.1}
 */
record ApiRequest(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        String sourceIp,
        String protocol) {

    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
