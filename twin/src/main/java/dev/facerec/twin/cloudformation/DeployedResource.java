package dev.facerec.twin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A resource as deployed: what {@code Ref} returns (the physical id), what {@code Fn::GetAtt} returns (the
 * attributes), and the resolved properties it was deployed with (to tell an update from no change).
 *
 * @param logicalId the template's logical id
 * @param type the resource type
 * @param physicalId the physical id, e.g. a bucket name, a queue URL, a function name
 * @param attributes the values of {@code Fn::GetAtt}, by attribute name
 * @param properties the resolved properties
 * @param retainOnDelete whether the template's deletion policy keeps the real resource
 * @param stackId the ARN of the stack it belongs to
 */
public record DeployedResource(
        String logicalId,
        String type,
        String physicalId,
        ObjectNode attributes,
        JsonNode properties,
        boolean retainOnDelete,
        String stackId) {

    /** A new record; the attributes are given as name, value pairs. */
    public static DeployedResource of(ResourceRequest request, String physicalId, String... attributes) {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            values.put(attributes[i], attributes[i + 1]);
        }
        return new DeployedResource(
                request.logicalId(),
                request.type(),
                physicalId,
                values,
                request.properties(),
                request.retainOnDelete(),
                request.stackId());
    }

    /** The same resource deployed anew with the request's properties and deletion policy. */
    public DeployedResource updatedBy(ResourceRequest request) {
        return new DeployedResource(
                logicalId, type, physicalId, attributes, request.properties(), request.retainOnDelete(), stackId);
    }

    /** The same resource with other attributes (e.g. a custom resource's {@code Data}). */
    public DeployedResource withAttributes(ObjectNode values) {
        return new DeployedResource(logicalId, type, physicalId, values, properties, retainOnDelete, stackId);
    }
}
