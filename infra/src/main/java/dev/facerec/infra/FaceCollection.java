package dev.facerec.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * An Amazon Rekognition face collection, as a custom resource ({@code Custom::FaceCollection}) backed by the
 * library's own Java function: Create makes the collection (or adopts an existing one of that id), a new
 * {@code collectionId} creates a new collection, Delete removes it only under {@code RemovalPolicy.DESTROY}. The
 * attributes {@code Arn} and {@code FaceModelVersion} come from Rekognition.
 *
 * <p>The grants are scoped to this collection's ARN; only {@link #grantDetectFaces(IGrantable)} needs
 * {@code Resource: *}, because DetectFaces works on no collection.
 */
public final class FaceCollection extends Construct {

    /** The CloudFormation type of the custom resource. */
    public static final String RESOURCE_TYPE = "Custom::FaceCollection";

    static final List<String> INDEX_ACTIONS = List.of(
            "rekognition:IndexFaces", "rekognition:CreateUser", "rekognition:AssociateFaces");
    static final List<String> SEARCH_ACTIONS = List.of(
            "rekognition:SearchFaces", "rekognition:SearchFacesByImage",
            "rekognition:SearchUsers", "rekognition:SearchUsersByImage");
    static final List<String> IDENTIFY_ACTIONS = List.of("rekognition:SearchUsersByImage");
    static final List<String> DELETE_ACTIONS = List.of("rekognition:ListFaces",
            "rekognition:DisassociateFaces", "rekognition:DeleteFaces", "rekognition:DeleteUser");
    static final List<String> READ_ACTIONS = List.of(
            "rekognition:DescribeCollection", "rekognition:ListFaces", "rekognition:ListUsers");
    static final List<String> MANAGE_ACTIONS = List.of(
            "rekognition:CreateCollection", "rekognition:DescribeCollection", "rekognition:DeleteCollection");
    static final List<String> DETECT_ACTIONS = List.of("rekognition:DetectFaces");

    private final String collectionArn;
    private final CustomResource resource;

    public FaceCollection(Construct scope, String id, FaceCollectionProps props) {
        super(scope, id);
        String collectionId = props.getCollectionId();
        if (!Token.isUnresolved(collectionId) && !ResolvedProps.COLLECTION_ID.matcher(collectionId).matches()) {
            throw new IllegalArgumentException(
                    "collectionId must match [a-zA-Z0-9_.-]{1,255}, got '" + collectionId + "'");
        }
        RemovalPolicy removalPolicy = props.getRemovalPolicy() == null ? RemovalPolicy.RETAIN : props.getRemovalPolicy();
        if (removalPolicy != RemovalPolicy.RETAIN && removalPolicy != RemovalPolicy.DESTROY) {
            throw new IllegalArgumentException("removalPolicy must be RETAIN or DESTROY, got " + removalPolicy);
        }
        this.collectionArn = Stack.of(this).formatArn(ArnComponents.builder()
                .service("rekognition")
                .resource("collection")
                .resourceName(collectionId)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
        CollectionProvider provider = CollectionProvider.of(this);
        grant(provider.getFunction().getRole(), MANAGE_ACTIONS);
        this.resource = CustomResource.Builder.create(this, "Resource")
                .resourceType(RESOURCE_TYPE)
                .serviceToken(provider.getFunction().getFunction().getFunctionArn())
                .properties(Map.of(
                        "CollectionId", collectionId,
                        "RemovalPolicy", removalPolicy == RemovalPolicy.DESTROY ? "destroy" : "retain"))
                .removalPolicy(removalPolicy)
                .build();
        // The function's policy must exist before CloudFormation asks it to create the collection.
        resource.getNode().addDependency(provider.getFunction().getRole());
    }

    /** The collection id (the custom resource's physical id); referencing it orders after the creation. */
    public String getCollectionId() {
        return resource.getRef();
    }

    /** The collection ARN, as Rekognition reports it. */
    public String getCollectionArn() {
        return resource.getAttString("Arn");
    }

    /** The face model version the collection was created with: re-indexing needs the original images. */
    public String getFaceModelVersion() {
        return resource.getAttString("FaceModelVersion");
    }

    /** Enrolment: IndexFaces, CreateUser and AssociateFaces on this collection. */
    public Grant grantIndex(IGrantable grantee) {
        return grant(grantee, INDEX_ACTIONS);
    }

    /** Identification: SearchFaces, SearchFacesByImage, SearchUsers and SearchUsersByImage on this collection. */
    public Grant grantSearch(IGrantable grantee) {
        return grant(grantee, SEARCH_ACTIONS);
    }

    /**
     * Identification of the faces in a photo against the collection's users: SearchUsersByImage only, on this
     * collection. What the recognition function needs; {@link #grantSearch(IGrantable)} is the broader choice.
     */
    public Grant grantIdentify(IGrantable grantee) {
        return grant(grantee, IDENTIFY_ACTIONS);
    }

    /**
     * Erasure: ListFaces (to find the faces of an image by their ExternalImageId, e.g. those an interrupted
     * enrolment did not record), DisassociateFaces, DeleteFaces and DeleteUser on this collection.
     */
    public Grant grantDelete(IGrantable grantee) {
        return grant(grantee, DELETE_ACTIONS);
    }

    /** Inspection: DescribeCollection, ListFaces and ListUsers on this collection. */
    public Grant grantRead(IGrantable grantee) {
        return grant(grantee, READ_ACTIONS);
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

    private Grant grant(IGrantable grantee, List<String> actions) {
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(actions)
                .resourceArns(List.of(collectionArn))
                .build());
    }
}
