package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.apigateway.HttpApi;
import dev.facerec.twin.apigateway.HttpApiService;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import dev.facerec.twin.cloudformation.TemplateException;
import java.util.Objects;

/**
 * A part of an HTTP API (route, integration, authorizer, stage): created and updated in place on its API
 * ({@code ApiId}), replaced when the API changes, deleted with it. {@code Ref} is the part's id (a stage's name).
 */
abstract class ApiPartDeployer implements ResourceDeployer {

    protected final HttpApiService apis;
    private final String type;
    private final String idAttribute;

    /**
     * @param idAttribute the {@code Fn::GetAtt} attribute that repeats the id (e.g. {@code RouteId}), or {@code null}
     */
    ApiPartDeployer(HttpApiService apis, String type, String idAttribute) {
        this.apis = apis;
        this.type = type;
        this.idAttribute = idAttribute;
    }

    /** The id of a new part: a fresh one, or the name the template gives. */
    abstract String newId(ResourceRequest request);

    /** Creates or changes the part on its API. */
    abstract void put(String apiId, String id, ResourceRequest request);

    abstract void remove(String apiId, String id);

    abstract boolean has(HttpApi api, String id);

    @Override
    public final String type() {
        return type;
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        String id = newId(request);
        put(apiId(request), id, request);
        return idAttribute == null
                ? DeployedResource.of(request, id)
                : DeployedResource.of(request, id, idAttribute, id);
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        put(apiId(request), deployed.physicalId(), request);
        return deployed.updatedBy(request);
    }

    @Override
    public boolean requiresReplacement(JsonNode deployedProperties, JsonNode newProperties) {
        return !Objects.equals(deployedProperties.get("ApiId"), newProperties.get("ApiId"));
    }

    @Override
    public void delete(DeployedResource deployed) {
        remove(deployed.properties().path("ApiId").asText(), deployed.physicalId());
    }

    @Override
    public boolean exists(DeployedResource deployed) {
        return apis.api(deployed.properties().path("ApiId").asText())
                .map(api -> has(api, deployed.physicalId()))
                .orElse(false);
    }

    private String apiId(ResourceRequest request) {
        String apiId = request.requiredText("ApiId");
        if (apis.api(apiId).isEmpty()) {
            throw new TemplateException(type + " " + request.logicalId() + " names API " + apiId
                    + ", which is not an HTTP API of the twin");
        }
        return apiId;
    }

    static TemplateException unsupported(ResourceRequest request, String what) {
        return new TemplateException(request.type() + " " + request.logicalId() + " " + what);
    }
}
