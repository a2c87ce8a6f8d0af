package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.app.FaceRecognitionApp;
import dev.facerec.app.FaceRecognitionStack;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NIST80053R5Checks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Matcher;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketAttributes;

/**
 * Stacks for the template tests. Synthesis takes seconds and the jsii runtime starts once per JVM, so the shared
 * stacks are synthesized once (with the cdk-nag AwsSolutions, Serverless and NIST checks attached, which only add annotations); other
 * stacks are built per test.
 */
final class TestStacks {

    static final String EXISTING_BUCKET = "my-photo-bucket";
    static final String ENCRYPTED_BUCKET = "my-encrypted-bucket";
    static final String KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static Stack defaults;
    private static Stack existingBuckets;

    private TestStacks() {}

    /** The app's {@link FaceRecognitionStack} with every default. */
    static synchronized Stack defaultStack() {
        if (defaults == null) {
            defaults = checked(new FaceRecognitionStack(new App(), FaceRecognitionApp.STACK_NAME));
        }
        return defaults;
    }

    static Template defaultTemplate() {
        return Template.fromStack(defaultStack());
    }

    /**
     * A consumer's stack with two pipelines on buckets it does not own: "Photos" on a bucket imported by name with
     * its own prefixes, "Tenant" on a KMS-encrypted bucket imported with its key.
     */
    static synchronized Stack existingBucketStack() {
        if (existingBuckets == null) {
            existingBuckets = checked(stack(stack -> {
                new FaceRecognition(
                        stack,
                        "Photos",
                        FaceRecognitionProps.builder()
                                .existingBucket(Bucket.fromBucketName(stack, "Imported", EXISTING_BUCKET))
                                .collectionId("photos-faces")
                                .enrollPrefix("people/")
                                .recognizePrefix("inbox/")
                                .resultsPrefix("outbox/")
                                .build());
                new FaceRecognition(
                        stack,
                        "Tenant",
                        FaceRecognitionProps.builder()
                                .existingBucket(Bucket.fromBucketAttributes(
                                        stack,
                                        "Encrypted",
                                        BucketAttributes.builder()
                                                .bucketName(ENCRYPTED_BUCKET)
                                                .encryptionKey(Key.fromKeyArn(stack, "Key", KEY_ARN))
                                                .build()))
                                .collectionId("tenant-faces")
                                .build());
            }));
        }
        return existingBuckets;
    }

    static Template existingBucketTemplate() {
        return Template.fromStack(existingBucketStack());
    }

    /** A fresh stack named "Test" in a fresh app, filled by {@code body}. */
    static Stack stack(Consumer<Stack> body) {
        Stack stack = new Stack(new App(), "Test");
        body.accept(stack);
        return stack;
    }

    /** As {@link #stack(Consumer)}, with cdk-nag's AwsSolutions, Serverless and NIST 800-53 rev 5 checks added. */
    static Stack checkedStack(Consumer<Stack> body) {
        return checked(stack(body));
    }

    static Template template(Consumer<Stack> body) {
        return Template.fromStack(stack(body));
    }

    /** Asserts that some IAM policy of {@code template} holds a statement like {@code statement}. */
    static void hasPolicyStatement(Template template, Map<String, Object> statement) {
        template.hasResourceProperties(
                "AWS::IAM::Policy",
                Map.of(
                        "PolicyDocument",
                        Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(statement)))))));
    }

    /** Asserts that cdk-nag's AwsSolutions checks left no unsuppressed error or warning on {@code stack}. */
    static void assertNoAwsSolutionsFindings(Stack stack) {
        Annotations annotations = Annotations.fromStack(stack);
        assertThat(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))
                .extracting(m -> m.getId() + ": " + m.getEntry().getData())
                .isEmpty();
        assertThat(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")))
                .extracting(m -> m.getId() + ": " + m.getEntry().getData())
                .isEmpty();
    }

    /**
     * Asserts that cdk-nag's AwsSolutions, Serverless and NIST 800-53 rev 5 checks left no unsuppressed error or
     * warning on the library's resources of {@code stack}: every resource but those under {@code userPaths} (what the
     * test itself creates, such as a VPC).
     */
    static void assertNoNagFindings(Stack stack, String... userPaths) {
        Annotations annotations = Annotations.fromStack(stack);
        Matcher packs = Match.stringLikeRegexp("(AwsSolutions|Serverless|NIST\\.800\\.53\\.R5)-.*");
        List<SynthesisMessage> findings = new ArrayList<>(annotations.findError("*", packs));
        findings.addAll(annotations.findWarning("*", packs));
        assertThat(findings)
                .filteredOn(m -> Arrays.stream(userPaths).noneMatch(m.getId()::startsWith))
                .extracting(m -> m.getId() + ": " + m.getEntry().getData())
                .isEmpty();
    }

    /** A bucket of the template has a lifecycle rule with (at least) these properties. */
    static void hasBucketLifecycleRule(Template template, Map<String, Object> rule) {
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of("LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(rule))))));
    }

    /** An Allow statement with its actions sorted, as the permission tests list a role's statements. */
    static Map<String, Object> statement(Object actions, Object resource) {
        List<?> list = actions instanceof List<?> l ? l : List.of(actions);
        return Map.of(
                "Effect",
                "Allow",
                "Action",
                list.stream().map(String.class::cast).sorted().toList(),
                "Resource",
                resource);
    }

    /** Asserts that the function with {@code handler} has (at least) these environment variables. */
    static void hasFunctionEnvironment(Template template, String handler, Map<String, Object> variables) {
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Map.of("Handler", handler, "Environment", Map.of("Variables", Match.objectLike(variables))));
    }

    /** {@code arn:${AWS::Partition}<rest>}, as CDK renders an ARN in the stack's partition. */
    static Map<String, Object> partitionArn(String rest) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), rest)));
    }

    /** The ARN CDK builds for a resource of the stack's account and region. */
    static Map<String, Object> regionalArn(String service, String resource) {
        return Map.of(
                "Fn::Join",
                List.of(
                        "",
                        List.of(
                                "arn:",
                                Map.of("Ref", "AWS::Partition"),
                                ":" + service + ":",
                                Map.of("Ref", "AWS::Region"),
                                ":",
                                Map.of("Ref", "AWS::AccountId"),
                                ":" + resource)));
    }

    /** The only resource of {@code type} whose properties match {@code properties}: its logical id. */
    static String logicalId(Template template, String type, Map<String, Object> properties) {
        return template.getResourceId(type, Map.of("Properties", Match.objectLike(properties)));
    }

    /** Adds cdk-nag's AwsSolutions, Serverless and NIST 800-53 rev 5 checks to {@code stack}. */
    private static Stack checked(Stack stack) {
        NagPackProps props = NagPackProps.builder().reports(false).verbose(true).build();
        Aspects.of(stack).add(new AwsSolutionsChecks(props));
        Aspects.of(stack).add(new ServerlessChecks(props));
        Aspects.of(stack).add(new NIST80053R5Checks(props));
        return stack;
    }
}
