package dev.facerec.twin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the commands do with the pipeline: upload a photo under a prefix and wait for its outcome. */
final class Uploads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Uploads() {}

    /** Uploads an enrolment photo and returns its status row once it is INDEXED or REJECTED. */
    static Map<String, AttributeValue> enroll(RunningTwin twin, String personId, String name, Path photo)
            throws InterruptedException {
        String key = twin.output("EnrollPrefix") + personId + "/" + photo.getFileName();
        String eTag = upload(twin, key, photo, enrolmentMetadata(name));
        return twin.awaitStatus(key, eTag);
    }

    /**
     * Records a person's consent through a consent document, as captured by the twin's operator (the CLI), and waits
     * until it is RECORDED (or REJECTED, with the reason).
     */
    static Map<String, AttributeValue> recordConsent(RunningTwin twin, String personId, String purpose, String policy)
            throws InterruptedException {
        String key = twin.output("ConsentPrefix") + personId + ".json";
        String document = JSON.createObjectNode()
                .put("consentedBy", "operator")
                .put("operatorId", "twin-cli")
                .put("purpose", purpose)
                .put("policyVersion", policy)
                .toString();
        String eTag = twin.s3()
                .putObject(
                        b -> b.bucket(twin.bucket()).key(key).contentType("application/json"),
                        RequestBody.fromString(document))
                .eTag()
                .replace("\"", "");
        return twin.awaitStatus(key, eTag);
    }

    /** The user metadata of an enrolment photo: the display name, header-safe ({@link MetadataText}). */
    static Map<String, String> enrolmentMetadata(String name) {
        return name == null ? Map.of() : Map.of("name", MetadataText.encode(name));
    }

    /** One line saying how an enrolment photo went. */
    static String describe(Path photo, Map<String, AttributeValue> status) {
        String outcome = RunningTwin.text(status, "status");
        if (!"REJECTED".equals(outcome)) {
            return photo.getFileName() + ": " + outcome;
        }
        String detail = RunningTwin.text(status, "detail");
        return photo.getFileName() + ": REJECTED " + RunningTwin.text(status, "reason")
                + (detail == null ? "" : " (" + detail + ")");
    }

    /**
     * Uploads a photo to recognise and returns the result document, or {@code null} with the reason printed when
     * the photo was rejected.
     */
    static JsonNode recognize(RunningTwin twin, Path photo, String name) throws InterruptedException, IOException {
        String key = twin.output("RecognizePrefix") + name;
        Map<String, AttributeValue> status = twin.awaitStatus(key, upload(twin, key, photo, Map.of()));
        if ("REJECTED".equals(RunningTwin.text(status, "status"))) {
            System.out.println(describe(photo, status));
            return null;
        }
        String resultKey = RunningTwin.text(status, "resultKey");
        return JSON.readTree(twin.s3()
                .getObjectAsBytes(b -> b.bucket(twin.bucket()).key(resultKey))
                .asByteArray());
    }

    private static String upload(RunningTwin twin, String key, Path photo, Map<String, String> metadata) {
        if (!Files.isRegularFile(photo)) {
            throw new IllegalArgumentException("no such photo: " + photo);
        }
        return twin.s3()
                .putObject(b -> b.bucket(twin.bucket()).key(key).metadata(metadata), RequestBody.fromFile(photo))
                .eTag()
                .replace("\"", "");
    }
}
