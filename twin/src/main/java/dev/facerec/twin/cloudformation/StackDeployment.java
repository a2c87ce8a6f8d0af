package dev.facerec.twin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolution state of one deployment: parameter and pseudo parameter values, condition values (computed once),
 * and the resources deployed so far, which {@code Ref} and {@code Fn::GetAtt} read.
 */
final class StackDeployment implements ResolutionContext {

    private final Template template;
    private final Map<String, JsonNode> parameters;
    private final Map<String, JsonNode> pseudoParameters;
    private final String region;
    private final Map<String, Boolean> conditions = new HashMap<>();
    private final Map<String, DeployedResource> deployed = new LinkedHashMap<>();
    private final IntrinsicResolver resolver;

    StackDeployment(
            Template template,
            Map<String, JsonNode> parameters,
            Map<String, JsonNode> pseudoParameters,
            String region) {
        this.template = template;
        this.parameters = parameters;
        this.pseudoParameters = pseudoParameters;
        this.region = region;
        this.resolver = new IntrinsicResolver(this, template.mappings());
    }

    IntrinsicResolver resolver() {
        return resolver;
    }

    Map<String, DeployedResource> deployed() {
        return deployed;
    }

    /** Whether a resource is part of this deployment (it has no condition, or its condition is true). */
    boolean isActive(TemplateResource resource) {
        return resource.condition() == null || condition(resource.condition(), "resource " + resource.logicalId());
    }

    /** Whether a name is something Ref can name: a parameter, a pseudo parameter or a resource. */
    boolean isKnown(String name) {
        return parameters.containsKey(name)
                || pseudoParameters.containsKey(name)
                || "AWS::NoValue".equals(name)
                || template.resources().containsKey(name);
    }

    @Override
    public JsonNode ref(String name, String where) {
        if (pseudoParameters.containsKey(name)) {
            return pseudoParameters.get(name);
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        return TextNode.valueOf(resource(name, where).physicalId());
    }

    @Override
    public JsonNode getAtt(String logicalId, String attribute, String where) {
        DeployedResource resource = resource(logicalId, where);
        JsonNode value = resource.attributes().get(attribute);
        if (value == null) {
            throw new TemplateException(where + " asks for attribute " + attribute + " of " + logicalId + " ("
                    + resource.type() + "), which the twin does not provide (it has "
                    + names(resource.attributes().fieldNames()) + ")");
        }
        return value;
    }

    @Override
    public boolean condition(String name, String where) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        JsonNode expression = template.conditions().get(name);
        if (expression == null) {
            throw new TemplateException(where + " uses the condition " + name + ", which the template does not define");
        }
        boolean value = resolver.condition(expression, "condition " + name);
        conditions.put(name, value);
        return value;
    }

    @Override
    public String region() {
        return region;
    }

    private DeployedResource resource(String logicalId, String where) {
        DeployedResource resource = deployed.get(logicalId);
        if (resource != null) {
            return resource;
        }
        TemplateResource declared = template.resources().get(logicalId);
        if (declared == null) {
            throw new TemplateException(where + " refers to " + logicalId
                    + ", which is neither a parameter nor a resource of the template");
        }
        throw new TemplateException(where + " refers to " + logicalId + ", which is not deployed"
                + (declared.condition() != null ? " (its condition " + declared.condition() + " is false)" : ""));
    }

    private static List<String> names(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
