package dev.facerec.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.IConstruct;

/**
 * The prefixes claimed on one existing bucket by every {@link FaceRecognition} of the app, so that two pipelines
 * sharing a bucket are checked against each other: S3 rejects overlapping notification prefixes, and one pipeline's
 * results must not trigger another. A bucket is known by its name when the name is known at synth (so two
 * {@code Bucket.fromBucketName} of one name are one bucket), otherwise by its construct.
 */
final class SharedBucketPrefixes {

    /** Per app (its root construct): bucket → its prefixes. */
    private static final Map<IConstruct, Map<String, SharedBucketPrefixes>> BUCKETS = new WeakHashMap<>();

    private record Claim(
            String owner, String enrollPrefix, String recognizePrefix, String resultsPrefix, String consentPrefix) {}

    private final List<Claim> claims = new ArrayList<>();

    private SharedBucketPrefixes() {}

    static synchronized SharedBucketPrefixes of(IBucket bucket) {
        String name = bucket.getBucketName();
        String key = Token.isUnresolved(name) ? "construct:" + bucket.getNode().getPath() : "name:" + name;
        return BUCKETS.computeIfAbsent(bucket.getNode().getRoot(), root -> new HashMap<>())
                .computeIfAbsent(key, k -> new SharedBucketPrefixes());
    }

    /**
     * Records the prefixes of {@code owner} (a construct path, named in the error).
     *
     * @throws IllegalArgumentException listing every overlap with the prefixes of other pipelines on the bucket
     */
    synchronized void claim(String owner, ResolvedProps settings) {
        List<String> problems = new ArrayList<>();
        for (Claim other : claims) {
            String where = " of FaceRecognition '" + other.owner() + "' on the same bucket";
            for (String[] mine : new String[][] {
                {"enrollPrefix", settings.enrollPrefix()}, {"recognizePrefix", settings.recognizePrefix()}
            }) {
                triggerConflict(mine, "enrollPrefix", other.enrollPrefix(), where, problems);
                triggerConflict(mine, "recognizePrefix", other.recognizePrefix(), where, problems);
            }
            resultsConflict(
                    "resultsPrefix", settings.resultsPrefix(), "enrollPrefix", other.enrollPrefix(), where, problems);
            resultsConflict(
                    "resultsPrefix",
                    settings.resultsPrefix(),
                    "recognizePrefix",
                    other.recognizePrefix(),
                    where,
                    problems);
            resultsConflict(
                    "enrollPrefix", settings.enrollPrefix(), "resultsPrefix", other.resultsPrefix(), where, problems);
            resultsConflict(
                    "recognizePrefix",
                    settings.recognizePrefix(),
                    "resultsPrefix",
                    other.resultsPrefix(),
                    where,
                    problems);
            for (String[] theirs : new String[][] {
                {"enrollPrefix", other.enrollPrefix()},
                {"recognizePrefix", other.recognizePrefix()},
                {"resultsPrefix", other.resultsPrefix()},
                {"consentPrefix", other.consentPrefix()}
            }) {
                triggerConflict(
                        new String[] {"consentPrefix", settings.consentPrefix()},
                        theirs[0],
                        theirs[1],
                        where,
                        problems);
            }
            for (String[] mine : new String[][] {
                {"enrollPrefix", settings.enrollPrefix()},
                {"recognizePrefix", settings.recognizePrefix()},
                {"resultsPrefix", settings.resultsPrefix()}
            }) {
                triggerConflict(mine, "consentPrefix", other.consentPrefix(), where, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidProps.of("FaceRecognitionProps", owner, problems);
        }
        claims.add(new Claim(
                owner,
                settings.enrollPrefix(),
                settings.recognizePrefix(),
                settings.resultsPrefix(),
                settings.consentPrefix()));
    }

    private static void triggerConflict(
            String[] mine, String otherName, String otherPrefix, String where, List<String> problems) {
        if (ResolvedProps.overlap(mine[1], otherPrefix)) {
            problems.add(mine[0] + " '" + mine[1] + "' overlaps the " + otherName + " '" + otherPrefix + "'" + where
                    + ": an upload would trigger both pipelines (and S3 rejects overlapping notifications)");
        }
    }

    private static void resultsConflict(
            String name, String prefix, String otherName, String otherPrefix, String where, List<String> problems) {
        if (ResolvedProps.overlap(prefix, otherPrefix)) {
            problems.add(name + " '" + prefix + "' overlaps the " + otherName + " '" + otherPrefix + "'" + where
                    + ": results written by one pipeline would trigger the other");
        }
    }
}
