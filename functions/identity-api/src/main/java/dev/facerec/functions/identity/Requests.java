package dev.facerec.functions.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.facerec.functions.core.enrollment.EnrollKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** Reading the parts of an HTTP API (payload 2.0) event; anything malformed is a 400. */
final class Requests {

    /** A photo id: what {@code POST /people/{personId}/photos} hands out, a name of the enrolment key's file part. */
    static final Pattern PHOTO_ID = Pattern.compile("[a-zA-Z0-9_.\\-]{1,128}");

    private Requests() {}

    /** A header's value (HTTP API gives header names in lower case), or {@code null}. */
    static String header(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        String value = headers.get(name);
        if (value != null) {
            return value;
        }
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** The body's bytes (API Gateway base64-encodes binary bodies). */
    static byte[] bodyBytes(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (!event.getIsBase64Encoded()) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_BODY", "the body could not be decoded");
        }
    }

    /** The body as a JSON object; an empty body is an empty object. */
    static Map<String, JsonNode> jsonObject(APIGatewayV2HTTPEvent event) {
        byte[] body = bodyBytes(event);
        if (body.length == 0) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = JsonNode.parser().parse(body);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("INVALID_JSON", "the body is not valid JSON");
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("INVALID_JSON", "the body must be a JSON object");
        }
        return node.asObject();
    }

    /** A string member, or {@code null} when absent or JSON null; a member of another type is a 400. */
    static String optionalString(Map<String, JsonNode> json, String name) {
        JsonNode value = json.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ApiException.badRequest("INVALID_REQUEST", "\"" + name + "\" must be a string");
        }
        return value.asString();
    }

    /** The {@code personId} path parameter, checked against Rekognition's UserId charset. */
    static String personId(APIGatewayV2HTTPEvent event) {
        String personId = pathParameter(event, "personId");
        if (personId == null || !EnrollKey.PERSON_ID.matcher(personId).matches()) {
            throw ApiException.badRequest(
                    "INVALID_PERSON_ID",
                    "the person id must be 1-128 characters of letters, digits, '_', '.', '-' or ':'");
        }
        return personId;
    }

    /** The {@code photoId} path parameter, checked. */
    static String photoId(APIGatewayV2HTTPEvent event) {
        String photoId = pathParameter(event, "photoId");
        if (photoId == null || !PHOTO_ID.matcher(photoId).matches()) {
            throw ApiException.badRequest(
                    "INVALID_PHOTO_ID", "the photo id must be 1-128 characters of letters, digits, '_', '.' or '-'");
        }
        return photoId;
    }

    /**
     * Who called, for an erasure receipt: the IAM principal's ARN (IAM authorisation), else the JWT's subject, else
     * {@code unknown caller}.
     */
    static String principal(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        var authorizer = context == null ? null : context.getAuthorizer();
        if (authorizer != null
                && authorizer.getIam() != null
                && authorizer.getIam().getUserArn() != null) {
            return authorizer.getIam().getUserArn();
        }
        if (authorizer != null
                && authorizer.getJwt() != null
                && authorizer.getJwt().getClaims() != null) {
            String subject = authorizer.getJwt().getClaims().get("sub");
            if (subject != null) {
                return "jwt:" + subject;
            }
        }
        return "unknown caller";
    }

    /** A query string parameter, or {@code null}. */
    static String query(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? null : query.get(name);
    }

    private static String pathParameter(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> parameters = event.getPathParameters();
        return parameters == null ? null : parameters.get(name);
    }
}
