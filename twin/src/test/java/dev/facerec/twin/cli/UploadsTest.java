package dev.facerec.twin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.twin.s3.S3Server;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class UploadsTest {

    @Test
    void enrolmentMetadata_shouldTravelAsAnRfc2047Word_whenTheNameIsNotAscii() {
        // GIVEN a running S3 server and the metadata `twin enroll --name "Zoë Ångström"` sends
        Map<String, String> metadata = Uploads.enrolmentMetadata("Zoë Ångström");
        try (S3Server server = S3Server.inMemory().start();
                S3Client s3 = server.newClient()) {
            s3.createBucket(b -> b.bucket("photos"));

            // WHEN the photo is uploaded with it through the SDK
            s3.putObject(
                    b -> b.bucket("photos").key("enroll/zoe/1.jpg").metadata(metadata),
                    RequestBody.fromString("pixels"));

            // THEN S3 keeps one encoded word whose UTF-8 text is the name
            String stored = s3.headObject(b -> b.bucket("photos").key("enroll/zoe/1.jpg"))
                    .metadata()
                    .get("name");
            assertThat(stored).startsWith("=?UTF-8?B?").endsWith("?=");
            String base64 = stored.substring("=?UTF-8?B?".length(), stored.length() - 2);
            assertThat(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8))
                    .isEqualTo("Zoë Ångström");
        }
    }

    @Test
    void enrolmentMetadata_shouldKeepTheNameAsItIs_whenItIsPrintableAscii() {
        // GIVEN / WHEN an ASCII name
        Map<String, String> metadata = Uploads.enrolmentMetadata("Ada Lovelace");

        // THEN it is sent unchanged, and no name means no metadata
        assertThat(metadata).containsExactly(Map.entry("name", "Ada Lovelace"));
        assertThat(Uploads.enrolmentMetadata(null)).isEmpty();
    }
}
