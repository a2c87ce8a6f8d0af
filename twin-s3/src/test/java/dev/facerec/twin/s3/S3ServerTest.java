package dev.facerec.twin.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.nio2blob.AbstractNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ServerTest {

    private static final List<ObjectChange> CHANGES = new CopyOnWriteArrayList<>();
    private static S3Server server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = S3Server.inMemory().addListener(CHANGES::add).start();
        s3 = server.newClient();
        s3.createBucket(b -> b.bucket("photos"));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void putObject_shouldKeepUserMetadata_whenTheNameHeaderIsSet() {
        // GIVEN / WHEN an object uploaded with x-amz-meta-name
        s3.putObject(
                b -> b.bucket("photos").key("enroll/ada/1.jpg").metadata(Map.of("name", "Ada Lovelace")),
                RequestBody.fromString("pixels"));

        // THEN a GET returns it as user metadata
        GetObjectResponse response = s3.getObject(
                        b -> b.bucket("photos").key("enroll/ada/1.jpg"), ResponseTransformer.toBytes())
                .response();
        assertThat(response.metadata()).containsEntry("name", "Ada Lovelace");
    }

    @Test
    void getObject_shouldReturnOnlyTheRange_whenARangeIsAsked() {
        // GIVEN a 1000-byte object
        byte[] content = new byte[1000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        s3.putObject(b -> b.bucket("photos").key("ranged.bin"), RequestBody.fromBytes(content));

        // WHEN bytes 100-199 and bytes past the end are asked for
        ResponseBytes<GetObjectResponse> middle = s3.getObject(
                b -> b.bucket("photos").key("ranged.bin").range("bytes=100-199"), ResponseTransformer.toBytes());
        ResponseBytes<GetObjectResponse> tail = s3.getObject(
                b -> b.bucket("photos").key("ranged.bin").range("bytes=900-1999"), ResponseTransformer.toBytes());

        // THEN only those bytes come, with the total size in Content-Range
        assertThat(middle.asByteArray()).hasSize(100).startsWith((byte) 100);
        assertThat(middle.response().contentRange()).isEqualTo("bytes 100-199/1000");
        assertThat(tail.asByteArray()).hasSize(100);
    }

    @Test
    void getObject_shouldFailWith412_whenIfMatchNamesAnotherETag() {
        PutObjectResponse put = s3.putObject(b -> b.bucket("photos").key("etag.txt"), RequestBody.fromString("one"));

        assertThat(s3.getObject(
                                b -> b.bucket("photos").key("etag.txt").ifMatch(put.eTag()),
                                ResponseTransformer.toBytes())
                        .asUtf8String())
                .isEqualTo("one");
        assertThatThrownBy(() -> s3.getObject(
                        b -> b.bucket("photos").key("etag.txt").ifMatch("\"0000\""), ResponseTransformer.toBytes()))
                .isInstanceOfSatisfying(
                        S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
    }

    @Test
    void listener_shouldSeePutsCopiesAndDeletes_withIncreasingSequencers() {
        // GIVEN
        CHANGES.clear();

        // WHEN an object is put, copied and both are deleted (the copy through a multi-object delete)
        PutObjectResponse put = s3.putObject(b -> b.bucket("photos").key("a b+ø.jpg"), RequestBody.fromString("12345"));
        s3.copyObject(b -> b.sourceBucket("photos")
                .sourceKey("a b+ø.jpg")
                .destinationBucket("photos")
                .destinationKey("copy.jpg"));
        s3.deleteObject(b -> b.bucket("photos").key("a b+ø.jpg"));
        s3.deleteObjects(b -> b.bucket("photos").delete(d -> d.objects(o -> o.key("copy.jpg"))));
        s3.deleteObject(b -> b.bucket("photos").key("never-existed.jpg"));

        // THEN the listener saw each change once, in order, with S3's event names
        assertThat(CHANGES)
                .extracting(ObjectChange::eventName, ObjectChange::key)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ObjectCreated:Put", "a b+ø.jpg"),
                        org.assertj.core.groups.Tuple.tuple("ObjectCreated:Copy", "copy.jpg"),
                        org.assertj.core.groups.Tuple.tuple("ObjectRemoved:Delete", "a b+ø.jpg"),
                        org.assertj.core.groups.Tuple.tuple("ObjectRemoved:Delete", "copy.jpg"));
        assertThat(CHANGES.get(0).size()).isEqualTo(5);
        assertThat(CHANGES.get(0).eTag()).isEqualTo(put.eTag().replace("\"", ""));
        assertThat(CHANGES)
                .extracting(ObjectChange::sequencer)
                .isSorted()
                .doesNotHaveDuplicates()
                .allMatch(s -> s.matches("[0-9A-F]{18}"));
    }

    @Test
    void persistentServer_shouldKeepObjects_acrossARestart(@TempDir Path dir) {
        // GIVEN a persistent server holding an object with metadata, stopped
        S3Server first = S3Server.persistent(dir).start();
        try (S3Client client = first.newClient()) {
            client.createBucket(b -> b.bucket("kept"));
            client.putObject(
                    b -> b.bucket("kept").key("enroll/ada/1.jpg").metadata(Map.of("name", "Ada")),
                    RequestBody.fromString("v1"));
        } finally {
            first.stop();
        }

        // WHEN a new server starts on the same directory
        S3Server second = S3Server.persistent(dir).start();
        try (S3Client client = second.newClient()) {
            // THEN content and metadata are there
            ResponseBytes<GetObjectResponse> kept =
                    client.getObject(b -> b.bucket("kept").key("enroll/ada/1.jpg"), ResponseTransformer.toBytes());
            assertThat(kept.asString(StandardCharsets.UTF_8)).isEqualTo("v1");
            assertThat(kept.response().metadata()).containsEntry("name", "Ada");
        } finally {
            second.stop();
        }
    }

    @Test
    void persistentServer_shouldVersionObjects_withIdsThatKeepIncreasingAcrossARestart(@TempDir Path dir)
            throws Exception {
        // GIVEN a versioned bucket on a persistent server with two versions of one key, stopped
        List<ObjectChange> changes = new CopyOnWriteArrayList<>();
        S3Server first = S3Server.persistent(dir).addListener(changes::add).start();
        try (S3Client client = first.newClient()) {
            VersionedBuckets.create(client, "versioned");
            client.putObject(b -> b.bucket("versioned").key("enroll/ada/1.jpg"), RequestBody.fromString("one"));
            client.putObject(b -> b.bucket("versioned").key("enroll/ada/1.jpg"), RequestBody.fromString("two"));
        } finally {
            first.stop();
        }
        newJvmVersionCounter();

        // WHEN a new server on the same directory writes a third version, then deletes the key and the first version
        S3Server second = S3Server.persistent(dir).addListener(changes::add).start();
        try (S3Client client = second.newClient()) {
            String third = client.putObject(
                            b -> b.bucket("versioned").key("enroll/ada/1.jpg"), RequestBody.fromString("three"))
                    .versionId();
            client.deleteObject(b -> b.bucket("versioned").key("enroll/ada/1.jpg"));
            String oldest = changes.get(0).versionId();
            client.deleteObject(
                    b -> b.bucket("versioned").key("enroll/ada/1.jpg").versionId(oldest));

            // THEN every change carried its own, increasing version id, S3's event names, and no version was
            // overwritten
            assertThat(changes)
                    .extracting(ObjectChange::eventName)
                    .containsExactly(
                            "ObjectCreated:Put",
                            "ObjectCreated:Put",
                            "ObjectCreated:Put",
                            "ObjectRemoved:DeleteMarkerCreated",
                            "ObjectRemoved:Delete");
            List<String> ids = changes.stream().map(ObjectChange::versionId).toList();
            assertThat(ids.subList(0, 4))
                    .doesNotContainNull()
                    .doesNotHaveDuplicates()
                    .isSorted();
            assertThat(ids.get(2)).isEqualTo(third);
            assertThat(ids.get(4)).isEqualTo(oldest);
            assertThat(client.getObjectAsBytes(b -> b.bucket("versioned")
                                    .key("enroll/ada/1.jpg")
                                    .versionId(ids.get(1)))
                            .asUtf8String())
                    .isEqualTo("two");
            assertThat(client.getObjectAsBytes(b -> b.bucket("versioned")
                                    .key("enroll/ada/1.jpg")
                                    .versionId(third))
                            .asUtf8String())
                    .isEqualTo("three");
            assertThat(client.listObjectsV2(b -> b.bucket("versioned")).contents())
                    .isEmpty();
            assertThat(client.listObjectVersions(b -> b.bucket("versioned")).versions())
                    .hasSize(2);
        } finally {
            second.stop();
        }
    }

    /** s3proxy's version counter as a new JVM starts it (at 0): what a twin restarted in a new process sees. */
    private static void newJvmVersionCounter() throws ReflectiveOperationException {
        Field counter = AbstractNio2BlobStore.class.getDeclaredField("VERSION_SEQUENCE");
        counter.setAccessible(true);
        ((AtomicLong) counter.get(null)).set(0);
    }
}
