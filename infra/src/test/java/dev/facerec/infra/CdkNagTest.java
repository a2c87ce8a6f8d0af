package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag AwsSolutions: no unsuppressed finding, on the app's stack and on a consumer's stack. */
class CdkNagTest {

    @Test
    void defaultStack_shouldHaveNoAwsSolutionsErrorsOrWarnings() {
        assertNoFindings(TestStacks.defaultStack());
    }

    @Test
    void existingBucketStack_shouldHaveNoAwsSolutionsErrorsOrWarnings() {
        assertNoFindings(TestStacks.existingBucketStack());
    }

    @Test
    void checks_shouldReportAnError_whenAResourceBreaksARule() {
        // GIVEN a queue without TLS enforcement, as a control that the checks run in this setup
        Stack stack = TestStacks.stack(s -> new software.amazon.awscdk.services.sqs.Queue(s, "Plain"));
        Aspects.of(stack).add(new AwsSolutionsChecks(NagPackProps.builder().reports(false).build()));

        // WHEN
        List<SynthesisMessage> errors = Annotations.fromStack(stack)
                .findError("*", Match.stringLikeRegexp("AwsSolutions-SQS4.*"));

        // THEN
        assertThat(errors).hasSize(1);
    }

    private static void assertNoFindings(Stack stack) {
        Annotations annotations = Annotations.fromStack(stack);
        List<SynthesisMessage> errors = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(errors).extracting(m -> m.getId() + ": " + m.getEntry().getData()).isEmpty();
        assertThat(warnings).extracting(m -> m.getId() + ": " + m.getEntry().getData()).isEmpty();
    }
}
