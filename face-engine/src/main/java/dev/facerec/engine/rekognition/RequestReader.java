package dev.facerec.engine.rekognition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads and checks the members of one request body against Rekognition's constraints. A violation is an
 * {@code InvalidParameterException} naming the member and the constraint, never echoing the value (it may be a
 * person's id).
 */
final class RequestReader {

    private final String operation;
    private final ObjectNode body;

    RequestReader(String operation, ObjectNode body) {
        this.operation = operation;
        this.body = body;
    }

    String operation() {
        return operation;
    }

    JsonNode node(String member) {
        JsonNode node = body.get(member);
        return node == null || node.isNull() ? null : node;
    }

    boolean has(String member) {
        return node(member) != null;
    }

    String collectionId() {
        return requiredString("CollectionId", Constraints.COLLECTION_ID, Constraints.COLLECTION_ID_MAX);
    }

    String requiredString(String member, Pattern pattern, int max) {
        String value = optionalString(member, pattern, max);
        if (value == null) {
            throw violation(member, "Member must not be null");
        }
        return value;
    }

    String optionalString(String member, Pattern pattern, int max) {
        JsonNode node = node(member);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw violation(member, "Member must be a string");
        }
        return checked(member, node.asText(), pattern, max);
    }

    /** An optional integer member, {@code fallback} when absent. */
    int optionalInt(String member, int min, int max, int fallback) {
        JsonNode node = node(member);
        if (node == null) {
            return fallback;
        }
        if (!node.canConvertToInt()) {
            throw violation(member, "Member must be an integer");
        }
        int value = node.asInt();
        if (value < min || value > max) {
            throw violation(
                    member,
                    "Member must have value " + (value < min ? "greater" : "less") + " than or equal to "
                            + (value < min ? min : max));
        }
        return value;
    }

    /** An optional percentage (0–100), {@code fallback} when absent. */
    float optionalPercent(String member, float fallback) {
        JsonNode node = node(member);
        if (node == null) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw violation(member, "Member must be a number");
        }
        float value = node.floatValue();
        if (!(value >= 0f && value <= 100f)) {
            throw violation(member, "Member must have value between 0 and 100");
        }
        return value;
    }

    <E extends Enum<E>> E optionalEnum(String member, Class<E> type, E fallback) {
        JsonNode node = node(member);
        if (node == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, node.asText());
        } catch (IllegalArgumentException e) {
            throw violation(member, "Member must satisfy enum value set: " + List.of(type.getEnumConstants()));
        }
    }

    /** A list of strings, each checked; empty when absent and {@code minSize} is 0. */
    List<String> stringList(String member, int minSize, int maxSize, Pattern pattern, int maxLength) {
        JsonNode node = node(member);
        if (node == null) {
            if (minSize > 0) {
                throw violation(member, "Member must not be null");
            }
            return List.of();
        }
        if (!node.isArray()) {
            throw violation(member, "Member must be a list");
        }
        if (node.size() < minSize || node.size() > maxSize) {
            throw violation(member, "Member must have length between " + minSize + " and " + maxSize);
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            values.add(checked(member, item.asText(), pattern, maxLength));
        }
        return values;
    }

    /** A string-to-string map of tags, each key and value checked; empty when absent and not required. */
    Map<String, String> tags(String member, boolean required) {
        JsonNode node = node(member);
        if (node == null) {
            if (required) {
                throw violation(member, "Member must not be null");
            }
            return Map.of();
        }
        if (!node.isObject()) {
            throw violation(member, "Member must be a map");
        }
        if (node.size() > Constraints.MAX_TAGS_PER_REQUEST) {
            throw violation(
                    member, "Member must have length less than or equal to " + Constraints.MAX_TAGS_PER_REQUEST);
        }
        Map<String, String> tags = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = checked(member + ".key", entry.getKey(), Constraints.TAG_KEY, Constraints.TAG_KEY_MAX);
            String value = entry.getValue().asText();
            if (value.length() > Constraints.TAG_VALUE_MAX
                    || !Constraints.TAG_VALUE.matcher(value).matches()) {
                throw violation(
                        member + ".value",
                        "Member must have length less than or equal to " + Constraints.TAG_VALUE_MAX
                                + " and satisfy regular expression pattern: " + Constraints.TAG_VALUE.pattern());
            }
            tags.put(key, value);
        }
        return tags;
    }

    /** The request without its {@code ClientRequestToken}, in a canonical form, to tell repeats from reuse. */
    String fingerprint() {
        ObjectNode copy = body.deepCopy();
        copy.remove("ClientRequestToken");
        try {
            return Json.CANONICAL.writeValueAsString(Json.CANONICAL.treeToValue(copy, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String checked(String member, String value, Pattern pattern, int max) {
        if (value.isEmpty() || value.length() > max) {
            throw violation(member, "Member must have length between 1 and " + max);
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            throw violation(member, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return value;
    }

    static RekognitionException violation(String member, String constraint) {
        String name = member.substring(0, 1).toLowerCase(Locale.ROOT) + member.substring(1);
        return RekognitionException.invalidParameter(
                "1 validation error detected: Value at '" + name + "' failed to satisfy constraint: " + constraint);
    }
}
