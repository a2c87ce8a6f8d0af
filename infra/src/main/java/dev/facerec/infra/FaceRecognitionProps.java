package dev.facerec.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * Properties of {@link FaceRecognition}. Every property is optional; build with {@link #builder()}.
 *
 * <p>Checked by the construct, which reports every conflict in one error; values that are unresolved tokens are
 * not checked.
 */
public final class FaceRecognitionProps {

    /** Default of {@link #getFaceMatchThreshold()}, in percent. */
    public static final int DEFAULT_FACE_MATCH_THRESHOLD = 80;
    /** Default of {@link #getEnrollPrefix()}. */
    public static final String DEFAULT_ENROLL_PREFIX = "enroll/";
    /** Default of {@link #getRecognizePrefix()}. */
    public static final String DEFAULT_RECOGNIZE_PREFIX = "recognize/";
    /** Default of {@link #getResultsPrefix()}. */
    public static final String DEFAULT_RESULTS_PREFIX = "results/";
    /** Default of {@link #getConsentPrefix()}. */
    public static final String DEFAULT_CONSENT_PREFIX = "consent/";
    /** Default of {@link #getMaxConcurrency()}. */
    public static final int DEFAULT_MAX_CONCURRENCY = 2;
    /** Default of {@link #getMemorySize()}, in MiB. */
    public static final int DEFAULT_MEMORY_SIZE = 1024;
    /** Default of {@link #getResultRetention()}, in days. */
    public static final int DEFAULT_RESULT_RETENTION_DAYS = 30;
    /** Default of {@link #getNoncurrentVersionExpiration()}, in days. */
    public static final int DEFAULT_NONCURRENT_VERSION_DAYS = 30;

    private final IBucket existingBucket;
    private final String collectionId;
    private final CollectionStrategy collectionStrategy;
    private final IFaceCollection existingCollection;
    private final Boolean adoptExistingCollection;
    private final Number faceMatchThreshold;
    private final String enrollPrefix;
    private final String recognizePrefix;
    private final String resultsPrefix;
    private final Number maxConcurrency;
    private final Number reservedConcurrency;
    private final Number memorySize;
    private final Duration resultRetention;
    private final Duration enrolmentRetention;
    private final Duration noncurrentVersionExpiration;
    private final RetentionDays logRetention;
    private final RemovalPolicy removalPolicy;
    private final Tracing tracing;
    private final IEventBus eventBus;
    private final Boolean eventsIncludeNames;
    private final SightingsLogOptions sightingsLog;
    private final IdentityApiOptions identityApi;
    private final IKey encryptionKey;
    private final Boolean createEncryptionKey;
    private final FunctionVpcOptions vpc;
    private final Boolean requireConsent;
    private final String consentPrefix;

    private FaceRecognitionProps(Builder builder) {
        this.existingBucket = builder.existingBucket;
        this.collectionId = builder.collectionId;
        this.collectionStrategy = builder.collectionStrategy;
        this.existingCollection = builder.existingCollection;
        this.adoptExistingCollection = builder.adoptExistingCollection;
        this.faceMatchThreshold = builder.faceMatchThreshold;
        this.enrollPrefix = builder.enrollPrefix;
        this.recognizePrefix = builder.recognizePrefix;
        this.resultsPrefix = builder.resultsPrefix;
        this.maxConcurrency = builder.maxConcurrency;
        this.reservedConcurrency = builder.reservedConcurrency;
        this.memorySize = builder.memorySize;
        this.resultRetention = builder.resultRetention;
        this.enrolmentRetention = builder.enrolmentRetention;
        this.noncurrentVersionExpiration = builder.noncurrentVersionExpiration;
        this.logRetention = builder.logRetention;
        this.removalPolicy = builder.removalPolicy;
        this.tracing = builder.tracing;
        this.eventBus = builder.eventBus;
        this.eventsIncludeNames = builder.eventsIncludeNames;
        this.sightingsLog = builder.sightingsLog;
        this.identityApi = builder.identityApi;
        this.encryptionKey = builder.encryptionKey;
        this.createEncryptionKey = builder.createEncryptionKey;
        this.vpc = builder.vpc;
        this.requireConsent = builder.requireConsent;
        this.consentPrefix = builder.consentPrefix;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The bucket that receives the photos and the results, for example one imported with
     * {@code Bucket.fromBucketName}. Its own settings (encryption, versioning, access logs, lifecycle) stay its
     * owner's; a KMS key given with {@code Bucket.fromBucketAttributes} is granted to the functions.
     *
     * @default - a new bucket: encrypted, public access blocked, TLS-only, versioned, access logs to a separate
     *     bucket, old versions and results expiring (see {@link #getNoncurrentVersionExpiration()} and
     *     {@link #getResultRetention()})
     */
    public IBucket getExistingBucket() {
        return existingBucket;
    }

    /**
     * The Rekognition collection id ({@code [a-zA-Z0-9_.-]{1,255}}), unique in the account and region. Changing
     * it creates a new, empty collection: faces are not moved. A collection of that id that this construct did not
     * create fails the deployment (see {@link #getAdoptExistingCollection()}); two collections of one app with the
     * same id fail synth. Cannot be combined with {@link #getExistingCollection()}.
     *
     * @default - unique to this construct and stable across deploys: its path in the app (stack included) with a
     *     hash, so two pipelines never share a collection
     */
    public String getCollectionId() {
        return collectionId;
    }

    /**
     * One collection for everyone, or one per tenant (application user, social tagging): see
     * {@link CollectionStrategy}. Per tenant, {@link #getCollectionId()} is the prefix of the tenants' collection ids
     * ({@code <collectionId>-<tenantId>}), the functions' roles reach only collections with that prefix, and the
     * pipeline gets a tenant erasure function ({@code FaceRecognition.getTenantErasureFunction()}). Cannot be combined
     * with {@link #getExistingCollection()} or {@link #getAdoptExistingCollection()}.
     *
     * @default CollectionStrategy.SHARED
     */
    public CollectionStrategy getCollectionStrategy() {
        return collectionStrategy;
    }

    /**
     * A collection that exists outside this construct ({@code FaceCollection.fromCollectionId(...)}), used instead of
     * creating one. Its faces without rows in this construct's table are recognised but never erased by it.
     *
     * @default - a new collection is created
     */
    public IFaceCollection getExistingCollection() {
        return existingCollection;
    }

    /**
     * Whether deploying may take over an existing collection of {@link #getCollectionId()} that this construct did
     * not create (one kept by a deleted stack, or made by hand). Its faces keep their ids but have no rows in the new
     * table: recognition can name their people, and no erasure of this construct reaches them.
     *
     * @default false - an existing collection fails the deployment, naming the way out
     */
    public Boolean getAdoptExistingCollection() {
        return adoptExistingCollection;
    }

    /**
     * The similarity, in percent (0–100), a face needs to be reported as a match.
     *
     * @default 80 - Rekognition's own default; higher means fewer false matches and more missed ones
     */
    public Number getFaceMatchThreshold() {
        return faceMatchThreshold;
    }

    /**
     * Key prefix of enrolment photos ({@code <prefix><personId>/<file>}): created objects are indexed, removed
     * ones have their faces deleted.
     *
     * @default "enroll/"
     */
    public String getEnrollPrefix() {
        return enrollPrefix;
    }

    /**
     * Key prefix of photos to recognise.
     *
     * @default "recognize/"
     */
    public String getRecognizePrefix() {
        return recognizePrefix;
    }

    /**
     * Key prefix the recognition results are written under. It must not overlap a triggering prefix: a result
     * written there would trigger a function again.
     *
     * @default "results/"
     */
    public String getResultsPrefix() {
        return resultsPrefix;
    }

    /**
     * The most invocations of each of the two queue-fed functions that run at once (the SQS event source mapping's
     * {@code ScalingConfig.MaximumConcurrency}, 2–1000): the cap that keeps Rekognition calls under the account's TPS
     * quota (5 per second for IndexFaces and the searches in most regions). Excess S3 events wait in the function's
     * queue (kept 14 days); no concurrency is reserved for it, so it deploys on a new account whose Lambda
     * concurrency limit is 10. See docs/construct.md, "Capacity".
     *
     * @default 2 (or {@link #getReservedConcurrency()} when that alone is set)
     */
    public Number getMaxConcurrency() {
        return maxConcurrency;
    }

    /**
     * Optional reserved concurrency of each of the two queue-fed functions (1–1000): guarantees them that many
     * executions in a busy account. It is not the cap on Rekognition calls ({@link #getMaxConcurrency()} is) and
     * must be at least {@code maxConcurrency}, otherwise Lambda throttles the event source mapping. Reserving fails
     * the deploy on an account whose concurrency limit leaves less than 100 unreserved (new accounts: limit 10).
     *
     * @default none
     */
    public Number getReservedConcurrency() {
        return reservedConcurrency;
    }

    /**
     * Memory of the two functions, in MiB (512–10240). What each needs, measured: enrolment decodes no pixel (it
     * reads headers in 64 KiB blocks), so its heap stays small; recognition decodes the photo (at most 3000 px on
     * the longest side) and crops every face: the worst accepted photo (a 16-bit RGBA PNG) needs up to 128 MB of
     * heap (measured: it fails with 96), a rotated JPEG another 36 MB for its turned copy, and the JVM's class
     * metadata and threads come on top — hence the 512 MiB floor. Above that, memory buys CPU: Lambda
     * gives CPU in proportion (one vCPU at 1769 MiB), and both functions spend their cold start loading classes
     * and building SDK clients, and recognition then decodes and re-encodes JPEG, all CPU-bound: 1024 MiB (about
     * 0.6 vCPU) keeps the cold start short.
     *
     * @default 1024
     */
    public Number getMemorySize() {
        return memorySize;
    }

    /**
     * How long a recognition result lives, in whole days: the result row's DynamoDB TTL and, on a bucket the
     * construct creates, the expiration of the result objects. Results name the people found in a photo: keep them
     * no longer than needed.
     *
     * @default Duration.days(30)
     */
    public Duration getResultRetention() {
        return resultRetention;
    }

    /**
     * How long a person is kept after their last enrolment or verification, in whole days: a daily schedule erases
     * people past it, completely and with a receipt (docs/construct.md, "Retention and erasure").
     *
     * @default Duration.days(1095) - three years, BIPA's longest
     */
    public Duration getEnrolmentRetention() {
        return enrolmentRetention;
    }

    /**
     * How long replaced or deleted photo versions are kept, on a bucket the construct creates. Versioning protects
     * against accidental overwrites, but an erased photo stays as a noncurrent version until this expires. Cannot
     * be combined with {@link #getExistingBucket()}.
     *
     * @default Duration.days(30)
     */
    public Duration getNoncurrentVersionExpiration() {
        return noncurrentVersionExpiration;
    }

    /**
     * Retention of the functions' log groups.
     *
     * @default RetentionDays.ONE_MONTH - long enough to investigate a failure; the logs hold no face data
     */
    public RetentionDays getLogRetention() {
        return logRetention;
    }

    /**
     * What happens to the stateful parts (bucket, access-log bucket, table, collection, failure queue, log groups)
     * when they leave the stack: {@code RETAIN} or {@code DESTROY}. Under {@code DESTROY} the buckets must be
     * emptied first (the construct deploys no auto-delete function).
     *
     * @default RemovalPolicy.RETAIN - they hold biometric data, which must not disappear by accident
     */
    public RemovalPolicy getRemovalPolicy() {
        return removalPolicy;
    }

    /**
     * X-Ray tracing of the two functions. {@code ACTIVE} records Lambda's own segments of each invocation
     * (initialization, invocation, overhead) and grants {@code xray:PutTraceSegments}/{@code PutTelemetryRecords} on
     * {@code *}; the functions' Rekognition, S3 and DynamoDB calls appear in a trace only with an OpenTelemetry
     * instrumentation added by the operator (for example the ADOT Java layer), which this library does not ship.
     *
     * @default Tracing.DISABLED - no trace that would show only Lambda's own segments, and no {@code *} grant
     */
    public Tracing getTracing() {
        return tracing;
    }

    /**
     * The EventBridge bus every recognised photo's "Faces Recognized" event goes to (see docs/construct.md,
     * "Events"); the recognition function may put events on it and nowhere else.
     *
     * @default the account's default bus
     */
    public IEventBus getEventBus() {
        return eventBus;
    }

    /**
     * Whether the events carry the display names of identified people. Events leave the pipeline: by default they
     * carry person ids only.
     *
     * @default false
     */
    public Boolean getEventsIncludeNames() {
        return eventsIncludeNames;
    }

    /**
     * The sightings log: every face of every recognised photo, known or not, kept for the retention in a collection
     * per UTC day, searchable by face ("where was this face seen this week"). <b>Privacy cost:</b> it stores the face
     * vectors of passers-by who never enrolled or consented; read {@link SightingsLogOptions} before turning it on.
     *
     * @default - off: no face is kept beyond the recognition of its photo
     */
    public SightingsLogOptions getSightingsLog() {
        return sightingsLog;
    }

    /**
     * The identity API: an HTTP API for synchronous verification (1:1), identification (1:N) and people management,
     * IAM-authorised by default (see {@link IdentityApiOptions} and docs/api.md).
     *
     * @default - off: photos go through the bucket only
     */
    public IdentityApiOptions getIdentityApi() {
        return identityApi;
    }

    /**
     * A customer managed KMS key for the photo bucket (SSE-KMS, S3 Bucket Key on), the table, every queue (the
     * dead-letter and failure queues included) and every log group; the functions get exactly the uses they need and
     * the key policy lets S3, CloudWatch Logs and EventBridge use it (docs/construct.md, "Encryption"). Only the key
     * policy of a key created in this app can be extended: with an imported key, add those statements yourself.
     *
     * @default - AWS managed encryption (SSE-S3, DynamoDB's AWS owned key, SSE-SQS, CloudWatch Logs' own keys)
     */
    public IKey getEncryptionKey() {
        return encryptionKey;
    }

    /**
     * Whether to create a customer managed key with yearly automatic rotation for what {@link #getEncryptionKey()}
     * covers; it follows {@link #getRemovalPolicy()}. Not with {@link #getEncryptionKey()}.
     *
     * @default false
     */
    public Boolean getCreateEncryptionKey() {
        return createEncryptionKey;
    }

    /**
     * Runs every function of the pipeline in a VPC (see {@link FunctionVpcOptions} for the endpoints it needs).
     *
     * @default - no VPC: the functions reach AWS services through Lambda's own network
     */
    public FunctionVpcOptions getVpc() {
        return vpc;
    }

    /**
     * Whether enrolment needs the person's recorded, unexpired consent: a photo of a person without it is deleted with
     * all its versions and ends REJECTED (NO_CONSENT), and recognition never names such a person (docs/api.md,
     * "Consent"). Off only where consent is collected and enforced outside the pipeline.
     *
     * @default true
     */
    public Boolean getRequireConsent() {
        return requireConsent;
    }

    /** Key prefix of consent documents, {@code <prefix><personId>.json}. @default "consent/" */
    public String getConsentPrefix() {
        return consentPrefix;
    }

    /** Builds {@link FaceRecognitionProps}; every setter is optional. */
    public static final class Builder {
        private IBucket existingBucket;
        private String collectionId;
        private CollectionStrategy collectionStrategy;
        private IFaceCollection existingCollection;
        private Boolean adoptExistingCollection;
        private Number faceMatchThreshold;
        private String enrollPrefix;
        private String recognizePrefix;
        private String resultsPrefix;
        private Number maxConcurrency;
        private Number reservedConcurrency;
        private Number memorySize;
        private Duration resultRetention;
        private Duration enrolmentRetention;
        private Duration noncurrentVersionExpiration;
        private RetentionDays logRetention;
        private RemovalPolicy removalPolicy;
        private Tracing tracing;
        private IEventBus eventBus;
        private Boolean eventsIncludeNames;
        private SightingsLogOptions sightingsLog;
        private IdentityApiOptions identityApi;
        private IKey encryptionKey;
        private Boolean createEncryptionKey;
        private FunctionVpcOptions vpc;
        private Boolean requireConsent;
        private String consentPrefix;

        private Builder() {}

        /** @see FaceRecognitionProps#getRequireConsent() */
        public Builder requireConsent(Boolean value) {
            this.requireConsent = value;
            return this;
        }

        /** @see FaceRecognitionProps#getConsentPrefix() */
        public Builder consentPrefix(String value) {
            this.consentPrefix = value;
            return this;
        }

        /** @see FaceRecognitionProps#getExistingBucket() */
        public Builder existingBucket(IBucket value) {
            this.existingBucket = value;
            return this;
        }

        /** @see FaceRecognitionProps#getCollectionId() */
        public Builder collectionId(String value) {
            this.collectionId = value;
            return this;
        }

        /** @see FaceRecognitionProps#getExistingCollection() */
        public Builder existingCollection(IFaceCollection value) {
            this.existingCollection = value;
            return this;
        }

        /** @see FaceRecognitionProps#getAdoptExistingCollection() */
        public Builder adoptExistingCollection(Boolean value) {
            this.adoptExistingCollection = value;
            return this;
        }

        /** @see FaceRecognitionProps#getFaceMatchThreshold() */
        public Builder faceMatchThreshold(Number value) {
            this.faceMatchThreshold = value;
            return this;
        }

        /** @see FaceRecognitionProps#getEnrollPrefix() */
        public Builder enrollPrefix(String value) {
            this.enrollPrefix = value;
            return this;
        }

        /** @see FaceRecognitionProps#getRecognizePrefix() */
        public Builder recognizePrefix(String value) {
            this.recognizePrefix = value;
            return this;
        }

        /** @see FaceRecognitionProps#getResultsPrefix() */
        public Builder resultsPrefix(String value) {
            this.resultsPrefix = value;
            return this;
        }

        /** @see FaceRecognitionProps#getMaxConcurrency() */
        public Builder maxConcurrency(Number value) {
            this.maxConcurrency = value;
            return this;
        }

        /** @see FaceRecognitionProps#getReservedConcurrency() */
        public Builder reservedConcurrency(Number value) {
            this.reservedConcurrency = value;
            return this;
        }

        /** @see FaceRecognitionProps#getMemorySize() */
        public Builder memorySize(Number value) {
            this.memorySize = value;
            return this;
        }

        /** @see FaceRecognitionProps#getResultRetention() */
        public Builder resultRetention(Duration value) {
            this.resultRetention = value;
            return this;
        }

        /** @see FaceRecognitionProps#getEnrolmentRetention() */
        public Builder enrolmentRetention(Duration value) {
            this.enrolmentRetention = value;
            return this;
        }

        /** @see FaceRecognitionProps#getNoncurrentVersionExpiration() */
        public Builder noncurrentVersionExpiration(Duration value) {
            this.noncurrentVersionExpiration = value;
            return this;
        }

        /** @see FaceRecognitionProps#getLogRetention() */
        public Builder logRetention(RetentionDays value) {
            this.logRetention = value;
            return this;
        }

        /** @see FaceRecognitionProps#getRemovalPolicy() */
        public Builder removalPolicy(RemovalPolicy value) {
            this.removalPolicy = value;
            return this;
        }

        /** @see FaceRecognitionProps#getCollectionStrategy() */
        public Builder collectionStrategy(CollectionStrategy value) {
            this.collectionStrategy = value;
            return this;
        }

        /** @see FaceRecognitionProps#getTracing() */
        public Builder tracing(Tracing value) {
            this.tracing = value;
            return this;
        }

        /** @see FaceRecognitionProps#getEventBus() */
        public Builder eventBus(IEventBus value) {
            this.eventBus = value;
            return this;
        }

        /** @see FaceRecognitionProps#getEventsIncludeNames() */
        public Builder eventsIncludeNames(Boolean value) {
            this.eventsIncludeNames = value;
            return this;
        }

        /** @see FaceRecognitionProps#getSightingsLog() */
        public Builder sightingsLog(SightingsLogOptions value) {
            this.sightingsLog = value;
            return this;
        }

        /** @see FaceRecognitionProps#getIdentityApi() */
        public Builder identityApi(IdentityApiOptions value) {
            this.identityApi = value;
            return this;
        }

        /** @see FaceRecognitionProps#getEncryptionKey() */
        public Builder encryptionKey(IKey value) {
            this.encryptionKey = value;
            return this;
        }

        /** @see FaceRecognitionProps#getCreateEncryptionKey() */
        public Builder createEncryptionKey(Boolean value) {
            this.createEncryptionKey = value;
            return this;
        }

        /** @see FaceRecognitionProps#getVpc() */
        public Builder vpc(FunctionVpcOptions value) {
            this.vpc = value;
            return this;
        }

        public FaceRecognitionProps build() {
            return new FaceRecognitionProps(this);
        }
    }
}
