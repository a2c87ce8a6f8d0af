package dev.facerec.functions.core.config;

import java.util.Map;
import java.util.Objects;

/**
 * The settings the construct passes to the functions as environment variables (see docs/architecture.md).
 *
 * @param tableName          the DynamoDB table ({@code TABLE_NAME}, required)
 * @param collectionId       the Rekognition collection ({@code COLLECTION_ID})
 * @param faceMatchThreshold similarity percent a match needs ({@code FACE_MATCH_THRESHOLD}, 0–100)
 * @param enrollPrefix       key prefix of enrolment photos ({@code ENROLL_PREFIX})
 * @param recognizePrefix    key prefix of photos to recognise ({@code RECOGNIZE_PREFIX})
 * @param resultsPrefix      key prefix results are written under ({@code RESULTS_PREFIX}); never under a triggering one
 * @param resultTtlDays      days a result row lives before DynamoDB TTL removes it ({@code RESULT_TTL_DAYS})
 * @param perTenant          whether each tenant has a collection of its own ({@code COLLECTION_MODE=PER_TENANT}; the
 *     default {@code SHARED} is one collection): then {@code collectionId} is the prefix of the tenants' collections
 *     ({@code <collectionId>-<tenantId>}) and every key carries the tenant after the prefix
 */
public record FunctionConfig(
        String tableName,
        String collectionId,
        float faceMatchThreshold,
        String enrollPrefix,
        String recognizePrefix,
        String resultsPrefix,
        int resultTtlDays,
        boolean perTenant) {

    public static final String DEFAULT_COLLECTION_ID = "facerec-faces";
    public static final float DEFAULT_FACE_MATCH_THRESHOLD = 80f;
    public static final String DEFAULT_ENROLL_PREFIX = "enroll/";
    public static final String DEFAULT_RECOGNIZE_PREFIX = "recognize/";
    public static final String DEFAULT_RESULTS_PREFIX = "results/";
    public static final int DEFAULT_RESULT_TTL_DAYS = 30;
    public static final String SHARED = "SHARED";
    public static final String PER_TENANT = "PER_TENANT";

    public FunctionConfig {
        requireText("TABLE_NAME", tableName);
        requireText("COLLECTION_ID", collectionId);
        if (!(faceMatchThreshold >= 0f && faceMatchThreshold <= 100f)) {
            throw new IllegalArgumentException(
                    "FACE_MATCH_THRESHOLD must be a percentage between 0 and 100, got " + faceMatchThreshold);
        }
        requireText("ENROLL_PREFIX", enrollPrefix);
        requireText("RECOGNIZE_PREFIX", recognizePrefix);
        requireText("RESULTS_PREFIX", resultsPrefix);
        if (overlaps(resultsPrefix, enrollPrefix) || overlaps(resultsPrefix, recognizePrefix)) {
            throw new IllegalArgumentException("RESULTS_PREFIX '" + resultsPrefix
                    + "' overlaps a prefix that triggers a function ('" + enrollPrefix + "', '" + recognizePrefix
                    + "'): results written there would trigger the functions again");
        }
        if (overlaps(enrollPrefix, recognizePrefix)) {
            throw new IllegalArgumentException("ENROLL_PREFIX '" + enrollPrefix + "' and RECOGNIZE_PREFIX '"
                    + recognizePrefix + "' overlap: an upload must trigger at most one function");
        }
        if (resultTtlDays < 1) {
            throw new IllegalArgumentException("RESULT_TTL_DAYS must be at least 1, got " + resultTtlDays);
        }
    }

    /** Reads the settings from an environment map such as {@link System#getenv()}, with the documented defaults. */
    public static FunctionConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        return new FunctionConfig(
                env.get("TABLE_NAME"),
                env.getOrDefault("COLLECTION_ID", DEFAULT_COLLECTION_ID),
                parseFloat("FACE_MATCH_THRESHOLD", env.get("FACE_MATCH_THRESHOLD"), DEFAULT_FACE_MATCH_THRESHOLD),
                env.getOrDefault("ENROLL_PREFIX", DEFAULT_ENROLL_PREFIX),
                env.getOrDefault("RECOGNIZE_PREFIX", DEFAULT_RECOGNIZE_PREFIX),
                env.getOrDefault("RESULTS_PREFIX", DEFAULT_RESULTS_PREFIX),
                parseInt("RESULT_TTL_DAYS", env.get("RESULT_TTL_DAYS"), DEFAULT_RESULT_TTL_DAYS),
                perTenant(env.getOrDefault("COLLECTION_MODE", SHARED)));
    }

    private static boolean perTenant(String mode) {
        if (!SHARED.equals(mode) && !PER_TENANT.equals(mode)) {
            throw new IllegalArgumentException(
                    "COLLECTION_MODE must be " + SHARED + " or " + PER_TENANT + ", got '" + mode + "'");
        }
        return PER_TENANT.equals(mode);
    }

    /** The defaults with the given table name; handy for tests and tools. */
    public static FunctionConfig defaults(String tableName) {
        return fromEnvironment(Map.of("TABLE_NAME", tableName));
    }

    private static boolean overlaps(String a, String b) {
        return a.startsWith(b) || b.startsWith(a);
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set to a non-empty value");
        }
    }

    private static float parseFloat(String name, String value, float fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Float.parseFloat(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'", e);
        }
    }

    private static int parseInt(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
    }
}
