package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import dev.facerec.twin.cloudformation.TemplateException;
import dev.facerec.twin.eventsources.EventSourceMapping;
import dev.facerec.twin.eventsources.EventSourceMappingService;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * {@code AWS::Lambda::EventSourceMapping} from an SQS queue: {@code EventSourceArn}, {@code FunctionName} (name,
 * ARN, partial or qualified ARN), {@code BatchSize}, {@code MaximumBatchingWindowInSeconds},
 * {@code ScalingConfig.MaximumConcurrency}, {@code FunctionResponseTypes}, {@code Enabled}; {@code Tags},
 * {@code MetricsConfig} and {@code KmsKeyArn} are recorded only, any other property (such as
 * {@code FilterCriteria}) is an error naming it. {@code Ref} is the mapping's UUID; attributes {@code Id} and
 * {@code EventSourceMappingArn}. A new queue replaces the mapping, as in CloudFormation.
 */
public final class EventSourceMappingDeployer implements ResourceDeployer {

    private static final Set<String> SUPPORTED = Set.of(
            "EventSourceArn",
            "FunctionName",
            "BatchSize",
            "MaximumBatchingWindowInSeconds",
            "ScalingConfig",
            "FunctionResponseTypes",
            "Enabled",
            "Tags",
            "MetricsConfig",
            "KmsKeyArn");

    private final EventSourceMappingService mappings;

    public EventSourceMappingDeployer(EventSourceMappingService mappings) {
        this.mappings = mappings;
    }

    @Override
    public String type() {
        return "AWS::Lambda::EventSourceMapping";
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        String uuid = UUID.randomUUID().toString();
        put(request, uuid);
        return DeployedResource.of(
                request,
                uuid,
                "Id",
                uuid,
                "EventSourceMappingArn",
                request.arn("lambda", "event-source-mapping:" + uuid));
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        put(request, deployed.physicalId());
        return deployed.updatedBy(request);
    }

    @Override
    public boolean requiresReplacement(JsonNode deployedProperties, JsonNode newProperties) {
        return !Objects.equals(deployedProperties.get("EventSourceArn"), newProperties.get("EventSourceArn"));
    }

    @Override
    public void delete(DeployedResource deployed) {
        mappings.delete(deployed.physicalId());
    }

    @Override
    public boolean exists(DeployedResource deployed) {
        return mappings.mapping(deployed.physicalId()).isPresent();
    }

    private void put(ResourceRequest request, String uuid) {
        JsonNode properties = request.properties();
        for (Iterator<String> names = properties.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SUPPORTED.contains(name)) {
                throw new TemplateException("event source mapping " + request.logicalId() + " has the property " + name
                        + ", which the twin does not support (supported: " + SUPPORTED + ")");
            }
        }
        List<String> responseTypes = new ArrayList<>();
        properties.path("FunctionResponseTypes").forEach(type -> responseTypes.add(type.asText()));
        JsonNode concurrency = properties.path("ScalingConfig").path("MaximumConcurrency");
        JsonNode enabled = properties.get("Enabled");
        try {
            mappings.put(new EventSourceMapping(
                    uuid,
                    EventSourceMapping.functionName(request.requiredText("FunctionName")),
                    request.requiredText("EventSourceArn"),
                    request.integer("BatchSize", EventSourceMapping.DEFAULT_BATCH_SIZE),
                    request.integer("MaximumBatchingWindowInSeconds", 0),
                    concurrency.isMissingNode() || concurrency.isNull() ? null : Integer.valueOf(concurrency.asText()),
                    EventSourceMapping.reportsBatchItemFailures(responseTypes),
                    enabled == null || enabled.isNull() || Boolean.parseBoolean(enabled.asText())));
        } catch (IllegalArgumentException e) {
            throw new TemplateException("event source mapping " + request.logicalId() + ": " + e.getMessage());
        }
    }
}
