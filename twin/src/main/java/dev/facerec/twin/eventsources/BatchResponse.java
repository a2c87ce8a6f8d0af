package dev.facerec.twin.eventsources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A function's partial batch response ({@code ReportBatchItemFailures}) read as Lambda reads it: an empty or
 * {@code null} response or {@code batchItemFailures} list means every message succeeded; an {@code itemIdentifier}
 * that is missing, {@code null}, empty or not the id of a message of the batch, or a response that is not a JSON
 * object, makes the whole batch a failure.
 */
final class BatchResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchResponse() {}

    /** The ids of the failed messages, or empty when the response fails the whole batch. */
    static Optional<Set<String>> failedMessageIds(byte[] payload, Set<String> batchMessageIds) {
        JsonNode response;
        try {
            response = payload.length == 0 ? JSON.nullNode() : JSON.readTree(payload);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (response == null || response.isNull() || response.isMissingNode()) {
            return Optional.of(Set.of());
        }
        if (!response.isObject()) {
            return Optional.empty();
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return Optional.of(Set.of());
        }
        if (!failures.isArray()) {
            return Optional.empty();
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            if (id == null || !id.isTextual() || !batchMessageIds.contains(id.asText())) {
                return Optional.empty();
            }
            failed.add(id.asText());
        }
        return Optional.of(failed);
    }
}
