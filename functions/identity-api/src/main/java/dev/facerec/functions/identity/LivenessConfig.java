package dev.facerec.functions.identity;

import java.time.Duration;
import java.util.Map;

/**
 * The liveness settings of the identity API, present when {@code LIVENESS_PREFIX} is set: where Rekognition writes
 * the sessions' reference and audit images ({@code LIVENESS_PREFIX}, in the bucket), the confidence a session needs
 * ({@code LIVENESS_THRESHOLD}, percent; default 90), how many audit images a session keeps
 * ({@code LIVENESS_AUDIT_IMAGES}, 0–4; default 0), how long the images (and the rows about them) are kept
 * ({@code LIVENESS_RETENTION_DAYS}; default 1, as the bucket's lifecycle rule on the prefix) and the region the
 * browser component streams to ({@code AWS_REGION}).
 */
record LivenessConfig(String prefix, float threshold, int auditImages, Duration retention, String region) {

    static final float DEFAULT_THRESHOLD = 90f;

    LivenessConfig {
        if (prefix == null || prefix.isBlank() || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("LIVENESS_PREFIX must be a key prefix ending in '/'");
        }
        if (!(threshold >= 0f && threshold <= 100f)) {
            throw new IllegalArgumentException("LIVENESS_THRESHOLD must be a percentage between 0 and 100");
        }
        if (auditImages < 0 || auditImages > 4) {
            throw new IllegalArgumentException("LIVENESS_AUDIT_IMAGES must be from 0 to 4");
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("LIVENESS_RETENTION_DAYS must be at least 1");
        }
    }

    /** The settings from the environment, or {@code null} when liveness is off (no {@code LIVENESS_PREFIX}). */
    static LivenessConfig fromEnvironment(Map<String, String> env) {
        String prefix = env.get("LIVENESS_PREFIX");
        if (prefix == null) {
            return null;
        }
        String threshold = env.get("LIVENESS_THRESHOLD");
        String audit = env.get("LIVENESS_AUDIT_IMAGES");
        String days = env.get("LIVENESS_RETENTION_DAYS");
        return new LivenessConfig(
                prefix,
                threshold == null ? DEFAULT_THRESHOLD : Float.parseFloat(threshold),
                audit == null ? 0 : Integer.parseInt(audit),
                Duration.ofDays(days == null ? 1 : Long.parseLong(days)),
                env.getOrDefault("AWS_REGION", "us-east-1"));
    }
}
