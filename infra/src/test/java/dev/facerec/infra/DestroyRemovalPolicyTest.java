package dev.facerec.infra;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Under RemovalPolicy.DESTROY every stateful part leaves with the stack, and deletion protection is off. */
class DestroyRemovalPolicyTest {

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = TestStacks.template(stack -> new FaceRecognition(
                stack,
                "Faces",
                FaceRecognitionProps.builder()
                        .removalPolicy(RemovalPolicy.DESTROY)
                        .build()));
    }

    @Test
    void statefulResources_shouldBeDeleted_whenDestroy() {
        for (String type : new String[] {
            "AWS::S3::Bucket",
            "AWS::DynamoDB::Table",
            "AWS::SQS::Queue",
            "AWS::Logs::LogGroup",
            FaceCollection.RESOURCE_TYPE
        }) {
            template.allResources(type, Map.of("DeletionPolicy", "Delete", "UpdateReplacePolicy", "Delete"));
        }
    }

    @Test
    void table_shouldHaveNoDeletionProtection_whenDestroy() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("DeletionProtectionEnabled", false));
    }

    @Test
    void collection_shouldAskTheProviderToDeleteIt_whenDestroy() {
        template.hasResourceProperties(
                FaceCollection.RESOURCE_TYPE, Match.objectLike(Map.of("RemovalPolicy", "destroy")));
    }
}
