package dev.facerec.infra;

import java.util.List;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/** The grants every {@link IFaceCollection} shares, each scoped to the collection's ARN; the action lists live here. */
public abstract class FaceCollectionBase extends Construct implements IFaceCollection {

    static final List<String> INDEX_ACTIONS =
            List.of("rekognition:IndexFaces", "rekognition:CreateUser", "rekognition:AssociateFaces");
    static final List<String> SEARCH_ACTIONS = List.of(
            "rekognition:SearchFaces", "rekognition:SearchFacesByImage",
            "rekognition:SearchUsers", "rekognition:SearchUsersByImage");
    static final List<String> IDENTIFY_ACTIONS = List.of("rekognition:SearchUsersByImage");
    static final List<String> DELETE_ACTIONS = List.of(
            "rekognition:ListFaces",
            "rekognition:DisassociateFaces",
            "rekognition:DeleteFaces",
            "rekognition:DeleteUser");
    static final List<String> READ_ACTIONS =
            List.of("rekognition:DescribeCollection", "rekognition:ListFaces", "rekognition:ListUsers");
    /**
     * What the custom resource needs on the collection: its life cycle and its tags (the owner mark among them).
     * CreateCollection is not among them: it takes no resource (see {@link #grantCreateCollection}).
     */
    static final List<String> MANAGE_ACTIONS = List.of(
            "rekognition:DescribeCollection",
            "rekognition:DeleteCollection",
            "rekognition:ListTagsForResource",
            "rekognition:TagResource",
            "rekognition:UntagResource");

    protected FaceCollectionBase(Construct scope, String id) {
        super(scope, id);
    }

    @Override
    public Grant grantIndex(IGrantable grantee) {
        return grant(grantee, INDEX_ACTIONS);
    }

    @Override
    public Grant grantSearch(IGrantable grantee) {
        return grant(grantee, SEARCH_ACTIONS);
    }

    @Override
    public Grant grantIdentify(IGrantable grantee) {
        return grant(grantee, IDENTIFY_ACTIONS);
    }

    /**
     * Erasure: ListFaces (to find the faces of an image by their ExternalImageId, e.g. those an interrupted
     * enrolment did not record), DisassociateFaces, DeleteFaces and DeleteUser on this collection.
     */
    @Override
    public Grant grantDelete(IGrantable grantee) {
        return grant(grantee, DELETE_ACTIONS);
    }

    @Override
    public Grant grantRead(IGrantable grantee) {
        return grant(grantee, READ_ACTIONS);
    }

    /**
     * CreateCollection, which the Service Authorization Reference lists with no resource type (only the
     * {@code aws:RequestTag} and {@code aws:TagKeys} condition keys): IAM matches it against {@code Resource: *} only,
     * so a statement naming the collection's ARN would never allow it.
     */
    static Grant grantCreateCollection(IGrantable grantee) {
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of("rekognition:CreateCollection"))
                .resourceArns(List.of("*"))
                .build());
    }

    /** The ARN the grants name. */
    String policyArn() {
        return getCollectionArn();
    }

    Grant grant(IGrantable grantee, List<String> actions) {
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(actions)
                .resourceArns(List.of(policyArn()))
                .build());
    }
}
