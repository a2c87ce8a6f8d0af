package dev.facerec.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.TimeConversionOptions;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;

/** {@link FaceRecognitionProps} with the defaults applied, checked as a whole. */
record ResolvedProps(
        IBucket existingBucket,
        String collectionId,
        CollectionStrategy collectionStrategy,
        IFaceCollection existingCollection,
        boolean adoptExistingCollection,
        Number faceMatchThreshold,
        String enrollPrefix,
        String recognizePrefix,
        String resultsPrefix,
        Number maxConcurrency,
        Number reservedConcurrency,
        Number memorySize,
        Duration resultRetention,
        Duration noncurrentVersionExpiration,
        RetentionDays logRetention,
        RemovalPolicy removalPolicy,
        Tracing tracing,
        IEventBus eventBus,
        boolean eventsIncludeNames,
        boolean requireConsent,
        String consentPrefix) {

    /** A tenant's collection id is {@code <prefix>-<tenantId>} within Rekognition's 255 characters. */
    static final int MAX_TENANT_PREFIX = 200;

    static final Pattern COLLECTION_ID = Pattern.compile("[a-zA-Z0-9_.\\-]{1,255}");
    /**
     * The least memory, in MiB, the recognition function is safe with: decoding and cropping the worst accepted
     * photo (a 16-bit RGBA PNG decoded at 3000 px) needs up to 128 MB of heap (measured: it fails with 96), a
     * rotated JPEG 36 MB more, and the JVM's class metadata, code cache and threads come on top of the heap.
     */
    static final int MIN_MEMORY_SIZE = 512;

    /** The least {@code ScalingConfig.MaximumConcurrency} of an SQS event source mapping. */
    static final int MIN_MAX_CONCURRENCY = 2;

    /**
     * Applies the defaults and checks the result.
     *
     * @param path the construct's path, named in the error
     * @throws IllegalArgumentException listing every problem found, each with the value received
     */
    static ResolvedProps resolve(FaceRecognitionProps props, String path) {
        FaceRecognitionProps given =
                props == null ? FaceRecognitionProps.builder().build() : props;
        ResolvedProps resolved = new ResolvedProps(
                given.getExistingBucket(),
                given.getCollectionId(),
                or(given.getCollectionStrategy(), CollectionStrategy.SHARED),
                given.getExistingCollection(),
                Boolean.TRUE.equals(given.getAdoptExistingCollection()),
                or(given.getFaceMatchThreshold(), FaceRecognitionProps.DEFAULT_FACE_MATCH_THRESHOLD),
                or(given.getEnrollPrefix(), FaceRecognitionProps.DEFAULT_ENROLL_PREFIX),
                or(given.getRecognizePrefix(), FaceRecognitionProps.DEFAULT_RECOGNIZE_PREFIX),
                or(given.getResultsPrefix(), FaceRecognitionProps.DEFAULT_RESULTS_PREFIX),
                maxConcurrency(given),
                given.getReservedConcurrency(),
                or(given.getMemorySize(), FaceRecognitionProps.DEFAULT_MEMORY_SIZE),
                or(given.getResultRetention(), Duration.days(FaceRecognitionProps.DEFAULT_RESULT_RETENTION_DAYS)),
                or(
                        given.getNoncurrentVersionExpiration(),
                        Duration.days(FaceRecognitionProps.DEFAULT_NONCURRENT_VERSION_DAYS)),
                or(given.getLogRetention(), RetentionDays.ONE_MONTH),
                or(given.getRemovalPolicy(), RemovalPolicy.RETAIN),
                or(given.getTracing(), Tracing.DISABLED),
                given.getEventBus(),
                Boolean.TRUE.equals(given.getEventsIncludeNames()),
                !Boolean.FALSE.equals(given.getRequireConsent()),
                or(given.getConsentPrefix(), FaceRecognitionProps.DEFAULT_CONSENT_PREFIX));
        List<String> problems = new ArrayList<>();
        resolved.check(given, problems);
        if (!problems.isEmpty()) {
            throw InvalidProps.of("FaceRecognitionProps", path, problems);
        }
        return resolved;
    }

    private void check(FaceRecognitionProps given, List<String> problems) {
        FaceCollection.checkCollectionId(collectionId, problems);
        if (known(faceMatchThreshold)
                && (faceMatchThreshold.doubleValue() < 0 || faceMatchThreshold.doubleValue() > 100)) {
            problems.add("faceMatchThreshold must be a percentage from 0 to 100, got " + faceMatchThreshold);
        }
        checkWhole("maxConcurrency", maxConcurrency, MIN_MAX_CONCURRENCY, 1000, problems);
        checkWhole("reservedConcurrency", reservedConcurrency, 1, 1000, problems);
        if (known(maxConcurrency)
                && known(reservedConcurrency)
                && maxConcurrency.doubleValue() > reservedConcurrency.doubleValue()) {
            problems.add("maxConcurrency " + maxConcurrency + " exceeds reservedConcurrency " + reservedConcurrency
                    + ": Lambda would throttle the event source mappings; reserve at least maxConcurrency"
                    + " (at least " + MIN_MAX_CONCURRENCY + "), or reserve none (the default)");
        }
        checkWhole("memorySize", memorySize, MIN_MEMORY_SIZE, 10240, problems);
        checkWholeDays("resultRetention", resultRetention, 1, 36500, problems);
        if (existingCollection != null && (collectionId != null || adoptExistingCollection)) {
            problems.add("existingCollection cannot be combined with collectionId or adoptExistingCollection:"
                    + " the construct uses that collection as it is and creates none");
        }
        if (perTenant() && (existingCollection != null || adoptExistingCollection)) {
            problems.add("collectionStrategy PER_TENANT cannot be combined with existingCollection or"
                    + " adoptExistingCollection: the tenants' collections are created by the pipeline");
        }
        if (perTenant() && known(collectionId) && collectionId.length() > MAX_TENANT_PREFIX) {
            problems.add("with collectionStrategy PER_TENANT, collectionId is the prefix of <collectionId>-<tenantId>"
                    + " and must leave room for a tenant id: at most " + MAX_TENANT_PREFIX + " characters, got "
                    + collectionId.length());
        }
        checkPrefix("enrollPrefix", enrollPrefix, problems);
        checkPrefix("recognizePrefix", recognizePrefix, problems);
        checkPrefix("resultsPrefix", resultsPrefix, problems);
        ConsentWiring.check(this, problems);
        if (overlap(enrollPrefix, recognizePrefix)) {
            problems.add("enrollPrefix '" + enrollPrefix + "' and recognizePrefix '" + recognizePrefix
                    + "' overlap: an upload would trigger both functions (and S3 rejects overlapping notifications)");
        }
        if (overlap(resultsPrefix, recognizePrefix)) {
            problems.add("resultsPrefix '" + resultsPrefix + "' overlaps recognizePrefix '" + recognizePrefix
                    + "': every result written would trigger the recognition function again");
        }
        if (overlap(resultsPrefix, enrollPrefix)) {
            problems.add("resultsPrefix '" + resultsPrefix + "' overlaps enrollPrefix '" + enrollPrefix
                    + "': every result written would trigger the enrolment function");
        }
        FaceCollection.checkRemovalPolicy(removalPolicy, problems);
        SightingsLog.check(given.getSightingsLog(), this, problems);
        IdentityApi.check(given.getIdentityApi(), this, problems);
        Retention.check(given.getEnrolmentRetention(), problems);
        DataProtection.check(given, problems);
        if (existingBucket != null && given.getNoncurrentVersionExpiration() != null) {
            problems.add("noncurrentVersionExpiration applies to a bucket the construct creates;"
                    + " it cannot be combined with existingBucket (set the lifecycle on that bucket instead)");
        }
    }

    static void checkWhole(String name, Number value, int min, int max, List<String> problems) {
        if (!known(value)) {
            return;
        }
        double number = value.doubleValue();
        if (number != Math.rint(number) || number < min || number > max) {
            problems.add(name + " must be a whole number from " + min + " to " + max + ", got " + value);
        }
    }

    static void checkWholeDays(String name, Duration value, int min, int max, List<String> problems) {
        if (value.isUnresolved()) {
            return;
        }
        double seconds = value.toSeconds(
                        TimeConversionOptions.builder().integral(false).build())
                .doubleValue();
        if (seconds % 86_400 != 0 || seconds < 86_400.0 * min || seconds > 86_400.0 * max) {
            problems.add(name + " must be a whole number of days from " + min + " to " + max + ", got "
                    + value.toHumanString());
        }
    }

    /** Whether each tenant has a collection of its own. */
    boolean perTenant() {
        return collectionStrategy == CollectionStrategy.PER_TENANT;
    }

    /** {@link #resultRetention()} in days: checked whole. */
    int resultRetentionDays() {
        return resultRetention.toDays().intValue();
    }

    static void checkPrefix(String name, String prefix, List<String> problems) {
        if (!known(prefix)) {
            return;
        }
        if (prefix.isEmpty() || prefix.startsWith("/")) {
            problems.add(name + " must be a non-empty key prefix not starting with '/', got '" + prefix + "'");
        } else if (prefix.length() > 512) {
            problems.add(name + " must be at most 512 characters, got " + prefix.length());
        }
    }

    /** Whether one prefix is a prefix of the other: then some key lies under both. */
    static boolean overlap(String a, String b) {
        return known(a) && known(b) && !a.isEmpty() && !b.isEmpty() && (a.startsWith(b) || b.startsWith(a));
    }

    private static boolean known(Object value) {
        return value != null && !Token.isUnresolved(value);
    }

    /**
     * The cap on each queue-fed function: as given; else the reserved concurrency when that alone is given (as when
     * reserved concurrency was the cap), but not below the mapping's least; else the default.
     */
    private static Number maxConcurrency(FaceRecognitionProps given) {
        Number reserved = given.getReservedConcurrency();
        if (given.getMaxConcurrency() != null) {
            return given.getMaxConcurrency();
        }
        if (known(reserved) && reserved.doubleValue() >= MIN_MAX_CONCURRENCY) {
            return reserved;
        }
        return FaceRecognitionProps.DEFAULT_MAX_CONCURRENCY;
    }

    private static <T> T or(T value, T fallback) {
        return Objects.requireNonNullElse(value, fallback);
    }
}
