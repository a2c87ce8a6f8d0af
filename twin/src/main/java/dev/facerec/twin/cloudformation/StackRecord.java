package dev.facerec.twin.cloudformation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A deployed stack as the twin remembers it between runs.
 *
 * @param stackName the stack's name
 * @param stackId its ARN
 * @param status {@code CREATE_COMPLETE}, {@code UPDATE_COMPLETE}, or {@code *_FAILED} after an error
 * @param parameters the parameter values it was deployed with
 * @param resources the deployed resources, in the order they were created
 * @param outputs the resolved outputs
 */
public record StackRecord(
        String stackName,
        String stackId,
        String status,
        Map<String, String> parameters,
        Map<String, DeployedResource> resources,
        Map<String, String> outputs) {

    public StackRecord {
        parameters = new LinkedHashMap<>(parameters);
        resources = new LinkedHashMap<>(resources);
        outputs = new LinkedHashMap<>(outputs);
    }

    /** The deployed resource of that logical id, or an error. */
    public DeployedResource resource(String logicalId) {
        DeployedResource resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("stack " + stackName + " has no resource " + logicalId);
        }
        return resource;
    }

    /** The physical ids of the deployed resources of one type, e.g. every bucket name. */
    public java.util.List<DeployedResource> resourcesOfType(String type) {
        return resources.values().stream().filter(r -> r.type().equals(type)).toList();
    }
}
