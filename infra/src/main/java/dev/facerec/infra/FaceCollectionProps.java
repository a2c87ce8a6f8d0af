package dev.facerec.infra;

import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;

/** Properties of {@link FaceCollection}; build with {@link #builder()}. */
public final class FaceCollectionProps {

    private final String collectionId;
    private final RemovalPolicy removalPolicy;

    private FaceCollectionProps(Builder builder) {
        this.collectionId = Objects.requireNonNull(builder.collectionId, "collectionId is required");
        this.removalPolicy = builder.removalPolicy;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The Rekognition collection id ({@code [a-zA-Z0-9_.-]{1,255}}), unique in the account and region. Changing it
     * creates a new, empty collection; the old one is deleted only under {@code RemovalPolicy.DESTROY}. A
     * collection that already exists with this id is adopted as it is.
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

    /** Builds {@link FaceCollectionProps}. */
    public static final class Builder {
        private String collectionId;
        private RemovalPolicy removalPolicy;

        private Builder() {
        }

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

        public FaceCollectionProps build() {
            return new FaceCollectionProps(this);
        }
    }
}
