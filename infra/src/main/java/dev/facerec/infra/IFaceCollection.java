package dev.facerec.infra;

import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.IConstruct;

/**
 * An Amazon Rekognition face collection: one this app creates ({@link FaceCollection}) or an existing one imported
 * with {@link FaceCollection#fromCollectionId} or {@link FaceCollection#fromCollectionArn}. Every grant is scoped to
 * the collection's ARN.
 */
public interface IFaceCollection extends IConstruct {

    /** The collection id. */
    String getCollectionId();

    /** The collection ARN ({@code arn:<partition>:rekognition:<region>:<account>:collection/<id>}). */
    String getCollectionArn();

    /** Enrolment: IndexFaces, CreateUser and AssociateFaces on this collection. */
    Grant grantIndex(IGrantable grantee);

    /** Identification: SearchFaces, SearchFacesByImage, SearchUsers and SearchUsersByImage on this collection. */
    Grant grantSearch(IGrantable grantee);

    /** SearchUsersByImage only, on this collection: what the recognition function needs. */
    Grant grantIdentify(IGrantable grantee);

    /** Erasure: ListFaces, DisassociateFaces, DeleteFaces and DeleteUser on this collection. */
    Grant grantDelete(IGrantable grantee);

    /** Inspection: DescribeCollection, ListFaces and ListUsers on this collection. */
    Grant grantRead(IGrantable grantee);
}
