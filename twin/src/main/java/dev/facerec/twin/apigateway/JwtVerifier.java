package dev.facerec.twin.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A JWT authorizer's checks, in API Gateway's order: the token from the identity source (with or without
 * {@code Bearer }), its RS256 signature by the twin's key ({@code kid} must be the key's), then {@code iss} equal to
 * the authorizer's issuer, {@code aud} (or, without it, {@code client_id}) one of its audience, {@code exp} in the
 * future, {@code nbf} (if any) in the past, and, if the route names scopes, one of them in {@code scope}
 * (space-separated) or {@code scp}. A failure is 401 {@code {"message":"Unauthorized"}} with a {@code
 * www-authenticate} header saying why.
 */
final class JwtVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder URL = Base64.getUrlDecoder();

    /** What a valid token gives the integration: its claims (values as text, as API Gateway passes them), scopes. */
    record Authorized(ObjectNode claims, List<String> scopes) {}

    /** Why a token was refused. */
    static final class Refused extends Exception {
        private final GatewayResponse response;

        Refused(String description) {
            super(description);
            this.response = GatewayResponse.message(
                    401,
                    "Unauthorized",
                    Map.of(
                            "www-authenticate",
                            "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + description + "\""),
                    null);
        }

        GatewayResponse response() {
            return response;
        }
    }

    private final JwtKeys keys;

    JwtVerifier(JwtKeys keys) {
        this.keys = keys;
    }

    Authorized verify(String identity, ApiAuthorizer authorizer, List<String> routeScopes, Instant now) throws Refused {
        if (identity == null || identity.isBlank()) {
            throw new Refused("no token in " + authorizer.identitySource());
        }
        String token = identity.startsWith("Bearer ") ? identity.substring(7).trim() : identity.trim();
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new Refused("the token is not a JWT");
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = JSON.readTree(URL.decode(parts[0]));
            claims = JSON.readTree(URL.decode(parts[1]));
        } catch (Exception e) {
            throw new Refused("the token cannot be decoded");
        }
        if (!"RS256".equals(header.path("alg").asText())
                || !keys.keyId().equals(header.path("kid").asText())) {
            throw new Refused("the token was not signed by the twin's key " + keys.keyId() + " with RS256");
        }
        byte[] signature;
        try {
            signature = URL.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new Refused("the token's signature cannot be decoded");
        }
        if (!keys.verifies((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), signature)) {
            throw new Refused("the token's signature is invalid");
        }
        if (!authorizer.issuer().equals(claims.path("iss").asText(null))) {
            throw new Refused("the token does not have a valid issuer");
        }
        JsonNode audience = claims.has("aud") ? claims.get("aud") : claims.path("client_id");
        if (!anyOf(audience, authorizer.audience())) {
            throw new Refused("the token does not have a valid audience");
        }
        if (!claims.path("exp").isNumber() || claims.get("exp").asLong() <= now.getEpochSecond()) {
            throw new Refused("the token has expired");
        }
        if (claims.has("nbf") && claims.get("nbf").asLong() > now.getEpochSecond()) {
            throw new Refused("the token is not valid yet");
        }
        List<String> scopes = scopes(claims);
        if (!routeScopes.isEmpty() && routeScopes.stream().noneMatch(scopes::contains)) {
            throw new Refused("the token does not have a required scope");
        }
        return new Authorized(textClaims(claims), scopes.isEmpty() ? null : scopes);
    }

    private static boolean anyOf(JsonNode value, List<String> allowed) {
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (allowed.contains(item.asText())) {
                    return true;
                }
            }
            return false;
        }
        return value.isTextual() && allowed.contains(value.asText());
    }

    private static List<String> scopes(JsonNode claims) {
        List<String> scopes = new ArrayList<>();
        if (claims.path("scope").isTextual()) {
            for (String scope : claims.get("scope").asText().split(" ")) {
                if (!scope.isEmpty()) {
                    scopes.add(scope);
                }
            }
        }
        claims.path("scp").forEach(scope -> scopes.add(scope.asText()));
        return scopes;
    }

    /** Claims as API Gateway hands them to the integration: every value as text, lists as {@code [a b]}. */
    private static ObjectNode textClaims(JsonNode claims) {
        ObjectNode text = JSON.createObjectNode();
        claims.fields().forEachRemaining(claim -> {
            JsonNode value = claim.getValue();
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                text.put(claim.getKey(), "[" + String.join(" ", items) + "]");
            } else {
                text.put(claim.getKey(), value.isValueNode() ? value.asText() : value.toString());
            }
        });
        return text;
    }
}
