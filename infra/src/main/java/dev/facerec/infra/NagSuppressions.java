package dev.facerec.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/**
 * Writes cdk-nag suppressions as the {@code cdk_nag} template metadata that cdk-nag reads, so that a stack using
 * this library passes the AwsSolutions checks without depending on cdk-nag at run time. Each suppression names
 * one rule, says why, and (for IAM5) lists exactly the findings it covers.
 */
final class NagSuppressions {

    private NagSuppressions() {}

    /** A finding matched by a regular expression, in cdk-nag's {@code /pattern/} notation. */
    static Map<String, String> regex(String pattern) {
        return Map.of("regex", "/" + pattern + "/");
    }

    /**
     * Suppresses {@code ruleId} on the CloudFormation resource of {@code construct} (itself, or its default child).
     *
     * @param appliesTo the findings covered (strings or {@link #regex(String)}); none means the whole rule
     */
    /** Escapes a literal for a JavaScript regular expression (cdk-nag evaluates patterns in JavaScript). */
    static String quote(String literal) {
        return literal.replaceAll("[.*+?^${}()|\\[\\]\\\\/]", "\\\\$0");
    }

    static void add(IConstruct construct, String ruleId, String reason, Object... appliesTo) {
        CfnResource resource = construct instanceof CfnResource cfn
                ? cfn
                : (CfnResource) construct.getNode().getDefaultChild();
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", ruleId);
        rule.put("reason", reason);
        if (appliesTo.length > 0) {
            rule.put("applies_to", List.of(appliesTo));
        }
        List<Object> rules = new ArrayList<>(existing(resource));
        rules.add(rule);
        resource.addMetadata("cdk_nag", Map.of("rules_to_suppress", rules));
    }

    private static List<?> existing(CfnResource resource) {
        Object metadata = resource.getMetadata("cdk_nag");
        if (metadata instanceof Map<?, ?> map && map.get("rules_to_suppress") instanceof List<?> rules) {
            return rules;
        }
        return List.of();
    }
}
