package dev.facerec.twin.events;

import java.io.IOException;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;

/**
 * A rule's event pattern, compiled by Event Ruler ({@code software.amazon.event.ruler}), the open-source matcher
 * AWS built EventBridge's rules on: prefix, suffix, anything-but, numeric, exists, equals-ignore-case, wildcard,
 * cidr and {@code $or} match as in EventBridge. A pattern Ruler rejects is an error naming the rule and Ruler's
 * reason, never a rule that silently matches nothing.
 */
final class EventPattern {

    private final Machine machine = new Machine();

    private EventPattern(String ruleName, String pattern) {
        try {
            machine.addRule(ruleName, pattern);
        } catch (IOException | RuntimeException e) {
            throw invalid(ruleName, e.getMessage());
        }
    }

    /** Compiles a pattern, or fails with an {@link IllegalArgumentException} naming the rule and the reason. */
    static EventPattern compile(String ruleName, String pattern) {
        String problem = JsonRuleCompiler.check(pattern);
        if (problem != null) {
            throw invalid(ruleName, problem);
        }
        return new EventPattern(ruleName, pattern);
    }

    /** Whether an event (EventBridge's envelope as JSON) matches. */
    boolean matches(String eventJson) {
        try {
            return !machine.rulesForJSONEvent(eventJson).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static IllegalArgumentException invalid(String ruleName, String reason) {
        return new IllegalArgumentException(
                "rule " + ruleName + " has an event pattern EventBridge rejects: " + reason);
    }
}
