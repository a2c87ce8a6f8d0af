package dev.facerec.infra;

import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The collections of a pipeline with a collection per tenant: {@code <prefix>-<tenantId>}, created by the enrolment
 * function on a tenant's first photo. Nothing is created at deploy time; the id is the prefix, the ARN the pattern
 * {@code …:collection/<prefix>-*}, and the grants reach every tenant's collection and nothing else.
 */
final class TenantCollections extends FaceCollectionBase {

    static final List<String> ERASE_ACTIONS = List.of("rekognition:DeleteCollection");

    private final String prefix;
    private final String pattern;

    TenantCollections(Construct scope, String id, String prefix) {
        super(scope, id);
        this.prefix = prefix != null ? prefix : CollectionIds.defaultId(this);
        CollectionIds.claim(this, this.prefix);
        this.pattern = Stack.of(this)
                .formatArn(ArnComponents.builder()
                        .service("rekognition")
                        .resource("collection")
                        .resourceName(this.prefix + "-*")
                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                        .build());
    }

    /** The prefix of the tenants' collection ids. */
    @Override
    public String getCollectionId() {
        return prefix;
    }

    /** The ARN pattern of every tenant's collection. */
    @Override
    public String getCollectionArn() {
        return pattern;
    }

    /** CreateCollection, for a tenant's first enrolment: {@code Resource: *}, the only form IAM accepts for it. */
    Grant grantCreate(IGrantable grantee) {
        return grantCreateCollection(grantee);
    }

    /** DeleteCollection, for tenant erasure. */
    Grant grantErase(IGrantable grantee) {
        return grant(grantee, ERASE_ACTIONS);
    }

    @Override
    Grant grant(IGrantable grantee, List<String> actions) {
        Grant grant = super.grant(grantee, actions);
        IConstruct policy =
                grantee instanceof IConstruct construct ? construct.getNode().tryFindChild("DefaultPolicy") : null;
        if (policy != null && !Token.isUnresolved(prefix)) {
            NagSuppressions.add(
                    policy,
                    "AwsSolutions-IAM5",
                    "A collection per tenant: " + String.join(", ", actions) + " only on collections whose id starts"
                            + " with this pipeline's prefix '" + prefix + "-'.",
                    NagSuppressions.regex("^Resource::.*:collection/" + NagSuppressions.quote(prefix) + "-\\*$"));
        }
        return grant;
    }
}
