package dev.facerec.functions.core.handler;

import dev.facerec.functions.core.event.S3ObjectEvent;
import java.time.Duration;

/** What a function does with one record of an S3 event notification; returns the record's outcome. */
@FunctionalInterface
public interface RecordProcessor {

    /**
     * Processes one record.
     *
     * @param lease how long the invocation may hold the record's object
     * @param log the invocation's outcome log
     */
    String process(S3ObjectEvent event, Duration lease, OutcomeLog log);
}
