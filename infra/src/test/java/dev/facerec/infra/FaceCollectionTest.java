package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;

/** The collection on its own: removal policy, grants for a consumer's role, invalid props. */
class FaceCollectionTest {

    @Test
    void collection_shouldBeDeletedWithTheStackAndGrantScopedAccess_whenDestroyAndGranted() {
        // GIVEN
        Template template = TestStacks.template(stack -> {
            FaceCollection collection = new FaceCollection(
                    stack,
                    "Members",
                    FaceCollectionProps.builder()
                            .collectionId("members")
                            .removalPolicy(RemovalPolicy.DESTROY)
                            .build());
            Role app = Role.Builder.create(stack, "App")
                    .assumedBy(new AccountRootPrincipal())
                    .build();

            // WHEN
            collection.grantIndex(app);
            collection.grantSearch(app);
            collection.grantIdentify(app);
            collection.grantDelete(app);
            collection.grantRead(app);
            FaceCollection.grantDetectFaces(app);
        });

        // THEN
        template.hasResource(
                FaceCollection.RESOURCE_TYPE,
                Map.of(
                        "Properties", Match.objectLike(Map.of("CollectionId", "members", "RemovalPolicy", "destroy")),
                        "DeletionPolicy", "Delete",
                        "UpdateReplacePolicy", "Delete"));
        Map<String, Object> members = TestStacks.regionalArn("rekognition", "collection/members");
        template.hasResourceProperties(
                "AWS::IAM::Policy",
                Map.of(
                        "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("^App"))),
                        "PolicyDocument",
                                Map.of(
                                        "Version",
                                        "2012-10-17",
                                        "Statement",
                                        List.of(
                                                allow(
                                                        members,
                                                        "rekognition:IndexFaces",
                                                        "rekognition:CreateUser",
                                                        "rekognition:AssociateFaces"),
                                                allow(
                                                        members,
                                                        "rekognition:SearchFaces",
                                                        "rekognition:SearchFacesByImage",
                                                        "rekognition:SearchUsers",
                                                        "rekognition:SearchUsersByImage"),
                                                Map.of(
                                                        "Effect",
                                                        "Allow",
                                                        "Action",
                                                        "rekognition:SearchUsersByImage",
                                                        "Resource",
                                                        members),
                                                allow(
                                                        members,
                                                        "rekognition:ListFaces",
                                                        "rekognition:DisassociateFaces",
                                                        "rekognition:DeleteFaces",
                                                        "rekognition:DeleteUser"),
                                                allow(
                                                        members,
                                                        "rekognition:DescribeCollection",
                                                        "rekognition:ListFaces",
                                                        "rekognition:ListUsers"),
                                                Map.of(
                                                        "Effect",
                                                        "Allow",
                                                        "Action",
                                                        "rekognition:DetectFaces",
                                                        "Resource",
                                                        "*")))));
    }

