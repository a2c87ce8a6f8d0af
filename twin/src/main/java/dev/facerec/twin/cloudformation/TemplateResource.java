package dev.facerec.twin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a template's {@code Resources} section, unresolved.
 *
 * @param logicalId the key in {@code Resources}
 * @param type e.g. {@code AWS::S3::Bucket}
 * @param properties the {@code Properties} object (empty when absent), with intrinsics still in it
 * @param dependsOn the logical ids in {@code DependsOn}
 * @param condition the name in {@code Condition}, or {@code null}
 * @param deletionPolicy {@code Delete} (the default), {@code Retain} or {@code Snapshot}
 */
public record TemplateResource(
        String logicalId,
        String type,
        JsonNode properties,
        List<String> dependsOn,
        String condition,
        String deletionPolicy) {

    public TemplateResource {
        dependsOn = List.copyOf(dependsOn);
    }

    static TemplateResource parse(String logicalId, JsonNode node) {
        JsonNode type = node.get("Type");
        if (type == null || !type.isTextual()) {
            throw new TemplateException("resource " + logicalId + " has no Type");
        }
        List<String> dependsOn = new ArrayList<>();
        JsonNode depends = node.get("DependsOn");
        if (depends != null && depends.isTextual()) {
            dependsOn.add(depends.asText());
        } else if (depends != null) {
            depends.forEach(d -> dependsOn.add(d.asText()));
        }
        JsonNode properties = node.get("Properties");
        return new TemplateResource(
                logicalId,
                type.asText(),
                properties == null ? JsonNodeFactory.instance.objectNode() : properties,
                dependsOn,
                node.hasNonNull("Condition") ? node.get("Condition").asText() : null,
                node.hasNonNull("DeletionPolicy") ? node.get("DeletionPolicy").asText() : "Delete");
    }

    /** Whether deleting the stack (or removing the resource from the template) keeps the real resource. */
    public boolean retainedOnDelete() {
        return "Retain".equals(deletionPolicy) || "RetainExceptOnCreate".equals(deletionPolicy);
    }
}
