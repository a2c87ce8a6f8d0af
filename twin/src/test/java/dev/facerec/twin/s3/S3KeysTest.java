package dev.facerec.twin.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.S3Object;

/** S3 keys are opaque strings, not paths: every key round-trips exactly, whatever its slashes and dots. */
class S3KeysTest {

    private static final List<String> ODD_KEYS = List.of(
            "recognize/bad/../../x.jpg",
            "enroll//x.jpg",
            "enroll/folder/",
            "./dot.jpg",
            "/leading.jpg",
            "100%/x%2Fy.jpg",
            ".s3proxy-versions/x.jpg");

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void objects_shouldRoundTripTheirExactKeys_whenKeysLookLikePaths(boolean persistent, @TempDir Path dir) {
        // GIVEN a server (in memory or on disk) and a listener
        List<ObjectChange> changes = new CopyOnWriteArrayList<>();
        S3Server server = (persistent ? S3Server.persistent(dir) : S3Server.inMemory())
                .addListener(changes::add)
                .start();
        try (S3Client s3 = client(server.endpoint())) {
            s3.createBucket(b -> b.bucket("keys"));

            // WHEN each odd key is put with its own body
            for (String key : ODD_KEYS) {
                s3.putObject(b -> b.bucket("keys").key(key), RequestBody.fromString("body of " + key));
            }

            // THEN each comes back under its exact key, with its body, in listings and in the events
            for (String key : ODD_KEYS) {
                assertThat(s3.getObjectAsBytes(b -> b.bucket("keys").key(key)).asUtf8String())
                        .isEqualTo("body of " + key);
            }
            assertThat(s3.listObjectsV2(b -> b.bucket("keys")).contents())
                    .extracting(S3Object::key)
                    .containsExactlyInAnyOrderElementsOf(ODD_KEYS);
            assertThat(s3.listObjectsV2(b -> b.bucket("keys").prefix("enroll/")).contents())
                    .extracting(S3Object::key)
                    .containsExactlyInAnyOrder("enroll//x.jpg", "enroll/folder/");
            assertThat(s3.listObjectsV2(b -> b.bucket("keys").prefix("enroll/").delimiter("/"))
                            .commonPrefixes())
                    .extracting(CommonPrefix::prefix)
                    .containsExactlyInAnyOrder("enroll//", "enroll/folder/");
            assertThat(s3.listObjectsV2(b -> b.bucket("keys").prefix("recognize/bad/."))
                            .contents())
                    .extracting(S3Object::key)
                    .containsExactly("recognize/bad/../../x.jpg");
            assertThat(changes).extracting(ObjectChange::key).containsExactlyElementsOf(ODD_KEYS);
            assertThat(changes.get(2).size()).isEqualTo("body of enroll/folder/".length());

            // WHEN they are deleted
            changes.clear();
            for (String key : ODD_KEYS) {
                s3.deleteObject(b -> b.bucket("keys").key(key));
            }

            // THEN the bucket is empty and each delete was an event with the exact key
            assertThat(s3.listObjectsV2(b -> b.bucket("keys")).contents()).isEmpty();
            assertThat(changes).extracting(ObjectChange::key).containsExactlyElementsOf(ODD_KEYS);
        } finally {
            server.stop();
        }
    }

    @Test
    void persistentServer_shouldStoreOrdinaryKeysUnderTheirOwnPaths_soEarlierDataStaysReadable(@TempDir Path dir) {
        // GIVEN a persistent server
        S3Server server = S3Server.persistent(dir).start();
        try (S3Client s3 = client(server.endpoint())) {
            s3.createBucket(b -> b.bucket("kept"));

            // WHEN an ordinary key is written
            s3.putObject(b -> b.bucket("kept").key("enroll/ada/1.jpg"), RequestBody.fromString("v1"));

            // THEN it lies where earlier twins put it
            assertThat(dir.resolve("kept/enroll/ada/1.jpg")).hasContent("v1");
        } finally {
            server.stop();
        }
    }

    private static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
