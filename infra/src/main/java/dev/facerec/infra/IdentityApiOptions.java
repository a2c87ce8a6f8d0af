package dev.facerec.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;

/**
 * The identity API of {@link FaceRecognition} ({@link FaceRecognitionProps#getIdentityApi()}): an API Gateway HTTP
 * API for synchronous verification (1:1), identification (1:N) and people management (see docs/api.md). Every route
 * is IAM-authorised (SigV4) unless {@link #getJwtIssuer()} is set, which puts a JWT authorizer (Cognito or any OIDC
 * issuer) in front of every route instead. Off unless set: it opens an HTTPS endpoint that can identify anyone
 * enrolled from one photo and erase people, which each deployment should choose (and grant) deliberately.
 */
public final class IdentityApiOptions {

    /** Default of {@link #getVerificationThreshold()}: AWS's advice for identity verification. */
    public static final double DEFAULT_VERIFICATION_THRESHOLD = 99;
    /** Default of {@link #getThrottlingRateLimit()}, requests per second. */
    public static final double DEFAULT_RATE_LIMIT = 10;
    /** Default of {@link #getThrottlingBurstLimit()}. */
    public static final int DEFAULT_BURST_LIMIT = 20;
    /** Default of {@link #getUploadUrlTtl()}. */
    public static final Duration DEFAULT_UPLOAD_URL_TTL = Duration.minutes(15);

    private final Number verificationThreshold;
    private final String jwtIssuer;
    private final List<String> jwtAudience;
    private final Number throttlingRateLimit;
    private final Number throttlingBurstLimit;
    private final Duration uploadUrlTtl;
    private final LivenessOptions liveness;
    private final List<String> corsAllowedOrigins;

    private IdentityApiOptions(Builder builder) {
        this.verificationThreshold = builder.verificationThreshold;
        this.jwtIssuer = builder.jwtIssuer;
        this.jwtAudience = builder.jwtAudience;
        this.throttlingRateLimit = builder.throttlingRateLimit;
        this.throttlingBurstLimit = builder.throttlingBurstLimit;
        this.uploadUrlTtl = builder.uploadUrlTtl;
        this.liveness = builder.liveness;
        this.corsAllowedOrigins = builder.corsAllowedOrigins;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The similarity (percent) the claimed person's user must reach for {@code verified: true}; no other person may
     * score higher either. Lower it only knowing the false-accept rate it brings.
     *
     * @default 99
     */
    public Number getVerificationThreshold() {
        return verificationThreshold;
    }

    /**
     * The issuer ({@code iss}) of a JWT authorizer; with it, every route needs a bearer token of that issuer for one
     * of {@link #getJwtAudience()} instead of a SigV4 signature. For Cognito:
     * {@code https://cognito-idp.<region>.amazonaws.com/<userPoolId>}.
     *
     * @default - IAM authorisation (SigV4) on every route
     */
    public String getJwtIssuer() {
        return jwtIssuer;
    }

    /** The accepted audiences ({@code aud} or {@code client_id}) of the JWT authorizer; required with the issuer. */
    public List<String> getJwtAudience() {
        return jwtAudience;
    }

    /**
     * Steady-state requests per second the stage lets through (every route); keep it at or under the account's
     * Rekognition TPS for SearchUsersByImage (an identify call makes one search per face).
     *
     * @default 10
     */
    public Number getThrottlingRateLimit() {
        return throttlingRateLimit;
    }

    /**
     * Requests the stage lets through at once above the rate.
     *
     * @default 20
     */
    public Number getThrottlingBurstLimit() {
        return throttlingBurstLimit;
    }

    /**
     * How long a presigned upload URL ({@code POST /people/{personId}/photos}) works: 1 second to 7 days (SigV4's
     * limit; a URL signed with the function's temporary credentials also stops working when they expire).
     *
     * @default 15 minutes
     */
    public Duration getUploadUrlTtl() {
        return uploadUrlTtl;
    }

    /**
     * Liveness as a second factor: Face Liveness sessions and {@code POST /people/{personId}/verify-live}.
     *
     * @default - off
     */
    public LivenessOptions getLiveness() {
        return liveness;
    }

    /**
     * Browser origins allowed to call the API (CORS), e.g. the origin serving the liveness example page; API Gateway
     * then answers preflight requests itself. The API's authorisation still applies to every call.
     *
     * @default - none: no CORS, callers are servers, apps or pages served from the API's own domain
     */
    public List<String> getCorsAllowedOrigins() {
        return corsAllowedOrigins;
    }

    /** The HTTP API's preflight settings, or {@code null} without allowed origins. */
    CorsPreflightOptions corsPreflight() {
        if (corsAllowedOrigins == null || corsAllowedOrigins.isEmpty()) {
            return null;
        }
        return CorsPreflightOptions.builder()
                .allowOrigins(corsAllowedOrigins)
                .allowMethods(
                        List.of(CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE))
                .allowHeaders(List.of("authorization", "content-type", "x-amz-date", "x-amz-security-token"))
                .maxAge(Duration.hours(1))
                .build();
    }

    /** Builds {@link IdentityApiOptions}; every setter is optional. */
    public static final class Builder {
        private Number verificationThreshold;
        private String jwtIssuer;
        private List<String> jwtAudience;
        private Number throttlingRateLimit;
        private Number throttlingBurstLimit;
        private Duration uploadUrlTtl;
        private LivenessOptions liveness;
        private List<String> corsAllowedOrigins;

        private Builder() {}

        /** @see IdentityApiOptions#getVerificationThreshold() */
        public Builder verificationThreshold(Number value) {
            this.verificationThreshold = value;
            return this;
        }

        /** @see IdentityApiOptions#getJwtIssuer() */
        public Builder jwtIssuer(String value) {
            this.jwtIssuer = value;
            return this;
        }

        /** @see IdentityApiOptions#getJwtAudience() */
        public Builder jwtAudience(List<String> value) {
            this.jwtAudience = value;
            return this;
        }

        /** @see IdentityApiOptions#getThrottlingRateLimit() */
        public Builder throttlingRateLimit(Number value) {
            this.throttlingRateLimit = value;
            return this;
        }

        /** @see IdentityApiOptions#getThrottlingBurstLimit() */
        public Builder throttlingBurstLimit(Number value) {
            this.throttlingBurstLimit = value;
            return this;
        }

        /** @see IdentityApiOptions#getUploadUrlTtl() */
        public Builder uploadUrlTtl(Duration value) {
            this.uploadUrlTtl = value;
            return this;
        }

        /** @see IdentityApiOptions#getLiveness() */
        public Builder liveness(LivenessOptions value) {
            this.liveness = value;
            return this;
        }

        /** @see IdentityApiOptions#getCorsAllowedOrigins() */
        public Builder corsAllowedOrigins(List<String> value) {
            this.corsAllowedOrigins = value;
            return this;
        }

        public IdentityApiOptions build() {
            return new IdentityApiOptions(this);
        }
    }
}
