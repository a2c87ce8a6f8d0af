package dev.facerec.functions.sightings;

import dev.facerec.functions.core.sightings.SightingsLogConfig;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;

/**
 * The daily expiry of the sightings log: lists the account's collections, and deletes those of this log (exactly
 * {@code <prefix>-log-YYYYMMDD}, a real date; nothing else, not even a collection whose id merely starts with the
 * prefix) whose day has left the retention. Idempotent: a collection already gone counts as deleted, and a second run
 * finds nothing to do. Retryable errors propagate, so that Lambda retries the run.
 */
public final class SightingsExpiry {

    private final RekognitionClient rekognition;
    private final SightingsLogConfig log;
    private final Clock clock;

    public SightingsExpiry(RekognitionClient rekognition, SightingsLogConfig log, Clock clock) {
        if (!log.enabled()) {
            throw new IllegalArgumentException("the sightings expiry needs " + SightingsLogConfig.PREFIX_VARIABLE
                    + " and " + SightingsLogConfig.RETENTION_VARIABLE);
        }
        this.rekognition = rekognition;
        this.log = log;
        this.clock = clock;
    }

    /** Deletes the expired day collections of the log; returns the days deleted and the days kept, oldest first. */
    public Outcome run() {
        LocalDate today = SightingsLogConfig.dayOf(clock.instant());
        List<LocalDate> deleted = new ArrayList<>();
        List<LocalDate> kept = new ArrayList<>();
        for (String collectionId : rekognition.listCollectionsPaginator(b -> {}).collectionIds()) {
            Optional<LocalDate> day = log.dayOf(collectionId);
            if (day.isEmpty()) {
                continue;
            }
            if (log.isExpired(day.get(), today)) {
                delete(collectionId);
                deleted.add(day.get());
            } else {
                kept.add(day.get());
            }
        }
        deleted.sort(null);
        kept.sort(null);
        return new Outcome(today, deleted, kept);
    }

    private void delete(String collectionId) {
        try {
            rekognition.deleteCollection(b -> b.collectionId(collectionId));
        } catch (ResourceNotFoundException gone) {
            // deleted by an earlier, interrupted run
        }
    }

    /**
     * What a run did.
     *
     * @param today   the UTC day of the run
     * @param deleted the days whose collections were deleted
     * @param kept    the days whose collections are kept
     */
    public record Outcome(LocalDate today, List<LocalDate> deleted, List<LocalDate> kept) {}
}
