package dev.facerec.twin.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.s3.ObjectChange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3EventMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LambdaTarget TARGET =
            new LambdaTarget("config-1", "arn:aws:lambda:us-east-1:000000000000:function:f", List.of(), "", "");

    @Test
    void of_shouldWriteS3EventJson_whenAnObjectIsCreated() throws Exception {
        // GIVEN
        ObjectChange change = new ObjectChange(
                "ObjectCreated:Put", "photos", "enroll/ann/red flower+1 é.jpg", 1234, "0123abcd", "v1", "0000018F2A");

        // WHEN
        JsonNode record = JSON.readTree(S3EventMessage.of(change, TARGET, "us-east-1"))
                .get("Records")
                .get(0);

        // THEN
        assertThat(record.get("eventVersion").asText()).isEqualTo("2.1");
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:s3");
        assertThat(record.get("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(record.get("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(record.get("eventTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(record.at("/s3/configurationId").asText()).isEqualTo("config-1");
        assertThat(record.at("/s3/bucket/name").asText()).isEqualTo("photos");
        assertThat(record.at("/s3/bucket/arn").asText()).isEqualTo("arn:aws:s3:::photos");
        assertThat(record.at("/s3/object/key").asText()).isEqualTo("enroll/ann/red+flower%2B1+%C3%A9.jpg");
        assertThat(record.at("/s3/object/size").asLong()).isEqualTo(1234);
        assertThat(record.at("/s3/object/eTag").asText()).isEqualTo("0123abcd");
        assertThat(record.at("/s3/object/versionId").asText()).isEqualTo("v1");
        assertThat(record.at("/s3/object/sequencer").asText()).isEqualTo("0000018F2A");
    }

    @ParameterizedTest
    @CsvSource({
        "recognize/bad/../../x.jpg, recognize/bad/../../x.jpg",
        "enroll//x.jpg, enroll//x.jpg",
        "enroll/folder/, enroll/folder/",
        "enroll/100% sure.jpg, enroll/100%25+sure.jpg"
    })
    void of_shouldEncodeTheKeyAsItIs_whenItLooksLikeAPath(String key, String encoded) throws Exception {
        // GIVEN a key that a file path would normalize
        ObjectChange change = new ObjectChange("ObjectCreated:Put", "photos", key, 1, "e", null, "0B");

        // WHEN
        String sent = JSON.readTree(S3EventMessage.of(change, TARGET, "us-east-1"))
                .at("/Records/0/s3/object/key")
                .asText();

        // THEN it is URL form-encoded as S3 sends it, and form-decoding gives the key back
        assertThat(sent).isEqualTo(encoded);
        assertThat(URLDecoder.decode(sent, StandardCharsets.UTF_8)).isEqualTo(key);
    }

    @Test
    void of_shouldLeaveOutSizeETagAndVersion_whenAnUnversionedObjectIsDeleted() throws Exception {
        // GIVEN
        ObjectChange change = new ObjectChange("ObjectRemoved:Delete", "photos", "enroll/a.jpg", 0, null, null, "0A");

        // WHEN
        JsonNode object =
                JSON.readTree(S3EventMessage.of(change, TARGET, "us-east-1")).at("/Records/0/s3/object");

        // THEN
        assertThat(object.has("size")).isFalse();
        assertThat(object.has("eTag")).isFalse();
        assertThat(object.has("versionId")).isFalse();
        assertThat(object.get("sequencer").asText()).isEqualTo("0A");
    }

    @Test
    void testEvent_shouldNameTheBucketAndTheTestEvent() throws Exception {
        // WHEN
        JsonNode event = JSON.readTree(S3EventMessage.testEvent("photos"));

        // THEN
        assertThat(event.get("Service").asText()).isEqualTo("Amazon S3");
        assertThat(event.get("Event").asText()).isEqualTo("s3:TestEvent");
        assertThat(event.get("Bucket").asText()).isEqualTo("photos");
    }
}
