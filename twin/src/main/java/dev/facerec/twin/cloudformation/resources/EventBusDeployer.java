package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import dev.facerec.twin.events.EventsService;
import java.util.Objects;

/**
 * {@code AWS::Events::EventBus}: a custom event bus on the twin's EventBridge. {@code Ref} is the name; attributes
 * {@code Arn} and {@code Name}. A bus policy, archives and partner sources are recorded only.
 */
public final class EventBusDeployer implements ResourceDeployer {

    private final EventsService events;

    public EventBusDeployer(EventsService events) {
        this.events = events;
    }

    @Override
    public String type() {
        return "AWS::Events::EventBus";
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        String name = request.requiredText("Name");
        return DeployedResource.of(request, name, "Arn", events.putEventBus(name), "Name", name);
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        return deployed.updatedBy(request);
    }

    @Override
    public boolean requiresReplacement(JsonNode deployedProperties, JsonNode newProperties) {
        return !Objects.equals(deployedProperties.get("Name"), newProperties.get("Name"));
    }

    @Override
    public void delete(DeployedResource deployed) {
        if (events.hasEventBus(deployed.physicalId())) {
            events.deleteEventBus(deployed.physicalId());
        }
    }

    @Override
    public boolean exists(DeployedResource deployed) {
        return events.hasEventBus(deployed.physicalId());
    }
}