    @Test
    @DisplayName("fails if the collection id and the removal policy are invalid, naming the path and both problems")
    void collection_shouldFail_whenCollectionIdAndRemovalPolicyAreInvalid() {
        Stack stack = new Stack(new App(), "Test");
        FaceCollectionProps props = FaceCollectionProps.builder()
                .collectionId("faces*")
                .removalPolicy(RemovalPolicy.SNAPSHOT)
                .build();
        assertThatThrownBy(() -> new FaceCollection(stack, "Faces", props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid FaceCollectionProps at Test/Faces:\n"
                        + "- collectionId must match [a-zA-Z0-9_.-]{1,255}, got 'faces*'\n"
                        + "- removalPolicy must be RETAIN or DESTROY, got SNAPSHOT");
    }

    @Test
    void collection_shouldGetAUniqueStableId_whenNoneIsGiven() {
        // WHEN two collections without an id are made in two stacks of one app, and again in a new app
        String dev = defaultCollectionId("Dev");
        String prod = defaultCollectionId("Prod");
        String devAgain = defaultCollectionId("Dev");

        // THEN each has its own id, made of its path and a hash, in Rekognition's charset, the same on every synth
        assertThat(dev).matches("Dev-Faces-[A-F0-9]{8}");
        assertThat(prod).matches("Prod-Faces-[A-F0-9]{8}");
        assertThat(devAgain).isEqualTo(dev);
    }

    private static String defaultCollectionId(String stackId) {
        Stack stack = new Stack(new App(), stackId);
        new FaceCollection(stack, "Faces");
        Map<String, Map<String, Object>> resources =
                Template.fromStack(stack).findResources(FaceCollection.RESOURCE_TYPE);
        @SuppressWarnings("unchecked")
        Map<String, Object> properties =
                (Map<String, Object>) resources.values().iterator().next().get("Properties");
        return (String) properties.get("CollectionId");
    }

    @Test
    @DisplayName("fails if two collections of one app have the same id, naming both paths")
    void collection_shouldFail_whenAnotherCollectionOfTheAppHasTheSameId() {
        // GIVEN a pipeline with the collection id "faces" in one stack
        App app = new App();
        new FaceRecognition(
                new Stack(app, "One"),
                "Faces",
                FaceRecognitionProps.builder().collectionId("faces").build());
        Stack other = new Stack(app, "Two");

        // WHEN / THEN a collection of the same id in another stack of the app is refused
        assertThatThrownBy(() -> new FaceCollection(
                        other,
                        "Members",
                        FaceCollectionProps.builder().collectionId("faces").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Two face collections in this app have the id 'faces': One/Faces/Collection"
                        + " and Two/Members.");
    }

    @Test
    void collection_shouldBeAllowed_whenTheSameIdIsInAnotherRegion() {
        App app = new App();
        Stack east = new Stack(
                app,
                "East",
                StackProps.builder()
                        .env(Environment.builder()
                                .account("111111111111")
                                .region("us-east-1")
                                .build())
                        .build());
        Stack west = new Stack(
                app,
                "West",
                StackProps.builder()
                        .env(Environment.builder()
                                .account("111111111111")
                                .region("us-west-2")
                                .build())
                        .build());
        new FaceCollection(
                east,
                "Faces",
                FaceCollectionProps.builder().collectionId("faces").build());

        assertThatCode(() -> new FaceCollection(
                        west,
                        "Faces",
                        FaceCollectionProps.builder().collectionId("faces").build()))
                .doesNotThrowAnyException();
    }

    @Test
    void collection_shouldCarryTheStackTagsAdoptionAndAServiceTimeout() {
        // GIVEN
        Template template = TestStacks.template(stack -> {
            new FaceCollection(
                    stack,
                    "Members",
                    FaceCollectionProps.builder()
                            .collectionId("members")
                            .adoptExisting(true)
                            .build());
            // WHEN
            Tags.of(stack).add("team", "doors");
        });

        // THEN
        template.hasResourceProperties(
                FaceCollection.RESOURCE_TYPE,
                Map.of(
                        "CollectionId", "members",
                        "AdoptExisting", "true",
                        "ServiceTimeout", "300",
                        "Tags", Map.of("team", "doors")));
    }

    @Test
    void fromCollectionId_shouldGrantOnTheExistingCollection_andCreateNothing() {
        // GIVEN
        Template template = TestStacks.template(stack -> {
            IFaceCollection shared = FaceCollection.fromCollectionId(stack, "Shared", "shared-faces");
            IFaceCollection byArn = FaceCollection.fromCollectionArn(
                    stack, "ByArn", "arn:aws:rekognition:eu-west-1:111111111111:collection/other-faces");
            Role app = Role.Builder.create(stack, "App")
                    .assumedBy(new AccountRootPrincipal())
                    .build();

            // WHEN
            shared.grantIdentify(app);
            byArn.grantRead(app);
            assertThat(byArn.getCollectionId()).isEqualTo("other-faces");
        });

        // THEN
        template.resourceCountIs(FaceCollection.RESOURCE_TYPE, 0);
        template.hasResourceProperties(
                "AWS::IAM::Policy",
                Map.of(
                        "PolicyDocument",
                        Map.of(
                                "Version",
                                "2012-10-17",
                                "Statement",
                                List.of(
                                        Map.of(
                                                "Effect",
                                                "Allow",
                                                "Action",
                                                "rekognition:SearchUsersByImage",
                                                "Resource",
                                                TestStacks.regionalArn("rekognition", "collection/shared-faces")),
                                        allow(
                                                "arn:aws:rekognition:eu-west-1:111111111111:collection/other-faces",
                                                "rekognition:DescribeCollection",
                                                "rekognition:ListFaces",
                                                "rekognition:ListUsers")))));
    }

    private static Map<String, Object> allow(Object resource, String... actions) {
        return Map.of("Effect", "Allow", "Action", List.of(actions), "Resource", resource);
    }
}
