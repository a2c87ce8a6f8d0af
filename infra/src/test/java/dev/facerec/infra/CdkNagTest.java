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
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.kms.Key;

/**
 * cdk-nag AwsSolutions, Serverless and NIST 800-53 rev 5: no unsuppressed error or warning on the library's
 * resources, with every default and with each option on.
 */
class CdkNagTest {

    private static final SightingsLogOptions SIGHTINGS =
            SightingsLogOptions.builder().retention(Duration.days(7)).build();

    @Test
    void defaultStack_shouldHaveNoFindings() {
        TestStacks.assertNoNagFindings(TestStacks.defaultStack());
    }

    @Test
    void existingBucketStack_shouldHaveNoFindings() {
        TestStacks.assertNoNagFindings(TestStacks.existingBucketStack());
    }

    @Test
    void optionsStack_shouldHaveNoFindings_withEachOptionOn() {
        // one pipeline per option, side by side in one stack (sharing CDK's notifications handler and the provider)
        TestStacks.assertNoNagFindings(
                TestStacks.checkedStack(s -> {
                    pipeline(
                            s,
                            "Tenants",
                            FaceRecognitionProps.builder().collectionStrategy(CollectionStrategy.PER_TENANT));
                    pipeline(s, "Sightings", FaceRecognitionProps.builder().sightingsLog(SIGHTINGS));
                    pipeline(
                            s,
                            "IamApi",
                            FaceRecognitionProps.builder()
                                    .identityApi(IdentityApiOptions.builder().build()));
                    pipeline(
                            s,
                            "JwtApi",
                            FaceRecognitionProps.builder()
                                    .identityApi(IdentityApiOptions.builder()
                                            .jwtIssuer("https://issuer.example")
                                            .jwtAudience(List.of("doors"))
                                            .build()));
                    pipeline(s, "Events", FaceRecognitionProps.builder().eventBus(new EventBus(s, "Bus")));
                }),
                "/Test/Bus");
    }

    @Test
    void keyStack_shouldHaveNoFindings_withACreatedKeyAndWithAGivenOne() {
        // a created key with every part that uses it (the sightings log's schedule, the identity API's access logs);
        // a given key on a tenants' pipeline
        TestStacks.assertNoNagFindings(
                TestStacks.checkedStack(s -> {
                    pipeline(
                            s,
                            "Created",
                            FaceRecognitionProps.builder()
                                    .createEncryptionKey(true)
                                    .sightingsLog(SIGHTINGS)
                                    .identityApi(IdentityApiOptions.builder().build()));
                    pipeline(
                            s,
                            "Given",
                            FaceRecognitionProps.builder()
                                    .collectionStrategy(CollectionStrategy.PER_TENANT)
                                    .encryptionKey(Key.Builder.create(s, "Key")
                                            .enableKeyRotation(true)
                                            .build()));
                }),
                "/Test/Key");
    }

    @Test
    void vpcStack_shouldHaveNoFindings() {
        TestStacks.assertNoNagFindings(
                TestStacks.checkedStack(s -> pipeline(
                        s,
                        "Faces",
                        FaceRecognitionProps.builder()
                                .vpc(FunctionVpcOptions.builder()
                                        .vpc(new Vpc(s, "Vpc"))
                                        .build()))),
                "/Test/Vpc");
    }

    @Test
    void camerasStack_shouldHaveNoFindings() {
        TestStacks.assertNoNagFindings(TestStacks.checkedStack(s -> new FaceCameras(
                s,
                "Cameras",
                FaceCamerasProps.builder()
                        .faces(new FaceRecognition(s, "Faces"))
                        .cameras(java.util.List.of("front-door", "lobby"))
                        .build())));
    }

    /** A pipeline with its own collection id, so that several fit in one stack. */
    private static void pipeline(Stack stack, String id, FaceRecognitionProps.Builder props) {
        new FaceRecognition(
                stack,
                id,
                props.collectionId(id.toLowerCase(java.util.Locale.ROOT)).build());
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
                        "AwsSolutions-S1",
                        "Serverless-LambdaDLQ",
                        "Serverless-LambdaLatestVersion",
                        "Serverless-LambdaTracing",
                        "Serverless-LambdaEventSourceMappingDestination",
                        "Serverless-SQSRedrivePolicy",
                        "NIST.800.53.R5-LambdaDLQ",
                        "NIST.800.53.R5-LambdaConcurrency",
                        "NIST.800.53.R5-LambdaInsideVPC",
                        "NIST.800.53.R5-CloudWatchLogGroupEncrypted",
                        "NIST.800.53.R5-IAMNoInlinePolicy",
                        "NIST.800.53.R5-S3BucketReplicationEnabled",
                        "NIST.800.53.R5-S3BucketVersioningEnabled",
                        "NIST.800.53.R5-S3DefaultEncryptionKMS",
                        "NIST.800.53.R5-DynamoDBInBackupPlan");
        assertThat(rules)
                .allSatisfy(rule -> assertThat((String) rule.get("reason")).hasSizeGreaterThan(40));
        assertThat(rules)
                .filteredOn(rule -> ((String) rule.get("id")).startsWith("AwsSolutions-IAM"))
                .isNotEmpty()
                .allSatisfy(rule -> assertThat((List<?>) rule.get("applies_to")).isNotEmpty());
    }
}
