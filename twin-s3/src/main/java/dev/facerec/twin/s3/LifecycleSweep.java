package dev.facerec.twin.s3;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * Applies a bucket's lifecycle rules (the {@code LifecycleConfiguration} of its template) at a given instant, when
 * asked: the twin has no background lifecycle, so a test or the CLI sweeps at a moved clock. Applied, for enabled
 * rules filtered by {@code Prefix} (or none): {@code ExpirationInDays} (a current version older than that gets a
 * delete marker, as in a versioned bucket), {@code NoncurrentVersionExpiration.NoncurrentDays} (a version deleted
 * for good that many days after a newer version or delete marker replaced it) and {@code ExpiredObjectDeleteMarker}
 * (a delete marker left with no version behind it is removed). Not applied: tag and size filters, transitions,
 * {@code NewerNoncurrentVersions}, {@code AbortIncompleteMultipartUpload}, {@code ExpirationDate}; S3 rounds
 * expiry times up to the next midnight UTC, the sweep does not. The deletions go through the S3 API, so the bucket's
 * notifications see them as {@code ObjectRemoved} events (S3 would send {@code LifecycleExpiration} events).
 */
public final class LifecycleSweep {

    /** One enabled rule, as the sweep reads it. */
    record Rule(String prefix, Integer expirationDays, Integer noncurrentDays, boolean expiredDeleteMarkers) {}

    /**
     * What one sweep removed.
     *
     * @param expired            current versions that got a delete marker
     * @param noncurrentDeleted  noncurrent versions deleted
     * @param deleteMarkersRemoved delete markers removed
     */
    public record Result(long expired, long noncurrentDeleted, long deleteMarkersRemoved) {}

    private final S3Client s3;

    public LifecycleSweep(S3Client s3) {
        this.s3 = s3;
    }

    /** Applies each bucket's {@code LifecycleConfiguration} (bucket name → template property) as of {@code now}. */
    public Result sweep(Map<String, JsonNode> configurations, Instant now) {
        Result total = new Result(0, 0, 0);
        for (Map.Entry<String, JsonNode> bucket : configurations.entrySet()) {
            Result one = sweep(bucket.getKey(), bucket.getValue(), now);
            total = new Result(
                    total.expired() + one.expired(),
                    total.noncurrentDeleted() + one.noncurrentDeleted(),
                    total.deleteMarkersRemoved() + one.deleteMarkersRemoved());
        }
        return total;
    }

    /** Applies {@code lifecycleConfiguration} (the template property) to {@code bucket} as of {@code now}. */
    public Result sweep(String bucket, JsonNode lifecycleConfiguration, Instant now) {
        long expired = 0;
        long noncurrent = 0;
        long markers = 0;
        for (Rule rule : rules(lifecycleConfiguration)) {
            Map<String, List<Entry>> byKey = entries(bucket, rule.prefix());
            for (Map.Entry<String, List<Entry>> key : byKey.entrySet()) {
                List<Entry> history = key.getValue();
                for (int i = 1; i < history.size(); i++) {
                    Entry old = history.get(i);
                    Instant replaced = history.get(i - 1).lastModified();
                    if (!old.marker() && rule.noncurrentDays() != null && due(replaced, rule.noncurrentDays(), now)) {
                        delete(bucket, key.getKey(), old.versionId());
                        noncurrent++;
                    }
                }
                Entry latest = history.get(0);
                if (!latest.marker()
                        && rule.expirationDays() != null
                        && due(latest.lastModified(), rule.expirationDays(), now)) {
                    s3.deleteObject(b -> b.bucket(bucket).key(key.getKey()));
                    expired++;
                }
            }
            if (rule.expiredDeleteMarkers()) {
                for (Map.Entry<String, List<Entry>> key :
                        entries(bucket, rule.prefix()).entrySet()) {
                    List<Entry> history = key.getValue();
                    if (history.size() == 1 && history.get(0).marker()) {
                        delete(bucket, key.getKey(), history.get(0).versionId());
                        markers++;
                    }
                }
            }
        }
        return new Result(expired, noncurrent, markers);
    }

    /** The enabled rules of a {@code LifecycleConfiguration}. */
    static List<Rule> rules(JsonNode configuration) {
        List<Rule> rules = new ArrayList<>();
        if (configuration == null) {
            return rules;
        }
        for (JsonNode rule : configuration.path("Rules")) {
            if (!"Enabled".equals(rule.path("Status").asText("Enabled"))) {
                continue;
            }
            String prefix = rule.hasNonNull("Prefix")
                    ? rule.path("Prefix").asText()
                    : rule.path("Filter").path("Prefix").asText("");
            Integer noncurrentDays = days(rule.path("NoncurrentVersionExpiration"), "NoncurrentDays");
            rules.add(new Rule(
                    prefix,
                    days(rule, "ExpirationInDays"),
                    noncurrentDays != null ? noncurrentDays : days(rule, "NoncurrentVersionExpirationInDays"),
                    rule.path("ExpiredObjectDeleteMarker").asBoolean(false)));
        }
        return rules;
    }

    private static Integer days(JsonNode node, String field) {
        return node.hasNonNull(field) ? Integer.valueOf(node.path(field).asInt()) : null;
    }

    private static boolean due(Instant since, int days, Instant now) {
        return !since.plus(Duration.ofDays(days)).isAfter(now);
    }

    /** A version or delete marker. */
    private record Entry(String versionId, Instant lastModified, boolean marker, boolean latest) {}

    /**
     * Every key under {@code prefix} with its versions and delete markers, newest first (the latest, then by time;
     * versions of the same second keep S3's listing order, newest first).
     */
    private Map<String, List<Entry>> entries(String bucket, String prefix) {
        Map<String, List<Entry>> byKey = new LinkedHashMap<>();
        for (ListObjectVersionsResponse page :
                s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(prefix))) {
            for (ObjectVersion version : page.versions()) {
                byKey.computeIfAbsent(version.key(), k -> new ArrayList<>())
                        .add(new Entry(
                                version.versionId(),
                                version.lastModified(),
                                false,
                                Boolean.TRUE.equals(version.isLatest())));
            }
            for (DeleteMarkerEntry marker : page.deleteMarkers()) {
                byKey.computeIfAbsent(marker.key(), k -> new ArrayList<>())
                        .add(new Entry(
                                marker.versionId(),
                                marker.lastModified(),
                                true,
                                Boolean.TRUE.equals(marker.isLatest())));
            }
        }
        byKey.values()
                .forEach(history -> history.sort(Comparator.comparing(Entry::latest)
                        .thenComparing(Entry::lastModified)
                        .reversed()));
        return byKey;
    }

    private void delete(String bucket, String key, String versionId) {
        s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(versionId));
    }
}
