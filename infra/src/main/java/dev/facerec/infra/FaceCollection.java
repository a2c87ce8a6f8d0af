package dev.facerec.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.IStableAnyProducer;
import software.amazon.awscdk.ITaggable;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.TagManager;
import software.amazon.awscdk.TagType;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * An Amazon Rekognition face collection, as a custom resource ({@code Custom::FaceCollection}) backed by the
 * library's own Java function: Create makes the collection, tagged as this resource's (a collection of that id that
 * it did not make is refused unless {@code adoptExisting}), a new {@code collectionId} creates a new collection,
 * Delete removes it only under {@code RemovalPolicy.DESTROY} and only if this resource made it. The attributes
 * {@code Arn} and {@code FaceModelVersion} come from Rekognition. {@code Tags.of(...)} reaches the collection.
 *
 * <p>The grants are scoped to this collection's ARN; only {@link #grantDetectFaces(IGrantable)} needs
 * {@code Resource: *}, because DetectFaces works on no collection.
 */
public final class FaceCollection extends FaceCollectionBase implements ITaggable {

    /** The CloudFormation type of the custom resource. */
    public static final String RESOURCE_TYPE = "Custom::FaceCollection";

    static final List<String> DETECT_ACTIONS = List.of("rekognition:DetectFaces");
    /** How long CloudFormation waits for the function's answer (the function itself times out after 1 minute). */
    static final Duration SERVICE_TIMEOUT = Duration.minutes(5);

    private final String collectionArn;
    private final CustomResource resource;
    private final TagManager tags = new TagManager(TagType.MAP, RESOURCE_TYPE);

    /** A collection with every default: a unique id, retained when it leaves the stack. */
    public FaceCollection(Construct scope, String id) {
        this(scope, id, FaceCollectionProps.builder().build());
    }

    public FaceCollection(Construct scope, String id, FaceCollectionProps props) {
        super(scope, id);
        String collectionId = props.getCollectionId() != null ? props.getCollectionId() : CollectionIds.defaultId(this);
        RemovalPolicy removalPolicy =
                props.getRemovalPolicy() == null ? RemovalPolicy.RETAIN : props.getRemovalPolicy();
        check(collectionId, removalPolicy);
        CollectionIds.claim(this, collectionId);
        this.collectionArn = arnOf(this, collectionId);
        CollectionProvider provider = CollectionProvider.of(this);
        grant(provider.getFunction().getRole(), MANAGE_ACTIONS);
        grantCreateCollection(provider.getFunction().getRole());
        Map<String, Object> properties = new HashMap<>();
        properties.put("CollectionId", collectionId);
        properties.put("RemovalPolicy", removalPolicy == RemovalPolicy.DESTROY ? "destroy" : "retain");
        if (Boolean.TRUE.equals(props.getAdoptExisting())) {
            properties.put("AdoptExisting", "true");
        }
        IStableAnyProducer renderedTags = () -> tags.renderTags();
        properties.put("Tags", Lazy.any(renderedTags));
        this.resource = CustomResource.Builder.create(this, "Resource")
                .resourceType(RESOURCE_TYPE)
                .serviceToken(provider.getFunction().getFunction().getFunctionArn())
                .serviceTimeout(SERVICE_TIMEOUT)
                .properties(properties)
                .removalPolicy(removalPolicy)
                .build();
        // The function's policy must exist before CloudFormation asks it to create the collection.
        resource.getNode().addDependency(provider.getFunction().getRole());
    }

    /** An existing collection, by id, in this stack's account and region: grants only, nothing is created. */
    public static IFaceCollection fromCollectionId(Construct scope, String id, String collectionId) {
        return new ImportedFaceCollection(scope, id, collectionId, arnOf(scope, collectionId));
    }

    /** An existing collection, by ARN ({@code arn:<partition>:rekognition:<region>:<account>:collection/<id>}). */
    public static IFaceCollection fromCollectionArn(Construct scope, String id, String collectionArn) {
        String collectionId =
                Arn.split(collectionArn, ArnFormat.SLASH_RESOURCE_NAME).getResourceName();
        return new ImportedFaceCollection(scope, id, collectionId, collectionArn);
    }

    /** The collection id (the custom resource's physical id); referencing it orders after the creation. */
    @Override
    public String getCollectionId() {
        return resource.getRef();
    }

    /** The collection ARN, as Rekognition reports it. */
    @Override
    public String getCollectionArn() {
        return resource.getAttString("Arn");
    }

    /** Grants name the ARN built from the id, so that a policy does not wait for the collection. */
    @Override
    String policyArn() {
        return collectionArn;
    }

    /** The face model version the collection was created with: re-indexing needs the original images. */
    public String getFaceModelVersion() {
        return resource.getAttString("FaceModelVersion");
    }

    /** The collection's tags, as {@code Tags.of(...)} sets them; rendered into the custom resource's properties. */
    @Override
    public TagManager getTags() {
        return tags;
    }

    /**
     * DetectFaces, which reads an image without any collection, so IAM only accepts {@code Resource: *} for it.
     * Needed to find every face of a group photo before searching each.
     */
    public static Grant grantDetectFaces(IGrantable grantee) {
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(DETECT_ACTIONS)
                .resourceArns(List.of("*"))
                .build());
    }

    private void check(String collectionId, RemovalPolicy removalPolicy) {
        List<String> problems = new ArrayList<>();
        checkCollectionId(collectionId, problems);
        checkRemovalPolicy(removalPolicy, problems);
        if (!problems.isEmpty()) {
            throw InvalidProps.of("FaceCollectionProps", getNode().getPath(), problems);
        }
    }

    /** A collection id Rekognition accepts; an absent or unresolved one is not checked. */
    static void checkCollectionId(String collectionId, List<String> problems) {
        if (collectionId != null
                && !Token.isUnresolved(collectionId)
                && !ResolvedProps.COLLECTION_ID.matcher(collectionId).matches()) {
            problems.add("collectionId must match [a-zA-Z0-9_.-]{1,255}, got '" + collectionId + "'");
        }
    }

    /** RETAIN or DESTROY: the collection holds biometric data, nothing in between makes sense for it. */
    static void checkRemovalPolicy(RemovalPolicy removalPolicy, List<String> problems) {
        if (removalPolicy != RemovalPolicy.RETAIN && removalPolicy != RemovalPolicy.DESTROY) {
            problems.add("removalPolicy must be RETAIN or DESTROY, got " + removalPolicy);
        }
    }

    private static String arnOf(Construct scope, String collectionId) {
        return Stack.of(scope)
                .formatArn(ArnComponents.builder()
                        .service("rekognition")
                        .resource("collection")
                        .resourceName(collectionId)
                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                        .build());
    }
}
