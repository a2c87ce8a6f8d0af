package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import dev.facerec.twin.cloudformation.TemplateException;
import dev.facerec.twin.events.EventRule;
import dev.facerec.twin.events.EventsService;
import dev.facerec.twin.events.RuleTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code AWS::Events::Rule} on the twin's EventBridge: {@code EventBusName} (name or ARN, default bus when absent),
 * {@code EventPattern}, {@code ScheduleExpression}, {@code State} and {@code Targets} ({@code Id}, {@code Arn},
 * {@code Input}, {@code InputPath}). {@code Ref} is the rule name, or {@code BUS|NAME} on a custom bus; attribute
 * {@code Arn}. A pattern Event Ruler rejects, an invalid schedule or a target the twin cannot deliver to fails the
 * deployment, naming the rule. {@code InputTransformer} is refused (it would change what targets get); a target's
 * {@code RetryPolicy}, {@code DeadLetterConfig} and {@code RoleArn} are recorded only: a failed delivery is logged.
 */
public final class RuleDeployer implements ResourceDeployer {

    private final EventsService events;

    public RuleDeployer(EventsService events) {
        this.events = events;
    }

    @Override
    public String type() {
        return "AWS::Events::Rule";
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        EventRule rule = put(request, request.physicalName("Name", 64, false));
        String ref = EventsService.DEFAULT_BUS.equals(rule.eventBusName())
                ? rule.name()
                : rule.eventBusName() + "|" + rule.name();
        return DeployedResource.of(request, ref, "Arn", events.ruleArn(rule));
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        put(request, name(deployed));
        return deployed.updatedBy(request);
    }

    @Override
    public boolean requiresReplacement(JsonNode deployedProperties, JsonNode newProperties) {
        return !Objects.equals(deployedProperties.get("Name"), newProperties.get("Name"))
                || !Objects.equals(deployedProperties.get("EventBusName"), newProperties.get("EventBusName"));
    }

    @Override
    public void delete(DeployedResource deployed) {
        events.deleteRule(bus(deployed.properties()), name(deployed));
    }

    @Override
    public boolean exists(DeployedResource deployed) {
        return events.rule(bus(deployed.properties()), name(deployed)).isPresent();
    }

    private EventRule put(ResourceRequest request, String name) {
        JsonNode pattern = request.properties().get("EventPattern");
        String state = request.text("State");
        EventRule rule = new EventRule(
                name,
                bus(request.properties()),
                pattern == null || pattern.isNull()
                        ? null
                        : pattern.isTextual() ? pattern.asText() : pattern.toString(),
                request.text("ScheduleExpression"),
                state == null || !state.equals("DISABLED"),
                targets(request, name));
        try {
            return events.putRule(rule);
        } catch (IllegalArgumentException e) {
            throw new TemplateException(type() + " " + request.logicalId() + ": " + e.getMessage());
        }
    }

    private static List<RuleTarget> targets(ResourceRequest request, String name) {
        List<RuleTarget> targets = new ArrayList<>();
        for (JsonNode target : request.properties().path("Targets")) {
            if (target.has("InputTransformer")) {
                throw new TemplateException(request.type() + " " + request.logicalId() + ": rule " + name + " target "
                        + target.path("Id").asText() + " sets InputTransformer, which the twin does not emulate");
            }
            targets.add(new RuleTarget(
                    target.path("Id").asText(),
                    target.path("Arn").asText(),
                    text(target, "Input"),
                    text(target, "InputPath")));
        }
        return targets;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String bus(JsonNode properties) {
        JsonNode bus = properties.get("EventBusName");
        return EventsService.busName(bus == null || bus.isNull() ? null : bus.asText());
    }

    private static String name(DeployedResource deployed) {
        String ref = deployed.physicalId();
        return ref.substring(ref.indexOf('|') + 1);
    }
}
