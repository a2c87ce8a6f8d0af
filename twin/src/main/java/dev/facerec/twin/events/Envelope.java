package dev.facerec.twin.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The event as EventBridge delivers it to targets and matches it against patterns: {@code version} "0",
 * {@code id}, {@code detail-type}, {@code source}, {@code account}, {@code time} (UTC, whole seconds),
 * {@code region}, {@code resources}, {@code detail}.
 */
final class Envelope {

    private Envelope() {}

    static ObjectNode of(
            String id,
            String source,
            String detailType,
            Instant time,
            List<String> resources,
            JsonNode detail,
            String account,
            String region) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", account);
        event.put("time", DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS)));
        event.put("region", region);
        ArrayNode list = event.putArray("resources");
        resources.forEach(list::add);
        event.set("detail", detail);
        return event;
    }
}
