package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
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
            FaceCollection collection = new FaceCollection(stack, "Members", FaceCollectionProps.builder()
                    .collectionId("members")
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .build());
            Role app = Role.Builder.create(stack, "App").assumedBy(new AccountRootPrincipal()).build();

            // WHEN
            collection.grantIndex(app);
            collection.grantSearch(app);
            collection.grantIdentify(app);
            collection.grantDelete(app);
            collection.grantRead(app);
            FaceCollection.grantDetectFaces(app);
        });

        // THEN
        template.hasResource(FaceCollection.RESOURCE_TYPE, Map.of(
                "Properties", Match.objectLike(Map.of("CollectionId", "members", "RemovalPolicy", "destroy")),
                "DeletionPolicy", "Delete",
                "UpdateReplacePolicy", "Delete"));
        Map<String, Object> members = Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                ":rekognition:", Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"),
                ":collection/members")));
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("^App"))),
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(
                        allow(members, "rekognition:IndexFaces", "rekognition:CreateUser", "rekognition:AssociateFaces"),
                        allow(members, "rekognition:SearchFaces", "rekognition:SearchFacesByImage",
                                "rekognition:SearchUsers", "rekognition:SearchUsersByImage"),
                        Map.of("Effect", "Allow", "Action", "rekognition:SearchUsersByImage", "Resource", members),
                        allow(members, "rekognition:ListFaces", "rekognition:DisassociateFaces",
                                "rekognition:DeleteFaces", "rekognition:DeleteUser"),
                        allow(members, "rekognition:DescribeCollection", "rekognition:ListFaces",
                                "rekognition:ListUsers"),
                        Map.of("Effect", "Allow", "Action", "rekognition:DetectFaces", "Resource", "*")))));
    }

    @Test
    @DisplayName("fails if the collection id has characters Rekognition rejects")
    void collection_shouldFail_whenCollectionIdIsInvalid() {
        Stack stack = new Stack(new App(), "Test");
        FaceCollectionProps props = FaceCollectionProps.builder().collectionId("faces*").build();
        assertThatThrownBy(() -> new FaceCollection(stack, "Faces", props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("collectionId must match [a-zA-Z0-9_.-]{1,255}, got 'faces*'");
    }

    @Test
    @DisplayName("fails if the removal policy is neither RETAIN nor DESTROY")
    void collection_shouldFail_whenRemovalPolicyIsSnapshot() {
        Stack stack = new Stack(new App(), "Test");
        FaceCollectionProps props = FaceCollectionProps.builder()
                .collectionId("faces")
                .removalPolicy(RemovalPolicy.SNAPSHOT)
                .build();
        assertThatThrownBy(() -> new FaceCollection(stack, "Faces", props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("removalPolicy must be RETAIN or DESTROY, got SNAPSHOT");
    }

    @Test
    @DisplayName("fails if the collection id is missing")
    void props_shouldFail_whenCollectionIdIsMissing() {
        assertThatThrownBy(() -> FaceCollectionProps.builder().build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("collectionId is required");
    }

    private static Map<String, Object> allow(Object resource, String... actions) {
        return Map.of("Effect", "Allow", "Action", List.of(actions), "Resource", resource);
    }
}
