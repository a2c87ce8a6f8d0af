package dev.facerec.twin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Physical ids that changed without the resource changing: an SQS queue URL carries the port of the twin's current
 * SQS server, so a restarted twin reads a new URL for the same queue. A resource whose recorded properties differ
 * from the template's only by such ids is unchanged.
 */
final class MovedIds {

    private MovedIds() {}

    /** {@code node} with every text equal to an old id replaced by its new id. */
    static JsonNode apply(JsonNode node, Map<String, String> moved) {
        if (moved.isEmpty() || node == null) {
            return node;
        }
        if (node.isTextual()) {
            String now = moved.get(node.asText());
            return now == null ? node : JsonNodeFactory.instance.textNode(now);
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(apply(element, moved)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), apply(field.getValue(), moved)));
            return copy;
        }
        return node;
    }
}
