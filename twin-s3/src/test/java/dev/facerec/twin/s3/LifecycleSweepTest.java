package dev.facerec.twin.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;

/** The lifecycle rules the construct's bucket carries, applied by a sweep at moved clocks on a versioned bucket. */
class LifecycleSweepTest {

    private static final String BUCKET = "photos";

    @Test
    void sweep_shouldExpireNoncurrentVersions_resultsUnderTheirPrefix_andLoneDeleteMarkers(@TempDir Path dir)
            throws Exception {
        // GIVEN the construct's rules, a photo with an old version, a deleted photo and a result
        JsonNode rules = new ObjectMapper().readTree("""
                {"Rules": [
                  {"Id": "ExpireOldVersions", "Status": "Enabled", "NoncurrentVersionExpiration": {"NoncurrentDays": 30}},
                  {"Id": "RemoveExpiredDeleteMarkers", "Status": "Enabled", "ExpiredObjectDeleteMarker": true},
                  {"Id": "ExpireResults", "Status": "Enabled", "Prefix": "results/", "ExpirationInDays": 30},
                  {"Id": "Off", "Status": "Disabled", "ExpirationInDays": 1}]}""");
        try (S3Server server = S3Server.persistent(dir).start();
                S3Client s3 = server.newClient()) {
            VersionedBuckets.create(s3, BUCKET);
            put(s3, "enroll/ada/1.jpg");
            put(s3, "enroll/ada/1.jpg");
            put(s3, "enroll/bob/1.jpg");
            s3.deleteObject(b -> b.bucket(BUCKET).key("enroll/bob/1.jpg"));
            put(s3, "results/door/1.jpg.json");
            LifecycleSweep sweep = new LifecycleSweep(s3);
            Instant now = Instant.now();

            // WHEN swept now, nothing is due
            assertThat(sweep.sweep(BUCKET, rules, now)).isEqualTo(new LifecycleSweep.Result(0, 0, 0));

            // WHEN swept 31 days later: old versions go, the result gets a delete marker
            LifecycleSweep.Result later = sweep.sweep(BUCKET, rules, now.plus(Duration.ofDays(31)));

            // THEN Ada's old version and Bob's photo went (then Bob's delete marker, left alone); the result is
            // noncurrent behind a delete marker
            assertThat(later).isEqualTo(new LifecycleSweep.Result(1, 2, 1));
            assertThat(versions(s3)).containsExactlyInAnyOrder("enroll/ada/1.jpg", "results/door/1.jpg.json");
            assertThat(markers(s3)).containsExactly("results/door/1.jpg.json");

            // AND 62 days later the result's version is gone, then its delete marker
            LifecycleSweep.Result last = sweep.sweep(BUCKET, rules, now.plus(Duration.ofDays(62)));
            assertThat(last).isEqualTo(new LifecycleSweep.Result(0, 1, 1));
            assertThat(versions(s3)).containsExactly("enroll/ada/1.jpg");
            assertThat(markers(s3)).isEmpty();
        }
    }

    private static void put(S3Client s3, String key) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(key));
    }

    private static List<String> versions(S3Client s3) {
        return listing(s3)
                .flatMap(page -> page.versions().stream().map(v -> v.key()))
                .toList();
    }

    private static List<String> markers(S3Client s3) {
        return listing(s3)
                .flatMap(page -> page.deleteMarkers().stream().map(m -> m.key()))
                .toList();
    }

    private static Stream<ListObjectVersionsResponse> listing(S3Client s3) {
        return Stream.of(s3.listObjectVersions(b -> b.bucket(BUCKET)));
    }
}
