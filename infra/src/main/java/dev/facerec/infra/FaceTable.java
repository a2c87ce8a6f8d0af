package dev.facerec.infra;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/** The table of people, faces, statuses and results (schema in docs/architecture.md). */
final class FaceTable {

    static final String PARTITION_KEY = "pk";
    static final String SORT_KEY = "sk";
    static final String INDEX_NAME = "gsi1";
    static final String INDEX_PARTITION_KEY = "gsi1pk";
    static final String INDEX_SORT_KEY = "gsi1sk";
    static final String TTL_ATTRIBUTE = "ttl";
    /** Every row of a tenant (collection per tenant only): partition {@code tenant}, sort {@code pk}. */
    static final String TENANT_INDEX = "tenants";

    static final String TENANT_ATTRIBUTE = "tenant";
    /**
     * The retention index (sparse: person rows only): partition {@code interactionMonth} ({@code INTERACTED#YYYY-MM}),
     * sort {@code lastInteractionAt} (epoch ms), projecting the person id and tenant.
     */
    static final String RETENTION_PARTITION_KEY = "interactionMonth";

    static final String RETENTION_SORT_KEY = "lastInteractionAt";
    /**
     * Tenant erasure: Query on the tenant index; BatchWriteItem deletes of the rows it finds; PutItem of the erasure
     * marker.
     */
    static final List<String> ERASURE_ACTIONS =
            List.of("dynamodb:Query", "dynamodb:BatchWriteItem", "dynamodb:PutItem");

    /**
     * What the enrolment function calls: GetItem (a person's face count, a status row, an erasure mark), UpdateItem
     * (claims, leases, statuses), and TransactWriteItems made of Put, Update, Delete and ConditionCheck items, which
     * IAM authorizes as PutItem, UpdateItem, DeleteItem and ConditionCheckItem (a claim checks the erasure marks of
     * its person and tenant in its own transaction).
     */
    static final List<String> ENROLMENT_ACTIONS = List.of(
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:ConditionCheckItem");
    /**
     * What the recognition function calls: GetItem and UpdateItem (claims, statuses), BatchGetItem (display
     * names of the people found), and TransactWriteItems of Put (mention rows, the result row), Update (the status)
     * and ConditionCheck items (the erasure mark of each person a result names), which IAM authorizes as PutItem,
     * UpdateItem and ConditionCheckItem.
     */
    static final List<String> RECOGNITION_ACTIONS = List.of(
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:ConditionCheckItem");

    private static final List<String> READ_ONLY_ACTIONS =
            List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query");

    private FaceTable() {}

    /**
     * @param tenantIndex whether to add the tenant index (a sparse index: only rows with a {@code tenant} attribute),
     *     which projects the status and lease of status rows so that an erasure can see objects in progress
     */
    static Table create(Construct scope, RemovalPolicy removalPolicy, boolean tenantIndex) {
        IKey key = DataProtection.keyOf(scope);
        Table table = Table.Builder.create(scope, "Table")
                .partitionKey(Attribute.builder()
                        .name(PARTITION_KEY)
                        .type(AttributeType.STRING)
                        .build())
                .sortKey(Attribute.builder()
                        .name(SORT_KEY)
                        .type(AttributeType.STRING)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .encryption(key == null ? TableEncryption.AWS_MANAGED : TableEncryption.CUSTOMER_MANAGED)
                .encryptionKey(key)
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .deletionProtection(removalPolicy != RemovalPolicy.DESTROY)
                .removalPolicy(removalPolicy)
                .build();
        CompliancePacks.suppressTableFindings(table);
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(INDEX_NAME)
                .partitionKey(Attribute.builder()
                        .name(INDEX_PARTITION_KEY)
                        .type(AttributeType.STRING)
                        .build())
                .sortKey(Attribute.builder()
                        .name(INDEX_SORT_KEY)
                        .type(AttributeType.STRING)
                        .build())
                .projectionType(ProjectionType.ALL)
                .build());
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(Retention.INDEX_NAME)
                .partitionKey(Attribute.builder()
                        .name(RETENTION_PARTITION_KEY)
                        .type(AttributeType.STRING)
                        .build())
                .sortKey(Attribute.builder()
                        .name(RETENTION_SORT_KEY)
                        .type(AttributeType.NUMBER)
                        .build())
                .projectionType(ProjectionType.INCLUDE)
                .nonKeyAttributes(List.of("personId", TENANT_ATTRIBUTE))
                .build());
        if (tenantIndex) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(TENANT_INDEX)
                    .partitionKey(Attribute.builder()
                            .name(TENANT_ATTRIBUTE)
                            .type(AttributeType.STRING)
                            .build())
                    .sortKey(Attribute.builder()
                            .name(PARTITION_KEY)
                            .type(AttributeType.STRING)
                            .build())
                    .projectionType(ProjectionType.INCLUDE)
                    .nonKeyAttributes(List.of("status", "leaseUntil"))
                    .build());
        }
        return table;
    }

    /** Tenant erasure's actions on the table and its tenant index, by exact ARNs. */
    static Grant grantErasure(Table table, IGrantable grantee) {
        grantKey(table, grantee, ERASURE_ACTIONS);
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(ERASURE_ACTIONS)
                .resourceArns(List.of(table.getTableArn(), table.getTableArn() + "/index/" + TENANT_INDEX))
                .build());
    }

    /**
     * Item-level {@code actions} on the table itself, by exact ARN. The functions never query the index, so it is
     * not granted (unlike {@code Table.grant}, which adds every index).
     */
    static Grant grantItems(Table table, IGrantable grantee, List<String> actions) {
        grantKey(table, grantee, actions);
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(actions)
                .resourceArns(List.of(table.getTableArn()))
                .build());
    }

    /**
     * Under a customer managed key, the caller's uses of the key for the table's items, exact actions only (what
     * {@code Table.grant*} gives, without its wildcards): kms:Decrypt and kms:DescribeKey to read; kms:Encrypt and
     * kms:GenerateDataKey as well to write.
     */
    private static void grantKey(Table table, IGrantable grantee, List<String> actions) {
        IKey key = table.getEncryptionKey();
        if (key == null) {
            return;
        }
        if (actions.stream().allMatch(READ_ONLY_ACTIONS::contains)) {
            key.grant(grantee, "kms:Decrypt", "kms:DescribeKey");
        } else {
            key.grant(grantee, "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey");
        }
    }
}
