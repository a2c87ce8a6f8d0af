package dev.facerec.infra;

import software.constructs.Construct;

/** A collection that exists outside this app: nothing is created, only grants on its ARN. */
final class ImportedFaceCollection extends FaceCollectionBase {

    private final String collectionId;
    private final String collectionArn;

    ImportedFaceCollection(Construct scope, String id, String collectionId, String collectionArn) {
        super(scope, id);
        this.collectionId = collectionId;
        this.collectionArn = collectionArn;
    }

    @Override
    public String getCollectionId() {
        return collectionId;
    }

    @Override
    public String getCollectionArn() {
        return collectionArn;
    }
}
