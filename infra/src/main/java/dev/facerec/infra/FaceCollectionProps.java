package dev.facerec.infra;

import software.amazon.awscdk.RemovalPolicy;

/** Properties of {@link FaceCollection}; build with {@link #builder()}. */
public final class FaceCollectionProps {

    private final String collectionId;
    private final RemovalPolicy removalPolicy;
    private final Boolean adoptExisting;

    private FaceCollectionProps(Builder builder) {
        this.collectionId = builder.collectionId;
        this.removalPolicy = builder.removalPolicy;
        this.adoptExisting = builder.adoptExisting;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The Rekognition collection id ({@code [a-zA-Z0-9_.-]{1,255}}), unique in the account and region. Changing it
     * creates a new, empty collection; the old one is deleted only under {@code RemovalPolicy.DESTROY}. A
     * collection that already exists with this id fails the deployment unless {@link #getAdoptExisting()}; two
     * collections of one app with the same id fail synth.
     *
     * @default - unique to this construct and stable across deploys: its path in the app with a hash
     */
    public String getCollectionId() {
        return collectionId;
    }

    /**
     * {@code RETAIN} keeps the collection (and the face vectors in it) when it leaves the stack; {@code DESTROY}
     * deletes it.
     *
     * @default RemovalPolicy.RETAIN - the collection holds biometric data, which must not disappear by accident
     */
    public RemovalPolicy getRemovalPolicy() {
        return removalPolicy;
    }

    /**
     * Whether deploying may take over a collection of this id that this resource did not create (one kept by a
     * deleted stack, or made by hand). Its faces keep their ids, but no row of this stack's table describes them:
     * recognition can name their users, and nothing in this stack erases them. Prefer a new collection and
     * re-enrolment; to use a collection without managing it, import it with
     * {@link FaceCollection#fromCollectionId}.
     *
     * @default false - an existing collection fails the deployment, naming the way out
     */
    public Boolean getAdoptExisting() {
        return adoptExisting;
    }

    /** Builds {@link FaceCollectionProps}. */
    public static final class Builder {
        private String collectionId;
        private RemovalPolicy removalPolicy;
        private Boolean adoptExisting;

        private Builder() {}

        /** @see FaceCollectionProps#getCollectionId() */
        public Builder collectionId(String value) {
            this.collectionId = value;
            return this;
        }

        /** @see FaceCollectionProps#getRemovalPolicy() */
        public Builder removalPolicy(RemovalPolicy value) {
            this.removalPolicy = value;
            return this;
        }

        /** @see FaceCollectionProps#getAdoptExisting() */
        public Builder adoptExisting(Boolean value) {
            this.adoptExisting = value;
            return this;
        }

        public FaceCollectionProps build() {
            return new FaceCollectionProps(this);
        }
    }
}
