package dev.facerec.functions.identity;

import dev.facerec.functions.core.config.FunctionConfig;
import java.time.Duration;
import java.util.Map;

/**
 * The identity API's settings: the functions' common ones ({@link FunctionConfig}) plus {@code BUCKET_NAME} (the
 * pipeline's bucket: enrolment uploads, probes by key), {@code VERIFICATION_THRESHOLD} (percent; default 99, AWS's
 * advice for identity verification) and {@code UPLOAD_URL_TTL_SECONDS} (how long a presigned upload URL works;
 * default 900).
 */
record IdentityApiConfig(FunctionConfig function, String bucket, float verificationThreshold, Duration uploadUrlTtl) {

    static final float DEFAULT_VERIFICATION_THRESHOLD = 99f;
    static final Duration DEFAULT_UPLOAD_URL_TTL = Duration.ofMinutes(15);
    /** SigV4 presigned URLs work for at most 7 days. */
    static final Duration MAX_UPLOAD_URL_TTL = Duration.ofDays(7);

    IdentityApiConfig {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("BUCKET_NAME must be set");
        }
        if (!(verificationThreshold >= 0f && verificationThreshold <= 100f)) {
            throw new IllegalArgumentException(
                    "VERIFICATION_THRESHOLD must be a percentage between 0 and 100, got " + verificationThreshold);
        }
        if (uploadUrlTtl.isNegative() || uploadUrlTtl.isZero() || uploadUrlTtl.compareTo(MAX_UPLOAD_URL_TTL) > 0) {
            throw new IllegalArgumentException("UPLOAD_URL_TTL_SECONDS must be between 1 and 604800");
        }
        if (function.perTenant()) {
            throw new IllegalArgumentException("the identity API serves the SHARED collection mode only");
        }
    }

    static IdentityApiConfig fromEnvironment(Map<String, String> env) {
        String threshold = env.get("VERIFICATION_THRESHOLD");
        String ttl = env.get("UPLOAD_URL_TTL_SECONDS");
        return new IdentityApiConfig(
                FunctionConfig.fromEnvironment(env),
                env.get("BUCKET_NAME"),
                threshold == null ? DEFAULT_VERIFICATION_THRESHOLD : Float.parseFloat(threshold),
                ttl == null ? DEFAULT_UPLOAD_URL_TTL : Duration.ofSeconds(Long.parseLong(ttl)));
    }
}
