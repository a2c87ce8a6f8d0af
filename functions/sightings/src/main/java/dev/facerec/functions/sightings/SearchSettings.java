package dev.facerec.functions.sightings;

import dev.facerec.functions.core.sightings.SightingsLogConfig;
import java.util.Map;
import java.util.Objects;

/**
 * The search function's settings, from the environment the construct sets.
 *
 * @param tableName          the table of the sighting rows ({@code TABLE_NAME})
 * @param bucket             the bucket a search image named by key is read from ({@code SIGHTINGS_SEARCH_BUCKET})
 * @param searchPrefix       the key prefix search images must be under ({@code SIGHTINGS_SEARCH_PREFIX}); the
 *                           function may read nothing else
 * @param faceMatchThreshold the default similarity percent of a match ({@code FACE_MATCH_THRESHOLD})
 * @param log                the sightings log ({@link SightingsLogConfig#fromEnvironment})
 */
public record SearchSettings(
        String tableName, String bucket, String searchPrefix, float faceMatchThreshold, SightingsLogConfig log) {

    public static final float DEFAULT_FACE_MATCH_THRESHOLD = 80f;

    public SearchSettings {
        requireText("TABLE_NAME", tableName);
        requireText("SIGHTINGS_SEARCH_BUCKET", bucket);
        requireText("SIGHTINGS_SEARCH_PREFIX", searchPrefix);
        if (!(faceMatchThreshold >= 0f && faceMatchThreshold <= 100f)) {
            throw new IllegalArgumentException(
                    "FACE_MATCH_THRESHOLD must be a percentage between 0 and 100, got " + faceMatchThreshold);
        }
        Objects.requireNonNull(log, "log");
        if (!log.enabled()) {
            throw new IllegalArgumentException("the sightings search needs " + SightingsLogConfig.PREFIX_VARIABLE
                    + " and " + SightingsLogConfig.RETENTION_VARIABLE);
        }
    }

    public static SearchSettings fromEnvironment(Map<String, String> env) {
        String threshold = env.get("FACE_MATCH_THRESHOLD");
        float parsed;
        try {
            parsed = threshold == null || threshold.isBlank()
                    ? DEFAULT_FACE_MATCH_THRESHOLD
                    : Float.parseFloat(threshold.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("FACE_MATCH_THRESHOLD must be a number, got '" + threshold + "'", e);
        }
        return new SearchSettings(
                env.get("TABLE_NAME"),
                env.get("SIGHTINGS_SEARCH_BUCKET"),
                env.get("SIGHTINGS_SEARCH_PREFIX"),
                parsed,
                SightingsLogConfig.fromEnvironment(env));
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set to a non-empty value");
        }
    }
}
