package dev.facerec.functions.collection;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * A CloudFormation custom resource request, as CloudFormation sends it to the function.
 *
 * <p>The top-level string members of {@code ResourceProperties} and {@code OldResourceProperties} are kept
 * (CloudFormation passes scalar properties as strings), and their {@code Tags}, an object of string values.
 */
record CustomResourceRequest(
        String requestType,
        String responseUrl,
        String stackId,
        String requestId,
        String logicalResourceId,
        String physicalResourceId,
        Map<String, String> resourceProperties,
        Map<String, String> oldResourceProperties,
        Map<String, String> tags,
        Map<String, String> oldTags) {

    /** The property holding the resource's tags, as an object of string values. */
    static final String TAGS = "Tags";

    /**
     * The CloudFormation request in {@code input}, or empty (logged) when the event is none: nobody waits for an
     * answer to it.
     */
    static Optional<CustomResourceRequest> parseOrLog(InputStream input, LambdaLogger log) throws IOException {
        try {
            return Optional.of(parse(input));
        } catch (UnanswerableRequestException e) {
            log.log("Ignored an event that is no CloudFormation request: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Reads a request.
     *
     * @throws UnanswerableRequestException when the input is not a JSON object with a {@code ResponseURL}: without
     *     one there is nobody to answer
     */
    static CustomResourceRequest parse(InputStream input) throws IOException {
        JsonNode root;
        try {
            root = JsonNode.parser().parse(input);
        } catch (RuntimeException e) {
            throw new UnanswerableRequestException("the event is not JSON: " + e.getMessage());
        }
        if (!root.isObject()) {
            throw new UnanswerableRequestException("the event is not a JSON object");
        }
        Map<String, JsonNode> fields = root.asObject();
        String responseUrl = string(fields, "ResponseURL");
        if (responseUrl == null || responseUrl.isBlank()) {
            throw new UnanswerableRequestException("the event has no ResponseURL");
        }
        return new CustomResourceRequest(
                string(fields, "RequestType"),
                responseUrl,
                string(fields, "StackId"),
                string(fields, "RequestId"),
                string(fields, "LogicalResourceId"),
                string(fields, "PhysicalResourceId"),
                properties(fields.get("ResourceProperties")),
                properties(fields.get("OldResourceProperties")),
                tags(fields.get("ResourceProperties")),
                tags(fields.get("OldResourceProperties")));
    }

    /** A property of the requested state, if present. */
    Optional<String> property(String name) {
        return Optional.ofNullable(resourceProperties.get(name));
    }

    private static String string(Map<String, JsonNode> fields, String name) {
        JsonNode node = fields.get(name);
        return node != null && node.isString() ? node.asString() : null;
    }

    private static Map<String, String> tags(JsonNode properties) {
        if (properties == null || !properties.isObject()) {
            return Map.of();
        }
        return properties(properties.asObject().get(TAGS));
    }

    private static Map<String, String> properties(JsonNode node) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.asObject().forEach((name, value) -> {
                if (value.isString()) {
                    result.put(name, value.asString());
                }
            });
        }
        return Map.copyOf(result);
    }
}
