package dev.facerec.twin.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * The twin's S3 on the wire: PutObject sent as AWS SDKs send it over plain HTTP ({@code Content-Encoding:
 * aws-chunked}, a signed or unsigned chunked body, a {@code x-amz-checksum-crc32} trailer after the last chunk) is
 * read to its very end, trailer included, also when the trailer comes late in a TCP segment of its own, so the
 * kept-alive connection serves the next request; a trailer whose checksum does not match the body is refused with
 * S3's {@code BadDigest} and nothing is stored.
 */
class AwsChunkedWireTest {

    private static final String BUCKET = "wire";

    @TempDir
    static Path dir;

    private static S3Server server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = S3Server.persistent(dir).start();
        s3 = server.newClient();
        VersionedBuckets.create(s3, BUCKET);
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @ParameterizedTest(name = "payload signed {0}, checksum {1}, late from {2}")
    @CsvSource({
        "true, true, x-amz-checksum-crc32",
        "true, true, 0;chunk-signature",
        "false, true, x-amz-checksum-crc32",
        "true, false, 0;chunk-signature"
    })
    void put_shouldReadTheEndOfTheBody_whenItArrivesLate_andServeTheNextRequestOnTheConnection(
            boolean signedPayload, boolean checksum, String lateFrom) throws Exception {
        // GIVEN a PutObject signed as the SDK signs it, its body cut where the late part begins
        String key = "late/" + signedPayload + "/" + checksum + "/" + lateFrom.charAt(0) + ".jpg";
        byte[] content = content(70_000);
        SignedRequest put = signedPut(key, content, signedPayload, checksum);
        byte[] body = bytes(put.payload().orElseThrow());
        assertThat(new String(body, StandardCharsets.ISO_8859_1).contains("x-amz-checksum-crc32:"))
                .isEqualTo(checksum);
        int cut = indexOf(body, lateFrom.getBytes(StandardCharsets.ISO_8859_1));

        try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
            // WHEN the head and the chunks go out, then, after a pause, the rest in a segment of its own, and then
            // a GET of the object on the same connection
            connection.send(
                    concat(RawHttpConnection.head("PUT", path(key), headers(put.request())), slice(body, 0, cut)));
            Thread.sleep(300);
            connection.send(slice(body, cut, body.length));
            RawHttpConnection.Response stored = connection.read();
            connection.send(RawHttpConnection.head("GET", path(key), headers(signedGet(key))));
            RawHttpConnection.Response read = connection.read();

            // THEN the PUT succeeded, and the GET on the kept-alive connection returns the object
            assertThat(stored.status()).as(stored.text()).isEqualTo(200);
            assertThat(read.status()).as(read.text()).isEqualTo(200);
            assertThat(read.body()).isEqualTo(content);
        }
        // AND exactly one version was stored
        assertThat(s3.listObjectVersions(b -> b.bucket(BUCKET).prefix(key)).versions())
                .hasSize(1);
    }

    @Test
    void put_shouldAnswerBadDigest_andStoreNothing_whenTheTrailerChecksumDoesNotMatch() throws Exception {
        // GIVEN a signed aws-chunked PutObject whose trailer carries the CRC32 of other content
        String key = "bad-digest.jpg";
        byte[] content = content(5_000);
        SignedRequest put = signedPut(key, content, true, true);
        String body = new String(bytes(put.payload().orElseThrow()), StandardCharsets.ISO_8859_1);
        String tampered = body.replaceFirst("x-amz-checksum-crc32:[A-Za-z0-9+/=]+", "x-amz-checksum-crc32:AAAAAA==");
        assertThat(tampered).isNotEqualTo(body);

        // WHEN it is sent
        RawHttpConnection.Response response;
        try (RawHttpConnection connection = new RawHttpConnection(server.port())) {
            connection.send(concat(
                    RawHttpConnection.head("PUT", path(key), headers(put.request())),
                    tampered.getBytes(StandardCharsets.ISO_8859_1)));
            response = connection.read();
        }

        // THEN S3's answer: 400 BadDigest, and no object
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text()).contains("<Code>BadDigest</Code>");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key(key))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void sdkClient_shouldPutAndOverwriteManyTimesOnOnePool_withExactlyOneVersionPerPut() {
        // GIVEN the SDK's own client (aws-chunked bodies with a CRC32 trailer over plain HTTP, kept-alive connections)
        List<String> keys = List.of("many/a.jpg", "many/b.jpg", "many/c.jpg");

        // WHEN it writes 12 versions of each of three keys, interleaved, reading each back
        IntStream.range(0, 12)
                .forEach(round -> keys.forEach(key -> {
                    byte[] content = content(2_000 + round * 97);
                    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
                    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key))
                                    .asByteArray())
                            .isEqualTo(content);
                }));

        // THEN every key has exactly 12 versions: no PUT was retried after it had been stored
        List<ObjectVersion> versions =
                s3.listObjectVersions(b -> b.bucket(BUCKET).prefix("many/")).versions();
        keys.forEach(
                key -> assertThat(versions).filteredOn(v -> v.key().equals(key)).hasSize(12));
    }

    /** A PutObject of {@code content} as aws-chunked, signed with the SDK's signer as the S3 client signs it. */
    private static SignedRequest signedPut(String key, byte[] content, boolean signedPayload, boolean checksum) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.PUT)
                .uri(URI.create(server.endpoint() + path(key)))
                .putHeader("Content-Length", String.valueOf(content.length))
                .putHeader("Content-Type", "image/jpeg")
                .build();
        return AwsV4HttpSigner.create().sign(r -> {
            forS3(r.request(unsigned).payload(ContentStreamProvider.fromByteArray(content)))
                    .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signedPayload);
            if (checksum) {
                r.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32);
            }
        });
    }

    private static SdkHttpRequest signedGet(String key) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create(server.endpoint() + path(key)))
                .build();
        return AwsV4HttpSigner.create().sign(r -> forS3(r.request(unsigned))).request();
    }

    private static SignRequest.Builder<AwsCredentialsIdentity> forS3(SignRequest.Builder<AwsCredentialsIdentity> r) {
        return r.identity(AwsCredentialsIdentity.create("test", "test"))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false);
    }

    private static Map<String, String> headers(SdkHttpRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.forEachHeader((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }

    private static String path(String key) {
        return "/" + BUCKET + "/" + key;
    }

    private static byte[] content(int size) {
        byte[] content = new byte[size];
        for (int i = 0; i < size; i++) {
            content[i] = (byte) (i * 31 + size);
        }
        return content;
    }

    private static byte[] bytes(ContentStreamProvider provider) throws IOException {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not in the body: " + new String(needle, StandardCharsets.ISO_8859_1));
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(first);
        both.writeBytes(second);
        return both.toByteArray();
    }
}
