package dev.facerec.functions.recognize.camera;

import java.time.Duration;
import java.util.Map;

/**
 * The camera function's own settings, from its environment (set by the {@code FaceCameras} construct).
 *
 * @param framesPrefix {@code FRAMES_PREFIX}: where image generation delivers the frames
 * @param sightingGap {@code SIGHTING_GAP_SECONDS}: the longest a person may be out of view and stay in one sighting
 * @param sightingRetention {@code SIGHTING_RETENTION_DAYS}: how long a sighting row lives after its last frame
 */
public record CameraSettings(String framesPrefix, Duration sightingGap, Duration sightingRetention) {

    public static final String DEFAULT_FRAMES_PREFIX = "frames/";
    public static final int DEFAULT_GAP_SECONDS = 10;
    public static final int DEFAULT_RETENTION_DAYS = 30;

    public CameraSettings {
        if (framesPrefix == null || framesPrefix.isBlank()) {
            throw new IllegalArgumentException("FRAMES_PREFIX must not be empty");
        }
        if (sightingGap.isNegative() || sightingGap.isZero()) {
            throw new IllegalArgumentException("SIGHTING_GAP_SECONDS must be positive, got " + sightingGap);
        }
    }

    public static CameraSettings fromEnvironment(Map<String, String> env) {
        return new CameraSettings(
                env.getOrDefault("FRAMES_PREFIX", DEFAULT_FRAMES_PREFIX),
                Duration.ofSeconds(number(env, "SIGHTING_GAP_SECONDS", DEFAULT_GAP_SECONDS)),
                Duration.ofDays(number(env, "SIGHTING_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)));
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
