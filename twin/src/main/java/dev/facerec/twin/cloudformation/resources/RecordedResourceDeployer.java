package dev.facerec.twin.cloudformation.resources;

import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import java.util.function.Function;

/**
 * A resource type the twin records without a service behind it: the stack record keeps its resolved properties
 * (IAM roles and policies, key policies, resource policies, permissions, log groups) and it gets the physical id and
 * attributes CloudFormation would give it, so that other resources can refer to it. A later step can enforce the
 * recorded IAM policies.
 */
public final class RecordedResourceDeployer implements ResourceDeployer {

    private final String type;
    private final Function<ResourceRequest, DeployedResource> identity;

    /**
     * @param type the resource type
     * @param identity gives a new resource its physical id and attributes
     */
    public RecordedResourceDeployer(String type, Function<ResourceRequest, DeployedResource> identity) {
        this.type = type;
        this.identity = identity;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        return identity.apply(request);
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        return deployed.updatedBy(request);
    }

    @Override
    public void delete(DeployedResource deployed) {
        // nothing outside the stack record to remove
    }
}
