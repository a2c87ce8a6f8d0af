package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.s3.Bucket;

/** Cameras in the template: streams, image generation, the frames function, its least-privilege role, cdk-nag. */
class FaceCamerasTest {

    private static Stack stack;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        stack = TestStacks.checkedStack(s -> {
            FaceRecognition faces = new FaceRecognition(s, "Faces");
            FaceCameras cameras = new FaceCameras(
                    s,
                    "Cameras",
                    FaceCamerasProps.builder()
                            .faces(faces)
                            .cameras(List.of("front-door", "lobby"))
                            .build());
            cameras.grantProduce(Role.Builder.create(s, "Camera")
                    .assumedBy(new AccountRootPrincipal())
                    .build());
            cameras.onWatchListSighting("block", new SqsQueue(faces.getDeadLetterQueue()));
        });
        template = Template.fromStack(stack);
    }

    @Test
    void construct_shouldCreateAnEncryptedStreamPerCamera() {
        template.resourceCountIs("AWS::KinesisVideo::Stream", 2);
        template.hasResourceProperties(
                "AWS::KinesisVideo::Stream",
                Map.of(
                        "Name", "front-door",
                        "DataRetentionInHours", 24,
                        "KmsKeyId", "alias/aws/kinesisvideo",
                        "MediaType", "video/h264"));
    }

    @Test
    void construct_shouldTurnOnImageGenerationToTheFramesPrefix() {
        template.hasResourceProperties(
                FaceCameras.IMAGE_GENERATION_TYPE,
                Match.objectLike(Map.of(
                        "StreamName", "lobby",
                        "SamplingInterval", "500",
                        "Format", "JPEG",
                        "JpegQuality", "80",
                        "WidthPixels", "1280",
                        "HeightPixels", "720",
                        "ImageSelectorType", "PRODUCER_TIMESTAMP")));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", ImageGenerationProvider.HANDLER));
    }

    @Test
    void construct_shouldExpireFramesAfterADay() {
        TestStacks.hasBucketLifecycleRule(
                template,
                Map.of("Id", "ExpireFrames-Cameras", "Prefix", "frames/", "ExpirationInDays", 1, "Status", "Enabled"));
    }

    @Test
    void construct_shouldFeedTheFramesFunctionFromAQueue_withItsSettings() {
        TestStacks.hasFunctionEnvironment(
                template,
                FaceCameras.FRAMES_HANDLER,
                Map.of(
                        "FRAMES_PREFIX", "frames/",
                        "SIGHTING_GAP_SECONDS", "10",
                        "SIGHTING_RETENTION_DAYS", "30",
                        "TRACK_MATCH_THRESHOLD", "80"));
        template.hasResourceProperties(
                "AWS::Lambda::EventSourceMapping",
                Map.of(
                        "FunctionName",
                        Map.of(
                                "Ref",
                                TestStacks.logicalId(
                                        template,
                                        "AWS::Lambda::Function",
                                        Map.of("Handler", FaceCameras.FRAMES_HANDLER))),
                        "ScalingConfig",
                        Map.of("MaximumConcurrency", 2)));
    }

    @Test
    void grantProduce_shouldAllowPutMediaOnTheStreamsAndFramesUnderThePrefixOnly() {
        TestStacks.hasPolicyStatement(
                template,
                Map.of(
                        "Action",
                        FaceCameras.PRODUCE_ACTIONS,
                        "Resource",
                        Match.arrayWith(List.of(Map.of(
                                "Fn::GetAtt",
                                List.of(
                                        TestStacks.logicalId(
                                                template, "AWS::KinesisVideo::Stream", Map.of("Name", "front-door")),
                                        "Arn"))))));
    }

    @Test
    void onWatchListSighting_shouldMatchStartedSightingsOfTheListOnTheseCameras() {
        template.hasResourceProperties(
                "AWS::Events::Rule",
                Map.of(
                        "EventPattern",
                        Match.objectLike(Map.of(
                                "source",
                                List.of("facerec"),
                                "detail-type",
                                List.of(FaceCameras.SIGHTING_STARTED),
                                "detail",
                                Match.objectLike(Map.of(
                                        "lists", List.of("block"), "camera", List.of("front-door", "lobby")))))));
    }

    @Test
    void stack_shouldHaveNoAwsSolutionsErrorsOrWarnings() {
        TestStacks.assertNoAwsSolutionsFindings(stack);
    }

    @Test
    void fails_ifPropsBreakTheRules_listingEveryProblem() {
        assertThatThrownBy(() -> TestStacks.stack(s -> new FaceCameras(
                        s,
                        "Cameras",
                        FaceCamerasProps.builder()
                                .faces(new FaceRecognition(s, "Faces"))
                                .cameras(List.of("front door"))
                                .framesPrefix("recognize/frames/")
                                .samplingInterval(Duration.millis(100))
                                .build())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 'front door'")
                .hasMessageContaining("overlaps recognizePrefix 'recognize/'")
                .hasMessageContaining("samplingInterval must be at least 200 ms");
    }

    @Test
    void fails_ifThePipelineUsesAnImportedBucket() {
        assertThatThrownBy(() -> TestStacks.stack(s -> new FaceCameras(
                        s,
                        "Cameras",
                        FaceCamerasProps.builder()
                                .faces(new FaceRecognition(
                                        s,
                                        "Faces",
                                        FaceRecognitionProps.builder()
                                                .existingBucket(Bucket.fromBucketName(s, "B", "photos"))
                                                .build()))
                                .cameras(List.of("door"))
                                .build())))
                .hasMessageContaining("lifecycle rule");
    }
}
