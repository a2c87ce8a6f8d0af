package dev.facerec.twin.eventsources;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Partial batch responses read as Lambda reads them for SQS. */
class BatchResponseTest {

    private static final Set<String> BATCH = Set.of("m1", "m2");

    @Test
    void failedMessageIds_shouldBeNone_whenTheResponseOrItsListIsEmptyOrNull() {
        for (String response :
                new String[] {"", "null", "{}", "{\"batchItemFailures\": null}", "{\"batchItemFailures\": []}"}) {
            assertThat(read(response)).as(response).contains(Set.of());
        }
    }

    @Test
    void failedMessageIds_shouldBeTheReportedMessages_whenEachIsInTheBatch() {
        assertThat(read("{\"batchItemFailures\": [{\"itemIdentifier\": \"m2\"}]}"))
                .contains(Set.of("m2"));
    }

    @Test
    void failedMessageIds_shouldFailTheWholeBatch_whenAnItemIdentifierIsInvalidOrTheResponseIsNoObject() {
        for (String response : new String[] {
            "{\"batchItemFailures\": [{\"itemIdentifier\": \"m3\"}]}",
            "{\"batchItemFailures\": [{\"itemIdentifier\": \"\"}]}",
            "{\"batchItemFailures\": [{\"itemIdentifier\": null}]}",
            "{\"batchItemFailures\": [{\"messageId\": \"m1\"}]}",
            "{\"batchItemFailures\": \"m1\"}",
            "[\"m1\"]",
            "not json"
        }) {
            assertThat(read(response)).as(response).isEmpty();
        }
    }

    private static Optional<Set<String>> read(String response) {
        return BatchResponse.failedMessageIds(response.getBytes(UTF_8), BATCH);
    }
}
