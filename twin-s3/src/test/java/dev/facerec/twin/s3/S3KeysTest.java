package dev.facerec.twin.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Keys are keys, not paths: stored, listed and versioned under exactly the key the client wrote. */
class S3KeysTest {

    private static final List<ObjectChange> CHANGES = new CopyOnWriteArrayList<>();

    @TempDir
    static Path dir;

    private static S3Server server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = S3Server.persistent(dir).addListener(CHANGES::add).start();
        s3 = server.newClient();
        VersionedBuckets.create(s3, "keys");
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "recognize/bad/../../x.jpg",
                "enroll//x.jpg",
                "enroll/folder/",
                "enroll/./.hidden",
                "enroll/.s3proxy-slash",
                "enroll/100%25 sure.jpg",
                "enroll/ünïcode %2E.jpg"
            })
    void putObject_shouldStoreListAndVersionTheExactKey(String key) {
        // GIVEN a key that is not a plain file path, and a second object whose path it could be taken for
        s3.putObject(b -> b.bucket("keys").key("x.jpg"), RequestBody.fromString("other"));
        CHANGES.clear();

        // WHEN an object with a body is written under the key, twice
        s3.putObject(b -> b.bucket("keys").key(key), RequestBody.fromString("first " + key));
        String second = s3.putObject(b -> b.bucket("keys").key(key), RequestBody.fromString("second " + key))
                .versionId();

        // THEN it reads back under exactly that key, with its body, and the other object is untouched
        assertThat(s3.getObjectAsBytes(b -> b.bucket("keys").key(key)).asUtf8String())
                .isEqualTo("second " + key);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("keys").key("x.jpg")).asUtf8String())
                .isEqualTo("other");
        // listed under the key, also below its first folder
        String folder = key.substring(0, key.indexOf('/') + 1);
        assertThat(s3.listObjectsV2(b -> b.bucket("keys")).contents())
                .extracting(S3Object::key)
                .contains(key, "x.jpg");
        assertThat(s3.listObjectsV2(b -> b.bucket("keys").prefix(folder)).contents())
                .extracting(S3Object::key)
                .contains(key)
                .doesNotContain("x.jpg");
        // versioned: both versions listed under the key, the first one still readable
        List<ObjectVersion> versions =
                s3.listObjectVersions(b -> b.bucket("keys").prefix(key)).versions();
        assertThat(versions).extracting(ObjectVersion::key).containsOnly(key).hasSize(2);
        String first = versions.stream()
                .filter(v -> !v.versionId().equals(second))
                .findFirst()
                .orElseThrow()
                .versionId();
        assertThat(s3.getObjectAsBytes(b -> b.bucket("keys").key(key).versionId(first))
                        .asUtf8String())
                .isEqualTo("first " + key);
        // the events carry the key and the size of each body
        assertThat(CHANGES).extracting(ObjectChange::key).containsExactly(key, key);
        assertThat(CHANGES.get(1).size()).isEqualTo(("second " + key).getBytes(StandardCharsets.UTF_8).length);

        // AND a delete removes exactly that key
        s3.deleteObject(b -> b.bucket("keys").key(key));
        assertThat(s3.listObjectsV2(b -> b.bucket("keys")).contents())
                .extracting(S3Object::key)
                .doesNotContain(key)
                .contains("x.jpg");
    }

    @Test
    void listObjectsV2_shouldGroupKeysByPrefixAndDelimiter_asS3Does() {
        // GIVEN keys with empty, dot and trailing segments beside plain ones
        List<String> keys =
                List.of("tree/bad/../../x.jpg", "tree//x.jpg", "tree/folder/", "tree/.hidden", "tree/a.jpg");
        keys.forEach(key -> s3.putObject(b -> b.bucket("keys").key(key), RequestBody.fromString(key)));

        // WHEN / THEN listing with the delimiter "/" gives S3's contents and common prefixes at each level
        ListObjectsV2Response top =
                s3.listObjectsV2(b -> b.bucket("keys").prefix("tree/").delimiter("/"));
        assertThat(top.contents()).extracting(S3Object::key).containsExactlyInAnyOrder("tree/.hidden", "tree/a.jpg");
        assertThat(top.commonPrefixes())
                .extracting(CommonPrefix::prefix)
                .containsExactlyInAnyOrder("tree//", "tree/bad/", "tree/folder/");
        assertThat(s3.listObjectsV2(b -> b.bucket("keys").prefix("tree/bad/").delimiter("/"))
                        .commonPrefixes())
                .extracting(CommonPrefix::prefix)
                .containsExactly("tree/bad/../");
        assertThat(s3.listObjectsV2(b -> b.bucket("keys").prefix("tree/folder/").delimiter("/"))
                        .contents())
                .extracting(S3Object::key)
                .containsExactly("tree/folder/");
        assertThat(s3.listObjectsV2(b -> b.bucket("keys").prefix("tree//")).contents())
                .extracting(S3Object::key)
                .containsExactly("tree//x.jpg");
        assertThat(s3.listObjectsV2(b -> b.bucket("keys").prefix("tree/.h")).contents())
                .extracting(S3Object::key)
                .containsExactly("tree/.hidden");
        // AND each reads back its own body
        keys.forEach(key -> assertThat(
                        s3.getObjectAsBytes(b -> b.bucket("keys").key(key)).asUtf8String())
                .isEqualTo(key));
    }

    @Test
    void multipartUpload_shouldStoreTheExactKey() {
        // GIVEN a multipart upload started under a key with an empty and a dot segment
        String key = "multi//../part.jpg";
        String uploadId =
                s3.createMultipartUpload(b -> b.bucket("keys").key(key)).uploadId();
        assertThat(s3.listMultipartUploads(b -> b.bucket("keys")).uploads())
                .extracting(MultipartUpload::key)
                .contains(key);

        // WHEN its one part is uploaded and the upload completed
        String eTag = s3.uploadPart(
                        b -> b.bucket("keys").key(key).uploadId(uploadId).partNumber(1),
                        RequestBody.fromString("parts of " + key))
                .eTag();
        s3.completeMultipartUpload(b -> b.bucket("keys")
                .key(key)
                .uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(eTag))));

        // THEN the object is under exactly that key, and was notified under it
        assertThat(s3.getObjectAsBytes(b -> b.bucket("keys").key(key)).asUtf8String())
                .isEqualTo("parts of " + key);
        assertThat(s3.listObjectsV2(b -> b.bucket("keys").prefix("multi/")).contents())
                .extracting(S3Object::key)
                .containsExactly(key);
        assertThat(CHANGES).extracting(ObjectChange::key).contains(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"enroll/folder/", "enroll//big.jpg"})
    void putObject_shouldReadTheWholeBody_whenItIsLarge(String key) {
        // GIVEN a body larger than the socket buffers: a server that answers without reading it drops the connection
        // under the client, which then fails with "Error writing request body"
        byte[] body = new byte[4 * 1024 * 1024];
        Arrays.fill(body, (byte) 7);

        // WHEN
        s3.putObject(b -> b.bucket("keys").key(key), RequestBody.fromBytes(body));

        // THEN the whole body is stored under the key
        assertThat(s3.getObjectAsBytes(b -> b.bucket("keys").key(key)).asByteArray())
                .isEqualTo(body);
    }
}
