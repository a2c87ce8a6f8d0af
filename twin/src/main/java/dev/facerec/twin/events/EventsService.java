package dev.facerec.twin.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.twin.lambda.LambdaService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The twin's EventBridge: event buses (the default one and custom ones), rules with event patterns matched by
 * Event Ruler and schedules fired by a timer while the twin runs, and delivery to Lambda and SQS targets. Buses and
 * rules persist in the data directory. {@link #runNow} fires a scheduled rule at once, for tests and the CLI.
 */
public final class EventsService implements AutoCloseable {

    /** The account's default event bus, which always exists. */
    public static final String DEFAULT_BUS = "default";
    /** EventBridge's limit of targets per rule. */
    private static final int MAX_TARGETS = 5;

    private final String region;
    private final String accountId;
    private final EventsStore store;
    private final TargetDelivery delivery;
    private final Clock clock;
    private final Set<String> buses = ConcurrentHashMap.newKeySet();
    private final Map<String, EventRule> rules = new ConcurrentHashMap<>();
    private final Map<String, EventPattern> patterns = new ConcurrentHashMap<>();
    private final Schedules schedules;

    /**
     * @param directory where buses and rules are kept
     * @param lambda the Lambda that function targets are invoked on
     * @param sqs the client that queue targets are sent with
     * @param clock the time of events and schedules
     */
    public EventsService(
            Path directory, String region, String accountId, LambdaService lambda, SqsClient sqs, Clock clock) {
        this.region = region;
        this.accountId = accountId;
        this.store = new EventsStore(directory);
        this.delivery = new TargetDelivery(lambda, sqs);
        this.clock = clock;
        this.schedules = new Schedules(clock, this::fire);
        buses.add(DEFAULT_BUS);
        buses.addAll(store.loadBuses());
        store.loadRules().forEach(this::activate);
    }

    /** The bus name in a name or an event bus ARN ({@code arn:aws:events:...:event-bus/NAME}). */
    public static String busName(String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isEmpty()) {
            return DEFAULT_BUS;
        }
        int slash = nameOrArn.indexOf(":event-bus/");
        return nameOrArn.startsWith("arn:") && slash > 0
                ? nameOrArn.substring(slash + ":event-bus/".length())
                : nameOrArn;
    }

    public String busArn(String name) {
        return "arn:aws:events:" + region + ":" + accountId + ":event-bus/" + name;
    }

    public boolean hasEventBus(String name) {
        return buses.contains(name);
    }

    /** Creates a custom event bus (nothing to do when it exists) and returns its ARN. */
    public synchronized String putEventBus(String name) {
        if (!buses.contains(name)) {
            store.saveBus(name);
            buses.add(name);
        }
        return busArn(name);
    }

    /** Deletes a custom event bus; one that still has rules is refused, naming them. */
    public synchronized void deleteEventBus(String name) {
        if (DEFAULT_BUS.equals(name)) {
            throw new IllegalArgumentException("the default event bus cannot be deleted");
        }
        List<String> left = rules.values().stream()
                .filter(r -> r.eventBusName().equals(name))
                .map(EventRule::name)
                .toList();
        if (!left.isEmpty()) {
            throw new IllegalStateException("event bus " + name + " still has the rules " + left);
        }
        buses.remove(name);
        store.deleteBus(name);
    }

    /**
     * Creates or replaces a rule. A rule without a pattern and a schedule, with a pattern Event Ruler rejects, an
     * invalid schedule, on a missing bus, or with a target the twin cannot deliver to is refused, naming the rule.
     */
    public synchronized EventRule putRule(EventRule rule) {
        if (!buses.contains(rule.eventBusName())) {
            throw new IllegalArgumentException(
                    "rule " + rule.name() + " is on event bus " + rule.eventBusName() + ", which does not exist");
        }
        if (rule.eventPattern() == null && rule.scheduleExpression() == null) {
            throw new IllegalArgumentException(
                    "rule " + rule.name() + " needs an EventPattern or a ScheduleExpression");
        }
        if (rule.targets().size() > MAX_TARGETS) {
            throw new IllegalArgumentException("rule " + rule.name() + " has "
                    + rule.targets().size() + " targets; EventBridge allows " + MAX_TARGETS);
        }
        rule.targets().forEach(target -> TargetDelivery.check(rule.name(), target));
        if (rule.eventPattern() != null) {
            EventPattern.compile(rule.name(), rule.eventPattern());
        }
        if (rule.scheduleExpression() != null) {
            ScheduleExpression.parse(rule.name(), rule.scheduleExpression());
        }
        store.saveRule(rule);
        activate(rule);
        return rule;
    }

    public synchronized void deleteRule(String busName, String name) {
        String key = key(busName, name);
        rules.remove(key);
        patterns.remove(key);
        schedules.disarm(key);
        store.deleteRule(busName, name);
    }

    public Optional<EventRule> rule(String busName, String name) {
        return Optional.ofNullable(rules.get(key(busName, name)));
    }

    public String ruleArn(EventRule rule) {
        return rule.arn(region, accountId);
    }

    /**
     * Fires a scheduled rule now, with the scheduled-event envelope, and returns the event's id. The rule is named
     * by its name (unique across buses) or its ARN.
     */
    public String runNow(String ruleNameOrArn) {
        return runNow(ruleNameOrArn, clock.instant());
    }

    /**
     * Fires a scheduled rule now as if it were {@code time}: the event's {@code time} is that instant (on AWS, the
     * schedule's time), so that a function that takes it as "now" (the retention schedule) runs at a moved clock.
     */
    public String runNow(String ruleNameOrArn, Instant time) {
        EventRule rule = find(ruleNameOrArn);
        if (rule.scheduleExpression() == null) {
            throw new IllegalArgumentException("rule " + rule.name() + " has no ScheduleExpression");
        }
        if (!rule.enabled()) {
            throw new IllegalArgumentException("rule " + rule.name() + " is DISABLED");
        }
        return deliverScheduled(rule, time);
    }

    /** Matches an event put on a bus against the bus's enabled rules and delivers it to their targets. */
    void publish(String busName, ObjectNode event) {
        String json = event.toString();
        for (EventRule rule : rules.values()) {
            EventPattern pattern = patterns.get(key(rule.eventBusName(), rule.name()));
            if (rule.enabled() && rule.eventBusName().equals(busName) && pattern != null && pattern.matches(json)) {
                rule.targets().forEach(target -> delivery.deliver(rule.name(), target, event));
            }
        }
    }

    String region() {
        return region;
    }

    String accountId() {
        return accountId;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        schedules.close();
    }

    private void activate(EventRule rule) {
        String key = key(rule.eventBusName(), rule.name());
        rules.put(key, rule);
        if (rule.eventPattern() != null) {
            patterns.put(key, EventPattern.compile(rule.name(), rule.eventPattern()));
        } else {
            patterns.remove(key);
        }
        if (rule.enabled() && rule.scheduleExpression() != null) {
            schedules.arm(key, ScheduleExpression.parse(rule.name(), rule.scheduleExpression()));
        } else {
            schedules.disarm(key);
        }
    }

    private void fire(String key, Instant due) {
        EventRule rule = rules.get(key);
        if (rule != null && rule.enabled()) {
            deliverScheduled(rule, due);
        }
    }

    private String deliverScheduled(EventRule rule, Instant time) {
        String id = UUID.randomUUID().toString();
        ObjectNode event = Envelope.of(
                id,
                "aws.events",
                "Scheduled Event",
                time,
                List.of(ruleArn(rule)),
                JsonNodeFactory.instance.objectNode(),
                accountId,
                region);
        rule.targets().forEach(target -> delivery.deliver(rule.name(), target, event));
        return id;
    }

    private EventRule find(String ruleNameOrArn) {
        List<EventRule> found = rules.values().stream()
                .filter(r -> ruleNameOrArn.startsWith("arn:")
                        ? ruleArn(r).equals(ruleNameOrArn)
                        : r.name().equals(ruleNameOrArn))
                .toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException((found.isEmpty() ? "no rule " : "several rules are named ")
                    + ruleNameOrArn + " (rules: "
                    + rules.values().stream().map(this::ruleArn).sorted().toList() + ")");
        }
        return found.get(0);
    }

    private static String key(String busName, String name) {
        return busName + "/" + name;
    }
}
