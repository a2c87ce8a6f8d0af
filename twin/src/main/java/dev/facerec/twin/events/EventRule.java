package dev.facerec.twin.events;

import java.util.List;

/**
 * A rule on an event bus: an event pattern, a schedule, or both, and up to five targets.
 *
 * @param name the rule's name
 * @param eventBusName the bus it watches ({@code default} for the account's default bus)
 * @param eventPattern the event pattern as JSON, or {@code null} for a schedule-only rule
 * @param scheduleExpression {@code rate(...)} or {@code cron(...)}, or {@code null}
 * @param enabled whether the rule matches events and fires on its schedule ({@code State} {@code ENABLED})
 * @param targets where matching events go
 */
public record EventRule(
        String name,
        String eventBusName,
        String eventPattern,
        String scheduleExpression,
        boolean enabled,
        List<RuleTarget> targets) {

    public EventRule {
        targets = List.copyOf(targets);
    }

    /** The rule's ARN: {@code rule/NAME} on the default bus, {@code rule/BUS/NAME} on a custom bus. */
    public String arn(String region, String accountId) {
        String resource = EventsService.DEFAULT_BUS.equals(eventBusName) ? name : eventBusName + "/" + name;
        return "arn:aws:events:" + region + ":" + accountId + ":rule/" + resource;
    }
}
