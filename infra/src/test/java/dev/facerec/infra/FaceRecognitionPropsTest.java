package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.IBucket;

/** Invalid and conflicting props: one error, naming every problem with the value received. */
class FaceRecognitionPropsTest {

    private static final String HEADER = "Invalid FaceRecognitionProps at Test/Faces:\n- ";

    @Test
    @DisplayName("fails if the results prefix lies under the recognise prefix")
    void construct_shouldFail_whenResultsPrefixOverlapsRecognizePrefix() {
        assertInvalid(
                FaceRecognitionProps.builder()
                        .resultsPrefix("recognize/results/")
                        .build(),
                "resultsPrefix 'recognize/results/' overlaps recognizePrefix 'recognize/': every result written"
                        + " would trigger the recognition function again");
    }

    @Test
    @DisplayName("fails if the results prefix contains the enrol prefix")
    void construct_shouldFail_whenResultsPrefixOverlapsEnrollPrefix() {
        assertInvalid(
                FaceRecognitionProps.builder().resultsPrefix("e").build(),
                "resultsPrefix 'e' overlaps enrollPrefix 'enroll/': every result written would trigger the"
                        + " enrolment function");
    }

    @Test
    @DisplayName("fails if the enrol and recognise prefixes overlap")
    void construct_shouldFail_whenEnrollAndRecognizePrefixesOverlap() {
        assertInvalid(
                FaceRecognitionProps.builder()
                        .enrollPrefix("photos/")
                        .recognizePrefix("photos/group/")
                        .build(),
                "enrollPrefix 'photos/' and recognizePrefix 'photos/group/' overlap: an upload would trigger both"
                        + " functions (and S3 rejects overlapping notifications)");
    }

    @Test
    @DisplayName("fails if a prefix is empty or starts with a slash")
    void construct_shouldFail_whenPrefixIsEmptyOrAbsolute() {
        assertInvalid(
                FaceRecognitionProps.builder().enrollPrefix("/enroll/").build(),
                "enrollPrefix must be a non-empty key prefix not starting with '/', got '/enroll/'");
        assertInvalid(
                FaceRecognitionProps.builder().recognizePrefix("").build(),
                "recognizePrefix must be a non-empty key prefix not starting with '/', got ''");
    }

    @Test
    @DisplayName("fails if the collection id has characters Rekognition rejects")
    void construct_shouldFail_whenCollectionIdIsInvalid() {
        assertInvalid(
                FaceRecognitionProps.builder().collectionId("my faces").build(),
                "collectionId must match [a-zA-Z0-9_.-]{1,255}, got 'my faces'");
    }

    @Test
    @DisplayName("fails if the face match threshold is not a percentage")
    void construct_shouldFail_whenThresholdIsOutOfRange() {
        assertInvalid(
                FaceRecognitionProps.builder().faceMatchThreshold(120).build(),
                "faceMatchThreshold must be a percentage from 0 to 100, got 120");
    }

    @Test
    @DisplayName("fails if the concurrency cap, memory or result retention are out of range")
    void construct_shouldFail_whenNumbersAreOutOfRange() {
        assertInvalid(
                FaceRecognitionProps.builder()
                        .maxConcurrency(2)
                        .reservedConcurrency(0)
                        .build(),
                "reservedConcurrency must be a whole number from 1 to 1000, got 0\n- maxConcurrency 2 exceeds reservedConcurrency 0: Lambda would throttle the event source mappings;"
                        + " reserve at least maxConcurrency (at least 2), or reserve none (the default)");
        assertInvalid(
                FaceRecognitionProps.builder().maxConcurrency(1).build(),
                "maxConcurrency must be a whole number from 2 to 1000, got 1");
        assertInvalid(
                FaceRecognitionProps.builder().maxConcurrency(1001).build(),
                "maxConcurrency must be a whole number from 2 to 1000, got 1001");
        assertInvalid(
                FaceRecognitionProps.builder().reservedConcurrency(1).build(),
                "maxConcurrency 2 exceeds reservedConcurrency 1: Lambda would throttle the event source mappings;"
                        + " reserve at least maxConcurrency (at least 2), or reserve none (the default)");
        assertInvalid(
                FaceRecognitionProps.builder().memorySize(256).build(),
                "memorySize must be a whole number from 512 to 10240, got 256");
        assertInvalid(
                FaceRecognitionProps.builder()
                        .resultRetention(Duration.hours(36))
                        .build(),
                "resultRetention must be a whole number of days from 1 to 36500, got 1 day 12 hours");
        assertInvalid(
                FaceRecognitionProps.builder()
                        .enrolmentRetention(Duration.hours(12))
                        .build(),
                "enrolmentRetention must be a whole number of days from 1 to 36500, got 12 hours");
    }

    @Test
    @DisplayName("fails if the removal policy is neither RETAIN nor DESTROY")
    void construct_shouldFail_whenRemovalPolicyIsSnapshot() {
        assertInvalid(
                FaceRecognitionProps.builder()
                        .removalPolicy(RemovalPolicy.SNAPSHOT)
                        .build(),
                "removalPolicy must be RETAIN or DESTROY, got SNAPSHOT");
    }

