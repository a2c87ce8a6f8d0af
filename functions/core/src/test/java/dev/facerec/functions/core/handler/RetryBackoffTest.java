package dev.facerec.functions.core.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.facerec.functions.testing.TestContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The pause a failed message gets: doubling with its receive count, jittered, capped; never failing the batch. */
class RetryBackoffTest {

    @Test
    void seconds_shouldDoubleWithTheReceiveCount_withinHalfToWholeOfTheCeiling() {
        assertThat(RetryBackoff.seconds(1, 0.0)).isEqualTo(3);
        assertThat(RetryBackoff.seconds(1, 0.999)).isEqualTo(5);
        assertThat(RetryBackoff.seconds(2, 0.0)).isEqualTo(5);
        assertThat(RetryBackoff.seconds(2, 0.999)).isEqualTo(10);
        assertThat(RetryBackoff.seconds(4, 0.999)).isEqualTo(40);
    }

    @Test
    void seconds_shouldStopGrowingAtFiveMinutes() {
        assertThat(RetryBackoff.seconds(7, 0.999)).isEqualTo(300);
        assertThat(RetryBackoff.seconds(10_000, 0.0)).isEqualTo(150);
        assertThat(RetryBackoff.seconds(0, 0.0)).isEqualTo(3);
    }

    @Test
    void apply_shouldLeaveTheMessageToTheVisibilityTimeout_whenSqsCannotBeReached() {
        // GIVEN a backoff whose SQS client cannot be built
        AtomicInteger builds = new AtomicInteger();
        RetryBackoff backoff = new RetryBackoff(
                () -> {
                    builds.incrementAndGet();
                    throw new IllegalStateException("no SQS here");
                },
                RandomGenerator.getDefault());
        SQSMessage message = new SQSMessage();
        message.setMessageId("m-1");
        message.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:events");
        message.setAttributes(Map.of("ApproximateReceiveCount", "2"));
        TestContext context = new TestContext();

        // WHEN two messages fail in this container
        backoff.apply(message, new OutcomeLog("index-faces", context.getLogger()));
        backoff.apply(message, new OutcomeLog("index-faces", context.getLogger()));

        // THEN both are logged, and the client was tried once
        assertThat(context.lines())
                .filteredOn(line -> line.contains("message=m-1 outcome=BACKOFF_FAILED error=IllegalStateException"))
                .hasSize(2);
        assertThat(builds).hasValue(1);
    }
}
