package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import dev.facerec.twin.lambda.FunctionReference;
import dev.facerec.twin.lambda.LambdaService;
import java.util.Objects;

/**
 * {@code AWS::Lambda::Alias}: a name for a published version ({@code FunctionVersion}, moved in place on update).
 * {@code Ref} is the alias ARN; attribute {@code AliasArn}. A new {@code Name} or {@code FunctionName} replaces it.
 * {@code RoutingConfig} (weighted versions) and provisioned concurrency are recorded only: the alias runs its
 * function.
 */
public final class AliasDeployer implements ResourceDeployer {

    private final LambdaService lambda;

    public AliasDeployer(LambdaService lambda) {
        this.lambda = lambda;
    }

    @Override
    public String type() {
        return "AWS::Lambda::Alias";
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        FunctionReference alias = put(request);
        String arn = alias.arn(request.region(), request.accountId());
        return DeployedResource.of(request, arn, "AliasArn", arn);
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        put(request);
        return deployed.updatedBy(request);
    }

    @Override
    public boolean requiresReplacement(JsonNode deployedProperties, JsonNode newProperties) {
        return !Objects.equals(deployedProperties.get("Name"), newProperties.get("Name"))
                || !Objects.equals(deployedProperties.get("FunctionName"), newProperties.get("FunctionName"));
    }

    @Override
    public void delete(DeployedResource deployed) {
        FunctionReference alias = FunctionReference.parse(deployed.physicalId());
        lambda.deleteAlias(alias.name(), alias.qualifier());
    }

    private FunctionReference put(ResourceRequest request) {
        String function =
                FunctionReference.parse(request.requiredText("FunctionName")).name();
        String name = request.requiredText("Name");
        lambda.putAlias(function, name, request.requiredText("FunctionVersion"));
        return new FunctionReference(function, name);
    }
}
