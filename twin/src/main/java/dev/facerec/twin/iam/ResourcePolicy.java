package dev.facerec.twin.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * IAM's evaluation of one resource-based policy (such as an SQS queue policy) for a request made by an AWS service
 * principal: an explicit {@code Deny} wins, then an {@code Allow}, else the request is implicitly denied.
 * {@code Principal}/{@code NotPrincipal}, {@code Action}/{@code NotAction} and {@code Resource}/{@code NotResource}
 * with {@code *} and {@code ?} wildcards, and {@code Condition} through {@link PolicyConditions}.
 */
public final class ResourcePolicy {

    /** How a policy decides a request. */
    public enum Decision {
        ALLOW,
        EXPLICIT_DENY,
        IMPLICIT_DENY
    }

    private ResourcePolicy() {}

    /** Evaluates {@code policy} (a policy document, or {@code null} for none) for {@code request}. */
    public static Decision evaluate(JsonNode policy, PolicyRequest request) {
        if (policy == null || policy.isNull() || policy.isMissingNode()) {
            return Decision.IMPLICIT_DENY;
        }
        boolean allowed = false;
        for (JsonNode statement : list(policy.path("Statement"))) {
            if (!applies(statement, request)) {
                continue;
            }
            String effect = statement.path("Effect").asText();
            if ("Deny".equals(effect)) {
                return Decision.EXPLICIT_DENY;
            }
            if ("Allow".equals(effect)) {
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    private static boolean applies(JsonNode statement, PolicyRequest request) {
        return matchesPrincipal(statement, request)
                && matches(statement, "Action", "NotAction", request.action(), true)
                && matches(statement, "Resource", "NotResource", request.resourceArn(), false)
                && PolicyConditions.hold(statement.path("Condition"), request.context());
    }

    private static boolean matchesPrincipal(JsonNode statement, PolicyRequest request) {
        if (statement.has("NotPrincipal")) {
            return !principalIn(statement.get("NotPrincipal"), request);
        }
        return principalIn(statement.path("Principal"), request);
    }

    private static boolean principalIn(JsonNode principal, PolicyRequest request) {
        if (principal.isTextual()) {
            return "*".equals(principal.asText());
        }
        if (list(principal.path("AWS")).stream().anyMatch(p -> "*".equals(p.asText()))) {
            return true;
        }
        return list(principal.path("Service")).stream()
                .anyMatch(service -> service.asText().equals(request.servicePrincipal()));
    }

    private static boolean matches(
            JsonNode statement, String field, String negatedField, String value, boolean ignoreCase) {
        if (statement.has(negatedField)) {
            return !anyMatches(statement.get(negatedField), value, ignoreCase);
        }
        return !statement.has(field) || anyMatches(statement.get(field), value, ignoreCase);
    }

    private static boolean anyMatches(JsonNode patterns, String value, boolean ignoreCase) {
        return list(patterns).stream()
                .anyMatch(pattern -> ignoreCase
                        ? Wildcards.matches(pattern.asText().toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT))
                        : Wildcards.matches(pattern.asText(), value));
    }

    /** A policy element that may be one value or a list of them. */
    static List<JsonNode> list(JsonNode node) {
        List<JsonNode> values = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(values::add);
        } else {
            values.add(node);
        }
        return values;
    }
}
