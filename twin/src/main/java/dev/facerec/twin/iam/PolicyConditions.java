package dev.facerec.twin.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A statement's {@code Condition} block, as IAM evaluates it: every operator and every key must hold (AND), any of a
 * key's values may match (OR; none for the negated operators). A key absent from the request context fails a
 * condition, except a negated one (which holds), one with {@code ...IfExists} (which holds) and {@code Null}. The
 * string, ARN, {@code Bool} and {@code Null} operators are evaluated; any other operator is an error naming it.
 */
final class PolicyConditions {

    private static final String IF_EXISTS = "IfExists";
    private static final Set<String> EVALUATED =
            Set.of("StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike", "Bool");

    private PolicyConditions() {}

    static boolean hold(JsonNode condition, Map<String, String> context) {
        if (condition == null || condition.isMissingNode() || condition.isNull()) {
            return true;
        }
        for (Iterator<Map.Entry<String, JsonNode>> operators = condition.fields(); operators.hasNext(); ) {
            Map.Entry<String, JsonNode> operator = operators.next();
            for (Iterator<Map.Entry<String, JsonNode>> keys =
                            operator.getValue().fields();
                    keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                List<String> values = ResourcePolicy.list(key.getValue()).stream()
                        .map(JsonNode::asText)
                        .toList();
                if (!holds(operator.getKey(), context.get(key.getKey()), values)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean holds(String operator, String actual, List<String> values) {
        if (operator.contains(":")) {
            throw new IllegalArgumentException(
                    "the twin does not evaluate the set operator " + operator + " in resource policies");
        }
        if ("Null".equals(operator)) {
            return values.stream().anyMatch(v -> Boolean.parseBoolean(v) == (actual == null));
        }
        boolean ifExists = operator.endsWith(IF_EXISTS);
        String base = ifExists ? operator.substring(0, operator.length() - IF_EXISTS.length()) : operator;
        boolean negated = base.contains("Not");
        String positive = base.replace("Not", "");
        if (!EVALUATED.contains(positive)) {
            throw new IllegalArgumentException(
                    "the twin does not evaluate the condition operator " + operator + " in resource policies");
        }
        if (actual == null) {
            return ifExists || negated;
        }
        boolean anyMatch = values.stream().anyMatch(value -> matches(positive, value, actual));
        return negated != anyMatch;
    }

    private static boolean matches(String positive, String expected, String actual) {
        return switch (positive) {
            case "StringEquals" -> expected.equals(actual);
            case "StringEqualsIgnoreCase" -> expected.equalsIgnoreCase(actual);
            case "StringLike" -> Wildcards.matches(expected, actual);
            case "ArnEquals", "ArnLike" -> Wildcards.matchesArn(expected, actual);
            default -> expected.equalsIgnoreCase(actual); // Bool
        };
    }
}
