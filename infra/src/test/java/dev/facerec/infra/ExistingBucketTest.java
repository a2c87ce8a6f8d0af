package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.IBucket;

/** A consumer's stack using the construct twice, on buckets it imports (one by name, one with its KMS key). */
class ExistingBucketTest {

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = TestStacks.existingBucketTemplate();
    }

    @Test
    void construct_shouldCreateNoBucket_whenGivenAnExistingOne() {
        template.resourceCountIs("AWS::S3::Bucket", 0);
        template.resourceCountIs("AWS::S3::BucketPolicy", 0);
    }

    @Test
    void getBucket_shouldReturnTheGivenBucket_whenGivenAnExistingOne() {
        // GIVEN a bucket imported by name
        Stack stack = new Stack(new App(), "Consumer");
        IBucket imported = Bucket.fromBucketName(stack, "Imported", TestStacks.EXISTING_BUCKET);

        // WHEN
        FaceRecognition faces = new FaceRecognition(
                stack,
                "Faces",
                FaceRecognitionProps.builder().existingBucket(imported).build());

        // THEN
        assertThat(faces.getBucket()).isSameAs(imported);
    }

    @Test
    void notifications_shouldTargetTheImportedBucketWithItsPrefixes_withoutReplacingOtherNotifications() {
        String indexFunction = TestStacks.logicalId(
                template,
                "AWS::Lambda::Function",
                Map.of(
                        "Handler",
                        FaceRecognition.INDEX_HANDLER,
                        "Environment",
                        Map.of("Variables", Match.objectLike(Map.of("ENROLL_PREFIX", "people/")))));
        Map<?, ?> mapping = (Map<?, ?>) template.findResources(
                        "AWS::Lambda::EventSourceMapping",
                        Map.of("Properties", Match.objectLike(Map.of("FunctionName", Map.of("Ref", indexFunction)))))
                .values()
                .iterator()
                .next()
                .get("Properties");
        Object index = ((List<?>) ((Map<?, ?>) mapping.get("EventSourceArn")).get("Fn::GetAtt")).get(0);
        template.hasResourceProperties(
                "Custom::S3BucketNotifications",
                Map.of(
                        "BucketName",
                        TestStacks.EXISTING_BUCKET,
                        "Managed",
                        false,
                        "NotificationConfiguration",
                        Map.of(
                                "QueueConfigurations",
                                List.of(
                                        Match.objectLike(Map.of(
                                                "Events",
                                                List.of("s3:ObjectCreated:*"),
                                                "QueueArn",
                                                Map.of("Fn::GetAtt", List.of(index, "Arn")),
                                                "Filter",
                                                Map.of(
                                                        "Key",
                                                        Map.of(
                                                                "FilterRules",
                                                                List.of(Map.of(
                                                                        "Name", "prefix", "Value", "people/")))))),
                                        Match.objectLike(Map.of("Events", List.of("s3:ObjectRemoved:*"))),
                                        Match.objectLike(Map.of("Events", List.of("s3:ObjectCreated:*"))),
                                        Match.objectLike(Map.of("Events", List.of("s3:ObjectRemoved:*"))),
                                        Match.objectLike(Map.of(
                                                "Events",
                                                List.of("s3:ObjectCreated:*"),
                                                "Filter",
                                                Map.of(
                                                        "Key",
                                                        Map.of(
                                                                "FilterRules",
                                                                List.of(Map.of(
                                                                        "Name", "prefix", "Value", "inbox/"))))))))));
    }

    @Test
    void functions_shouldReceiveTheCustomPrefixesAndCollection() {
        TestStacks.hasFunctionEnvironment(
                template,
                FaceRecognition.RECOGNIZE_HANDLER,
                Map.of(
                        "ENROLL_PREFIX", "people/",
                        "RECOGNIZE_PREFIX", "inbox/",
                        "RESULTS_PREFIX", "outbox/"));
        template.hasResourceProperties(FaceCollection.RESOURCE_TYPE, Map.of("CollectionId", "photos-faces"));
        template.hasResourceProperties(FaceCollection.RESOURCE_TYPE, Map.of("CollectionId", "tenant-faces"));
    }

    @Test
    void roles_shouldReadAndWriteUnderThePrefixesOfTheImportedBucket() {
        TestStacks.hasPolicyStatement(
                template,
                Map.of(
                        "Action", List.of("s3:GetObject", "s3:GetObjectVersion"),
                        "Resource", TestStacks.partitionArn(":s3:::" + TestStacks.EXISTING_BUCKET + "/people/*")));
        TestStacks.hasPolicyStatement(
                template,
                Map.of(
                        "Action",
                        "s3:PutObject",
                        "Resource",
                        TestStacks.partitionArn(":s3:::" + TestStacks.EXISTING_BUCKET + "/outbox/*")));
    }

    @Test
    void roles_shouldUseTheImportedKey_whenTheBucketIsKmsEncrypted() {
        // Rekognition reads the photos with the caller's rights, so the functions decrypt them themselves.
        TestStacks.hasPolicyStatement(template, Map.of("Action", "kms:Decrypt", "Resource", TestStacks.KEY_ARN));
        // A result is one single-request PutObject: a data key, no kms:Decrypt (that is for multipart uploads).
        TestStacks.hasPolicyStatement(
                template, Map.of("Action", "kms:GenerateDataKey", "Resource", TestStacks.KEY_ARN));
        assertThat(kmsActions()).containsOnly("kms:Decrypt", "kms:GenerateDataKey");
    }

    @Test
    void collections_shouldShareOneProviderFunction_grantedBothCollections() {
        template.resourcePropertiesCountIs("AWS::Lambda::Function", Map.of("Handler", CollectionProvider.HANDLER), 1);
        template.resourceCountIs(FaceCollection.RESOURCE_TYPE, 2);
        for (String collectionId : List.of("photos-faces", "tenant-faces")) {
            TestStacks.hasPolicyStatement(
                    template,
                    Map.of(
                            "Action",
                            FaceCollectionBase.MANAGE_ACTIONS,
                            "Resource",
                            Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(":collection/" + collectionId))))));
        }
    }

    private static List<String> kmsActions() {
        return template.findResources("AWS::IAM::Policy").values().stream()
                .map(policy -> (Map<?, ?>) ((Map<?, ?>) policy.get("Properties")).get("PolicyDocument"))
                .flatMap(document -> ((List<?>) document.get("Statement")).stream())
                .map(statement -> ((Map<?, ?>) statement).get("Action"))
                .flatMap(action -> action instanceof List<?> list ? list.stream() : java.util.stream.Stream.of(action))
                .map(String.class::cast)
                .filter(action -> action.startsWith("kms:"))
                .toList();
    }
}
