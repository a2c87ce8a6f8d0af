package dev.facerec.twin.cloudformation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The deployer of each resource type. Custom resources ({@code Custom::*} and
 * {@code AWS::CloudFormation::CustomResource}) without a deployer of their own go to the custom resource deployer.
 * A type without a deployer is an error naming the type and the resource.
 */
public final class DeployerRegistry {

    private static final String CUSTOM_RESOURCE = "AWS::CloudFormation::CustomResource";

    private final Map<String, ResourceDeployer> deployers = new LinkedHashMap<>();

    public DeployerRegistry register(ResourceDeployer deployer) {
        deployers.put(deployer.type(), deployer);
        return this;
    }

    /** The deployer for a resource, or an error saying the twin does not support its type. */
    public ResourceDeployer deployerFor(String type, String logicalId) {
        ResourceDeployer deployer = deployers.get(type);
        if (deployer == null && type.startsWith("Custom::")) {
            deployer = deployers.get(CUSTOM_RESOURCE);
        }
        if (deployer == null) {
            throw new TemplateException("resource " + logicalId + " has type " + type
                    + ", which the twin does not support (supported: " + supportedTypes() + ")");
        }
        return deployer;
    }

    public Set<String> supportedTypes() {
        return deployers.keySet();
    }
}
