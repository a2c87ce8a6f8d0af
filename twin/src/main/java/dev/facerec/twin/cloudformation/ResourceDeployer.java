package dev.facerec.twin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Creates, reads, updates and deletes the resources of one type on the twin's services (LocalStack's resource
 * provider).
 */
public interface ResourceDeployer {

    /** The resource type, e.g. {@code AWS::SQS::Queue}. */
    String type();

    DeployedResource create(ResourceRequest request);

    /** Applies changed properties; called only when the resolved properties differ from the deployed ones. */
    DeployedResource update(ResourceRequest request, DeployedResource deployed);

    void delete(DeployedResource deployed);

    /** Whether the resource still exists in its service (read); a resource that vanished is created again. */
    default boolean exists(DeployedResource deployed) {
        return true;
    }

    /**
     * The unchanged resource as its service names it now: ids that carry an endpoint (an SQS queue URL carries the
     * port of this run's server) are read again, so that a restarted twin hands out live ones.
     */
    default DeployedResource refresh(DeployedResource deployed) {
        return deployed;
    }

    /** Whether the change cannot be made in place, so CloudFormation would replace the resource. */
    default boolean requiresReplacement(JsonNode deployedProperties, JsonNode newProperties) {
        return false;
    }
}
