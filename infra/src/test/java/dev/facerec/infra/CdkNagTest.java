package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag AwsSolutions: no unsuppressed finding, on the app's stack and on a consumer's stack. */
class CdkNagTest {

    @Test
    void defaultStack_shouldHaveNoAwsSolutionsErrorsOrWarnings() {
        TestStacks.assertNoAwsSolutionsFindings(TestStacks.defaultStack());
    }

    @Test
    void existingBucketStack_shouldHaveNoAwsSolutionsErrorsOrWarnings() {
        TestStacks.assertNoAwsSolutionsFindings(TestStacks.existingBucketStack());
    }

    @Test
    void perTenantStack_shouldHaveNoAwsSolutionsErrorsOrWarnings() {
        TestStacks.assertNoAwsSolutionsFindings(TestStacks.checkedStack(s -> new FaceRecognition(
                s,
                "Faces",
                FaceRecognitionProps.builder()
                        .collectionStrategy(CollectionStrategy.PER_TENANT)
                        .build())));
    }

    @Test
    void sightingsLogStack_shouldHaveNoAwsSolutionsErrorsOrWarnings() {
        TestStacks.assertNoAwsSolutionsFindings(TestStacks.checkedStack(s -> new FaceRecognition(
                s,
                "Faces",
                FaceRecognitionProps.builder()
                        .sightingsLog(SightingsLogOptions.builder()
                                .retention(Duration.days(7))
                                .build())
                        .build())));
    }

    @Test
    void checks_shouldReportAnError_whenAResourceBreaksARule() {
        // GIVEN a queue without TLS enforcement, as a control that the checks run in this setup
        Stack stack = TestStacks.stack(s -> new software.amazon.awscdk.services.sqs.Queue(s, "Plain"));
        Aspects.of(stack)
                .add(new AwsSolutionsChecks(
                        NagPackProps.builder().reports(false).build()));

        // WHEN
        List<SynthesisMessage> errors =
                Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-SQS4.*"));

        // THEN
        assertThat(errors).hasSize(1);
    }

    @Test
    void suppressions_shouldEachSayWhyAndNameTheFindingsTheyCover() {
        // GIVEN every cdk-nag suppression of the app's stack
        List<Map<?, ?>> rules = new ArrayList<>();
        TestStacks.defaultTemplate().toJSON().values().stream()
                .filter(section -> section instanceof Map<?, ?>)
                .flatMap(section -> ((Map<?, ?>) section).values().stream())
                .filter(resource -> resource instanceof Map<?, ?> map && map.get("Metadata") instanceof Map<?, ?>)
                .map(resource -> ((Map<?, ?>) ((Map<?, ?>) resource).get("Metadata")).get("cdk_nag"))
                .filter(nag -> nag instanceof Map<?, ?>)
                .forEach(nag -> ((List<?>) ((Map<?, ?>) nag).get("rules_to_suppress"))
                        .forEach(rule -> rules.add((Map<?, ?>) rule)));

        // THEN only the documented rules are suppressed, each with a reason, and the IAM ones only for named findings
        assertThat(rules)
                .extracting(rule -> (String) rule.get("id"))
                .containsOnly(
                        "AwsSolutions-IAM4",
                        "AwsSolutions-IAM5",
                        "AwsSolutions-L1",
                        "AwsSolutions-SQS3",
                        "AwsSolutions-S1");
        assertThat(rules)
                .allSatisfy(rule -> assertThat((String) rule.get("reason")).hasSizeGreaterThan(40));
        assertThat(rules)
                .filteredOn(rule -> ((String) rule.get("id")).startsWith("AwsSolutions-IAM"))
                .isNotEmpty()
                .allSatisfy(rule -> assertThat((List<?>) rule.get("applies_to")).isNotEmpty());
    }
}
