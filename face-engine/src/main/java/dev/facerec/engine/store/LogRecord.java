package dev.facerec.engine.store;

import java.util.List;
import java.util.Map;

/** One durable change to a collection. Every API call that changes state writes exactly one record (a batch). */
sealed interface LogRecord {

    record CollectionCreated(CollectionInfo info) implements LogRecord {}

    record FacesAdded(List<NewFace> faces) implements LogRecord {}

    record FacesDeleted(List<String> faceIds) implements LogRecord {}

    record UserCreated(String userId) implements LogRecord {}

    record UserDeleted(String userId) implements LogRecord {}

    record FacesAssociated(String userId, List<String> faceIds) implements LogRecord {}

    record FacesDisassociated(String userId, List<String> faceIds) implements LogRecord {}

    /** The collection's whole tag set after a TagResource or UntagResource. */
    record TagsChanged(Map<String, String> tags) implements LogRecord {}

    record TokenRecorded(IdempotencyKey key, String response, long atMillis) implements LogRecord {}

    /** Several records applied together or not at all. */
    record Batch(List<LogRecord> records) implements LogRecord {}
}
