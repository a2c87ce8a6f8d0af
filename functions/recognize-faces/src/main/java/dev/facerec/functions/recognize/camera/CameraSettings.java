package dev.facerec.functions.recognize.camera;

import java.time.Duration;
import java.util.Map;

/**
 * The camera function's own settings, from its environment (set by the {@code FaceCameras} construct).
 *
 * @param framesPrefix {@code FRAMES_PREFIX}: where image generation delivers the frames
 * @param sightingGap {@code SIGHTING_GAP_SECONDS}: the longest a person may be out of view and stay in one sighting
 * @param sightingRetention {@code SIGHTING_RETENTION_DAYS}: how long a sighting row lives after its last frame
 * @param trackMatchThreshold {@code TRACK_MATCH_THRESHOLD}: the similarity (percent) from which a face not named
 *     may continue the open sighting of the person it resembles (never name anyone: naming takes the pipeline's
 *     {@code FACE_MATCH_THRESHOLD}); the searches run at the lower of the two
 */
public record CameraSettings(
        String framesPrefix, Duration sightingGap, Duration sightingRetention, float trackMatchThreshold) {

    public static final String DEFAULT_FRAMES_PREFIX = "frames/";
    public static final int DEFAULT_GAP_SECONDS = 10;
    public static final int DEFAULT_RETENTION_DAYS = 30;
    public static final float DEFAULT_TRACK_MATCH_THRESHOLD = 80f;

    public CameraSettings {
        if (framesPrefix == null || framesPrefix.isBlank()) {
            throw new IllegalArgumentException("FRAMES_PREFIX must not be empty");
        }
        if (sightingGap.isNegative() || sightingGap.isZero()) {
            throw new IllegalArgumentException("SIGHTING_GAP_SECONDS must be positive, got " + sightingGap);
        }
        if (!(trackMatchThreshold >= 0f && trackMatchThreshold <= 100f)) {
            throw new IllegalArgumentException(
                    "TRACK_MATCH_THRESHOLD must be a percentage between 0 and 100, got " + trackMatchThreshold);
        }
    }

    /** With the default tracking threshold. */
    public CameraSettings(String framesPrefix, Duration sightingGap, Duration sightingRetention) {
        this(framesPrefix, sightingGap, sightingRetention, DEFAULT_TRACK_MATCH_THRESHOLD);
    }

    public static CameraSettings fromEnvironment(Map<String, String> env) {
        return new CameraSettings(
                env.getOrDefault("FRAMES_PREFIX", DEFAULT_FRAMES_PREFIX),
                Duration.ofSeconds(number(env, "SIGHTING_GAP_SECONDS", DEFAULT_GAP_SECONDS)),
                Duration.ofDays(number(env, "SIGHTING_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)),
                number(env, "TRACK_MATCH_THRESHOLD", (long) DEFAULT_TRACK_MATCH_THRESHOLD));
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
    }
}
