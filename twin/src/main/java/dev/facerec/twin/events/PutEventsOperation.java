package dev.facerec.twin.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code PutEvents}: 1 to 10 entries of at most 256 KB together (EventBridge's size: Source, DetailType, Detail and
 * Resources in UTF-8 bytes, plus 14 for a Time). A request outside those limits is a {@code ValidationException};
 * a bad entry gets its {@code ErrorCode} and {@code ErrorMessage} while the others go through, in order.
 */
final class PutEventsOperation {

    static final int MAX_ENTRIES = 10;
    static final int MAX_SIZE_BYTES = 256 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventsService service;

    PutEventsOperation(EventsService service) {
        this.service = service;
    }

    ObjectNode handle(JsonNode request) {
        JsonNode entries = request.path("Entries");
        if (!entries.isArray() || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw EventBridgeException.validation("1 validation error detected: Value at 'entries' failed to satisfy "
                    + "constraint: Member must have length between 1 and " + MAX_ENTRIES + " (it has "
                    + (entries.isArray() ? entries.size() : 0) + ")");
        }
        int size = 0;
        for (JsonNode entry : entries) {
            size += size(entry);
        }
        if (size > MAX_SIZE_BYTES) {
            throw EventBridgeException.validation("Total size of the entries in the request is over the limit.");
        }
        ObjectNode response = JSON.createObjectNode();
        ArrayNode results = JSON.createArrayNode();
        int failed = 0;
        for (JsonNode entry : entries) {
            String[] outcome = put(entry);
            if (outcome.length == 1) {
                results.addObject().put("EventId", outcome[0]);
            } else {
                results.addObject().put("ErrorCode", outcome[0]).put("ErrorMessage", outcome[1]);
                failed++;
            }
        }
        response.put("FailedEntryCount", failed);
        response.set("Entries", results);
        return response;
    }

    /** Puts one entry on its bus; returns its event id, or the error code and message. */
    private String[] put(JsonNode entry) {
        for (String required : List.of("Source", "DetailType", "Detail")) {
            if (entry.path(required).asText("").isEmpty()) {
                return new String[] {
                    "InvalidArgument",
                    "Parameter " + required + " is not valid. Reason: " + required + " is a required argument."
                };
            }
        }
        String source = entry.get("Source").asText();
        if (source.startsWith("aws.")) {
            return new String[] {"NotAuthorizedForSourceException", "Not authorized for the source."};
        }
        JsonNode detail;
        try {
            detail = JSON.readTree(entry.get("Detail").asText());
        } catch (JsonProcessingException e) {
            detail = null;
        }
        if (detail == null || !detail.isObject()) {
            return new String[] {"MalformedDetail", "Detail is malformed."};
        }
        String bus = EventsService.busName(entry.path("EventBusName").asText(null));
        if (!service.hasEventBus(bus)) {
            return new String[] {"ResourceNotFoundException", "Event bus " + bus + " does not exist."};
        }
        List<String> resources = new ArrayList<>();
        entry.path("Resources").forEach(resource -> resources.add(resource.asText()));
        Instant time = entry.hasNonNull("Time")
                ? Instant.ofEpochMilli(Math.round(entry.get("Time").asDouble() * 1000))
                : service.clock().instant();
        String id = UUID.randomUUID().toString();
        service.publish(
                bus,
                Envelope.of(
                        id,
                        source,
                        entry.get("DetailType").asText(),
                        time,
                        resources,
                        detail,
                        service.accountId(),
                        service.region()));
        return new String[] {id};
    }

    private static int size(JsonNode entry) {
        int size = entry.hasNonNull("Time") ? 14 : 0;
        for (String field : List.of("Source", "DetailType", "Detail")) {
            size += utf8(entry.path(field).asText(""));
        }
        for (JsonNode resource : entry.path("Resources")) {
            size += utf8(resource.asText());
        }
        return size;
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