    @Test
    @DisplayName("fails if a lifecycle setting is combined with an existing bucket")
    void construct_shouldFail_whenNoncurrentVersionExpirationComesWithAnExistingBucket() {
        Stack stack = new Stack(new App(), "Test");
        FaceRecognitionProps props = FaceRecognitionProps.builder()
                .existingBucket(Bucket.fromBucketName(stack, "Imported", "photos"))
                .noncurrentVersionExpiration(Duration.days(7))
                .build();
        assertThatThrownBy(() -> new FaceRecognition(stack, "Faces", props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(HEADER + "noncurrentVersionExpiration applies to a bucket the construct creates; it"
                        + " cannot be combined with existingBucket (set the lifecycle on that bucket instead)");
    }

    @Test
    @DisplayName("fails with every problem in one error")
    void construct_shouldListEveryProblem_whenSeveralPropsAreInvalid() {
        assertInvalid(
                FaceRecognitionProps.builder()
                        .collectionId("a/b")
                        .faceMatchThreshold(-1)
                        .resultsPrefix("recognize/out/")
                        .build(),
                "collectionId must match [a-zA-Z0-9_.-]{1,255}, got 'a/b'\n"
                        + "- faceMatchThreshold must be a percentage from 0 to 100, got -1\n"
                        + "- resultsPrefix 'recognize/out/' overlaps recognizePrefix 'recognize/': every result"
                        + " written would trigger the recognition function again");
    }

    @Test
    @DisplayName("fails if two pipelines on two imports of one bucket name have overlapping prefixes")
    void construct_shouldFail_whenAnotherPipelineOnAnImportOfTheSameBucketOverlaps() {
        // GIVEN a pipeline on the bucket "photos", imported by name
        Stack stack = new Stack(new App(), "Test");
        new FaceRecognition(
                stack,
                "First",
                FaceRecognitionProps.builder()
                        .existingBucket(Bucket.fromBucketName(stack, "Photos", "photos"))
                        .build());

        // WHEN / THEN a second pipeline on a second import of the same name, with the same prefixes, is refused
        FaceRecognitionProps second = FaceRecognitionProps.builder()
                .existingBucket(Bucket.fromBucketName(stack, "PhotosAgain", "photos"))
                .build();
        assertThatThrownBy(() -> new FaceRecognition(stack, "Second", second))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid FaceRecognitionProps at Test/Second:\n- enrollPrefix 'enroll/'"
                        + " overlaps the enrollPrefix 'enroll/' of FaceRecognition 'Test/First' on the same bucket");
    }

    @Test
    @DisplayName("fails if two pipelines on one bucket have overlapping prefixes")
    void construct_shouldFail_whenAnotherPipelineOnTheBucketOverlaps() {
        // GIVEN a pipeline on a shared bucket with the default prefixes
        Stack stack = new Stack(new App(), "Test");
        IBucket shared = Bucket.fromBucketName(stack, "Shared", "photos");
        new FaceRecognition(
                stack,
                "First",
                FaceRecognitionProps.builder().existingBucket(shared).build());
        FaceRecognitionProps second = FaceRecognitionProps.builder()
                .existingBucket(shared)
                .collectionId("second")
                .enrollPrefix("recognize/team/")
                .recognizePrefix("inbox/")
                .resultsPrefix("enroll/results/")
                .consentPrefix("consent/team/")
                .build();

        // WHEN / THEN
        assertThatThrownBy(() -> new FaceRecognition(stack, "Second", second))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Invalid FaceRecognitionProps at Test/Second:\n- enrollPrefix 'recognize/team/' overlaps the recognizePrefix 'recognize/' of"
                                + " FaceRecognition 'Test/First' on the same bucket: an upload would trigger both pipelines"
                                + " (and S3 rejects overlapping notifications)\n"
                                + "- resultsPrefix 'enroll/results/' overlaps the enrollPrefix 'enroll/' of FaceRecognition"
                                + " 'Test/First' on the same bucket: results written by one pipeline would trigger the other\n"
                                + "- consentPrefix 'consent/team/' overlaps the consentPrefix 'consent/' of FaceRecognition"
                                + " 'Test/First' on the same bucket: an upload would trigger both pipelines (and S3 rejects"
                                + " overlapping notifications)");
    }

    @Test
    void construct_shouldAcceptSeveralPipelinesOnOneBucket_whenTheirPrefixesAreDisjoint() {
        Stack stack = new Stack(new App(), "Test");
        IBucket shared = Bucket.fromBucketName(stack, "Shared", "photos");
        assertThatCode(() -> {
                    for (String tenant : new String[] {"alice", "bob"}) {
                        new FaceRecognition(
                                stack,
                                tenant,
                                FaceRecognitionProps.builder()
                                        .existingBucket(shared)
                                        .collectionId("tags-" + tenant)
                                        .enrollPrefix("users/" + tenant + "/friends/")
                                        .recognizePrefix("users/" + tenant + "/photos/")
                                        .resultsPrefix("users/" + tenant + "/tags/")
                                        .consentPrefix("users/" + tenant + "/consent/")
                                        .build());
                    }
                })
                .doesNotThrowAnyException();
    }

    @Test
    void construct_shouldSkipChecks_whenValuesAreUnresolvedTokens() {
        // GIVEN values only known at deploy time
        Stack stack = new Stack(new App(), "Test");
        FaceRecognitionProps props = FaceRecognitionProps.builder()
                .collectionId(
                        CfnParameter.Builder.create(stack, "Collection").build().getValueAsString())
                .resultsPrefix(
                        CfnParameter.Builder.create(stack, "Results").build().getValueAsString())
                .faceMatchThreshold(CfnParameter.Builder.create(stack, "Threshold")
                        .type("Number")
                        .build()
                        .getValueAsNumber())
                .build();

        // WHEN / THEN
        assertThatCode(() -> new FaceRecognition(stack, "Faces", props)).doesNotThrowAnyException();
    }

    private static void assertInvalid(FaceRecognitionProps props, String problems) {
        Stack stack = new Stack(new App(), "Test");
        assertThatThrownBy(() -> new FaceRecognition(stack, "Faces", props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(HEADER + problems);
    }
}
