package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** A pipeline with a collection per tenant: what the template holds, and what it refuses. */
class TenantCollectionsTest {

    private static final String PREFIX = "Test-Faces-Collection-B2C66C4C";

    private static Template perTenant;

    @BeforeAll
    static void synthesize() {
        perTenant = TestStacks.template(s -> new FaceRecognition(
                s,
                "Faces",
                FaceRecognitionProps.builder()
                        .collectionStrategy(CollectionStrategy.PER_TENANT)
                        .build()));
    }

    @Test
    void perTenant_shouldCreateNoCollection_andTellTheFunctionsThePrefix() {
        perTenant.resourceCountIs(FaceCollection.RESOURCE_TYPE, 0);
        TestStacks.hasFunctionEnvironment(
                perTenant,
                FaceRecognition.INDEX_HANDLER,
                Map.of("COLLECTION_ID", PREFIX, "COLLECTION_MODE", "PER_TENANT"));
    }

    @Test
    void perTenant_shouldGrantCollectionCallsOnlyOnThePrefixedCollections() {
        Map<String, Object> pattern = TestStacks.regionalArn("rekognition", "collection/" + PREFIX + "-*");
        TestStacks.hasPolicyStatement(perTenant, Map.of("Action", "rekognition:CreateCollection", "Resource", "*"));
        TestStacks.hasPolicyStatement(
                perTenant, Map.of("Action", "rekognition:SearchUsersByImage", "Resource", pattern));
        TestStacks.hasPolicyStatement(perTenant, Map.of("Action", "rekognition:DeleteCollection", "Resource", pattern));
        String json = perTenant.toJSON().toString();
        assertThat(json).doesNotContain("collection/*");
    }

    @Test
    void perTenant_shouldAddTheTenantErasureFunction_withItsScopedGrants() {
        perTenant.hasResourceProperties(
                "AWS::Lambda::Function",
                Map.of(
                        "Handler",
                        FaceRecognition.ERASURE_HANDLER,
                        "Timeout",
                        900,
                        "Environment",
                        Map.of("Variables", Match.objectLike(Map.of("COLLECTION_MODE", "PER_TENANT")))));
        TestStacks.hasPolicyStatement(
                perTenant,
                Map.of(
                        "Action",
                        "s3:ListBucketVersions",
                        "Condition",
                        Map.of("StringLike", Map.of("s3:prefix", List.of("enroll/*")))));
        TestStacks.hasPolicyStatement(
                perTenant,
                Map.of(
                        "Action",
                        List.of("dynamodb:Query", "dynamodb:BatchWriteItem", "dynamodb:PutItem"),
                        "Resource",
                        Match.arrayWith(List.of(Match.objectLike(Map.of("Fn::Join", Match.anyValue()))))));
    }

    @Test
    void perTenant_shouldIndexTheTable_byTenant() {
        perTenant.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Map.of(
                        "GlobalSecondaryIndexes",
                        Match.arrayWith(List.of(Match.objectLike(Map.of(
                                "IndexName",
                                "tenants",
                                "KeySchema",
                                List.of(
                                        Map.of("AttributeName", "tenant", "KeyType", "HASH"),
                                        Map.of("AttributeName", "pk", "KeyType", "RANGE"))))))));
    }

    @Test
    void shared_shouldHaveNoTenantIndexNorErasureFunction() {
        Template shared = TestStacks.defaultTemplate();
        shared.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Map.of(
                        "GlobalSecondaryIndexes",
                        List.of(
                                Match.objectLike(Map.of("IndexName", "gsi1")),
                                Match.objectLike(Map.of("IndexName", "retention")))));
        assertThat(shared.findResources(
                        "AWS::Lambda::Function",
                        Map.of("Properties", Map.of("Handler", FaceRecognition.ERASURE_HANDLER))))
                .isEmpty();
        TestStacks.hasFunctionEnvironment(shared, FaceRecognition.INDEX_HANDLER, Map.of("COLLECTION_MODE", "SHARED"));
    }

    @Test
    void perTenant_shouldRefuseAnExistingCollection_andATooLongPrefix() {
        assertThatThrownBy(() -> TestStacks.stack(s -> new FaceRecognition(
                        s,
                        "Faces",
                        FaceRecognitionProps.builder()
                                .collectionStrategy(CollectionStrategy.PER_TENANT)
                                .existingCollection(FaceCollection.fromCollectionId(s, "Old", "old"))
                                .build())))
                .hasMessageContaining("Test/Faces")
                .hasMessageContaining("PER_TENANT cannot be combined with existingCollection");
        assertThatThrownBy(() -> TestStacks.stack(s -> new FaceRecognition(
                        s,
                        "Faces",
                        FaceRecognitionProps.builder()
                                .collectionStrategy(CollectionStrategy.PER_TENANT)
                                .collectionId("x".repeat(201))
                                .build())))
                .hasMessageContaining("at most 200 characters, got 201");
    }
}
