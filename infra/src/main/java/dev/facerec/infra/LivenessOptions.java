package dev.facerec.infra;

import software.amazon.awscdk.Duration;

/**
 * Liveness as a second factor of the identity API ({@link IdentityApiOptions#getLiveness()}): Amazon Rekognition
 * Face Liveness sessions ({@code POST /liveness/sessions}), checked on the server before the session's reference
 * image is verified against the claimed person ({@code POST /people/{personId}/verify-live}). The reference and audit
 * images go to the photo bucket under {@link #getPrefix()}, kept {@link #getImageRetention()}. A Cognito identity
 * pool gives browsers the one permission AWS Amplify's FaceLivenessDetector needs
 * ({@code rekognition:StartFaceLivenessSession}). See docs/api.md, "Liveness".
 */
public final class LivenessOptions {

    /** Default of {@link #getConfidenceThreshold()}. */
    public static final double DEFAULT_CONFIDENCE_THRESHOLD = 90;
    /** Default of {@link #getPrefix()}. */
    public static final String DEFAULT_PREFIX = "liveness/";
    /** Default of {@link #getImageRetention()}. */
    public static final Duration DEFAULT_IMAGE_RETENTION = Duration.days(1);

    private final Number confidenceThreshold;
    private final Number auditImagesLimit;
    private final String prefix;
    private final Duration imageRetention;

    private LivenessOptions(Builder builder) {
        this.confidenceThreshold = builder.confidenceThreshold;
        this.auditImagesLimit = builder.auditImagesLimit;
        this.prefix = builder.prefix;
        this.imageRetention = builder.imageRetention;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The liveness confidence (0–100) a session needs; it is never shown to callers. AWS advises a high threshold
     * for security-sensitive uses: a lower one lets more presentation attacks through.
     *
     * @default 90
     */
    public Number getConfidenceThreshold() {
        return confidenceThreshold;
    }

    /**
     * How many audit images (0–4, best effort) Rekognition keeps of each session besides the reference image.
     *
     * @default 0 (the reference image only: the least biometric data)
     */
    public Number getAuditImagesLimit() {
        return auditImagesLimit;
    }

    /**
     * The key prefix of the sessions' images in the photo bucket; apart from the enrol, recognise and results
     * prefixes (nothing is triggered by it).
     *
     * @default "liveness/"
     */
    public String getPrefix() {
        return prefix;
    }

    /**
     * How long the sessions' images (and the rows about them) are kept: a lifecycle rule on the prefix, in whole
     * days. With {@code existingBucket}, set that rule on your bucket yourself.
     *
     * @default 1 day
     */
    public Duration getImageRetention() {
        return imageRetention;
    }

    /** Builds {@link LivenessOptions}; every setter is optional. */
    public static final class Builder {
        private Number confidenceThreshold;
        private Number auditImagesLimit;
        private String prefix;
        private Duration imageRetention;

        private Builder() {}

        /** @see LivenessOptions#getConfidenceThreshold() */
        public Builder confidenceThreshold(Number value) {
            this.confidenceThreshold = value;
            return this;
        }

        /** @see LivenessOptions#getAuditImagesLimit() */
        public Builder auditImagesLimit(Number value) {
            this.auditImagesLimit = value;
            return this;
        }

        /** @see LivenessOptions#getPrefix() */
        public Builder prefix(String value) {
            this.prefix = value;
            return this;
        }

        /** @see LivenessOptions#getImageRetention() */
        public Builder imageRetention(Duration value) {
            this.imageRetention = value;
            return this;
        }

        public LivenessOptions build() {
            return new LivenessOptions(this);
        }
    }
}
