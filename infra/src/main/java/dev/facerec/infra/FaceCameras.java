package dev.facerec.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.kinesisvideo.CfnStream;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Faces in live video: a Kinesis video stream per camera (video kept {@code videoRetention}, encrypted with KMS),
 * Kinesis Video Streams image generation delivering JPEG frames of the fragments the producer tags
 * ({@code AWS_KINESISVIDEO_IMAGE_GENERATION}) to the pipeline's bucket under the frames prefix (a custom resource,
 * since CloudFormation has no property for it), and a function that takes each frame through the pipeline's
 * recognition into sightings: consecutive frames of one person on one camera are one sighting row; a started
 * sighting publishes a "Sighting Started" event. Frames expire after {@code frameRetention}; sightings after
 * their own retention.
 *
 * <pre>{@code
 * FaceRecognition faces = new FaceRecognition(this, "Faces");
 * FaceCameras cameras = new FaceCameras(this, "Cameras", FaceCamerasProps.builder()
 *         .faces(faces).cameras(List.of("front-door")).build());
 * cameras.grantProduce(cameraRole);
 * }</pre>
 */
public final class FaceCameras extends Construct {

    static final String FRAMES_HANDLER = "dev.facerec.functions.recognize.CameraFramesQueueHandler::handleRequest";
    /** The custom resource type of a stream's image generation configuration. */
    public static final String IMAGE_GENERATION_TYPE = "Custom::KinesisVideoImageGeneration";
    /** The detail-type of a started sighting's event. */
    public static final String SIGHTING_STARTED = "Sighting Started";
    /** What a camera's producer calls: stream and endpoint lookup, then PutMedia (API reference, IAM). */
    static final List<String> PRODUCE_ACTIONS =
            List.of("kinesisvideo:DescribeStream", "kinesisvideo:GetDataEndpoint", "kinesisvideo:PutMedia");

    static final List<String> CONFIGURE_ACTIONS = List.of("kinesisvideo:UpdateImageGenerationConfiguration");
    /**
     * State row GetItem, person rows BatchGetItem, merge TransactWriteItems of Puts (authorised as PutItem), the
     * state row's claim, followers and published events (UpdateItem).
     */
    /** ConditionCheckItem: a frame's merge checks the erasure mark of each person it newly names. */
    static final List<String> FRAME_TABLE_ACTIONS = List.of(
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:ConditionCheckItem");

    static final String MEDIA_TYPE = "video/h264";

    private final ResolvedCameras settings;
    private final Map<String, CfnStream> streams = new LinkedHashMap<>();
    private final SecureFunction frames;
    private final Queue frameQueue;
    private int rules;

    public FaceCameras(Construct scope, String id, FaceCamerasProps props) {
        super(scope, id);
        this.settings = ResolvedCameras.resolve(props, getNode().getPath());
        FaceRecognition faces = settings.faces();
        IBucket bucket = faces.getBucket();
        if (!(bucket instanceof Bucket created)) {
            throw InvalidProps.of(
                    "FaceCamerasProps",
                    getNode().getPath(),
                    List.of("the frames expire by a lifecycle rule on the bucket, which an imported existingBucket"
                            + " cannot take: use a bucket made in this app (or the pipeline's own)"));
        }
        created.addLifecycleRule(LifecycleRule.builder()
                .id("ExpireFrames-" + id)
                .prefix(settings.framesPrefix())
                .expiration(Duration.days(settings.frameRetentionDays()))
                .build());
        ImageGenerationProvider provider = ImageGenerationProvider.of(this);
        for (String camera : settings.cameras()) {
            CfnStream stream = CfnStream.Builder.create(this, "Stream-" + camera)
                    .name(camera)
                    .dataRetentionInHours(settings.videoRetentionHours())
                    .kmsKeyId(
                            settings.encryptionKey() == null
                                    ? "alias/aws/kinesisvideo"
                                    : settings.encryptionKey().getKeyArn())
                    .mediaType(MEDIA_TYPE)
                    .build();
            streams.put(camera, stream);
            grant(provider.getFunction().getRole(), CONFIGURE_ACTIONS, List.of(stream.getAttrArn()));
            CustomResource generation = CustomResource.Builder.create(this, "ImageGeneration-" + camera)
                    .resourceType(IMAGE_GENERATION_TYPE)
                    .serviceToken(provider.getFunction().getFunction().getFunctionArn())
                    .serviceTimeout(FaceCollection.SERVICE_TIMEOUT)
                    .properties(imageGeneration(camera, bucket))
                    .build();
            // The name, not Ref: the configuration names the stream as the API does; it waits for the stream.
            generation.getNode().addDependency(stream, provider.getFunction().getRole());
        }
        this.frames = new SecureFunction(this, "Frames", framesSpec(faces, settings));
        PrefixGrants.read(bucket, frames.getRole(), settings.framesPrefix());
        FaceTable.grantItems((Table) faces.getTable(), frames.getRole(), FRAME_TABLE_ACTIONS);
        faces.getCollection().grantIdentify(frames.getRole());
        FaceCollection.grantDetectFaces(frames.getRole());
        faces.events().grantPublish(frames.getRole());
        EventQueues queues = faces.eventQueues();
        this.frameQueue =
                queues.feed("FrameEvents-" + id, frames, FaceRecognition.RECOGNIZE_TIMEOUT, settings.maxConcurrency());
        bucket.addEventNotification(
                EventType.OBJECT_CREATED,
                queues.notifications(frameQueue),
                NotificationKeyFilter.builder().prefix(settings.framesPrefix()).build());
    }

    /**
     * Lets a camera (its producer: the KVS producer SDK, the GStreamer {@code kvssink}) stream to its stream and
     * have frames generated: DescribeStream, GetDataEndpoint and PutMedia on the cameras' streams; image generation
     * writes frames with the uploader's rights (developer guide, "Automated real-time image generation"), hence
     * s3:PutObject under the frames prefix, and with a customer-managed key, Encrypt, GenerateDataKey and Decrypt.
     */
    public Grant grantProduce(IGrantable producer) {
        List<String> arns = streams.values().stream().map(CfnStream::getAttrArn).toList();
        Grant grant = grant(producer, PRODUCE_ACTIONS, arns);
        IBucket bucket = settings.faces().getBucket();
        grant(producer, PrefixGrants.WRITE_ACTIONS, List.of(bucket.arnForObjects(settings.framesPrefix() + "*")));
        IConstruct policy = producer.getGrantPrincipal() instanceof Construct principal
                ? principal.getNode().tryFindChild("DefaultPolicy")
                : null;
        if (policy != null) {
            NagSuppressions.add(
                    policy,
                    "AwsSolutions-IAM5",
                    "Image generation writes frames under the frames prefix with the producer's rights: s3:PutObject"
                            + " only on keys under '" + settings.framesPrefix() + "' of the photo bucket.",
                    NagSuppressions.regex("^Resource::.*/" + NagSuppressions.quote(settings.framesPrefix()) + "\\*$"));
        }
        if (settings.encryptionKey() != null) {
            settings.encryptionKey().grant(producer, "kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt");
        }
        if (bucket.getEncryptionKey() != null) {
            bucket.getEncryptionKey().grant(producer, "kms:GenerateDataKey");
        }
        return grant;
    }

    /** A rule sending every "Sighting Started" event of these cameras to {@code target}. */
    public Rule onSightingStarted(IRuleTarget target) {
        return rule(
                "OnSightingStarted", "every sighting started on the cameras " + settings.cameras(), Map.of(), target);
    }

    /** A rule sending the started sightings of people on the watch list {@code list} to {@code target}. */
    public Rule onWatchListSighting(String list, IRuleTarget target) {
        if (list == null || !RecognitionEvents.LIST_NAME.matcher(list).matches()) {
            throw new IllegalArgumentException(
                    "a watch list name is 1-32 characters of a-z, 0-9, '_' or '-', got '" + list + "'");
        }
        return rule(
                "OnWatchListSighting-" + list,
                "sightings of someone on the watch list " + list,
                Map.of("lists", List.of(list)),
                target);
    }

    /** The Kinesis video stream of {@code camera}. */
    public CfnStream getStream(String camera) {
        CfnStream stream = streams.get(camera);
        if (stream == null) {
            throw new IllegalArgumentException("no camera '" + camera + "'; the cameras are " + streams.keySet());
        }
        return stream;
    }

    /** The function that takes frames into sightings. */
    public IFunction getFramesFunction() {
        return frames.getFunction();
    }

    /** The queue the bucket sends the frames' S3 events to. */
    public IQueue getFrameQueue() {
        return frameQueue;
    }

    /** The key prefix frames are delivered under. */
    public String getFramesPrefix() {
        return settings.framesPrefix();
    }

    private Rule rule(String baseId, String what, Map<String, Object> extra, IRuleTarget target) {
        rules++;
        Map<String, Object> detail = new HashMap<>(extra);
        detail.put("bucket", List.of(settings.faces().getBucket().getBucketName()));
        detail.put("camera", new ArrayList<>(settings.cameras()));
        return settings.faces().events().rule(this, baseId + "-" + rules, what, SIGHTING_STARTED, detail, target);
    }

    private Map<String, Object> imageGeneration(String camera, IBucket bucket) {
        String prefix = settings.framesPrefix();
        String path = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("StreamName", camera);
        // ends in '/': the developer guide gives the file name (ImagePrefix_AccountID_StreamName_...) but not whether
        // a '/' joins it to the URI's path; with one here, frames land under the prefix either way.
        properties.put("DestinationUri", "s3://" + bucket.getBucketName() + "/" + path + "/");
        properties.put("DestinationRegion", Stack.of(this).getRegion());
        properties.put("SamplingInterval", Integer.toString(settings.samplingIntervalMillis()));
        properties.put("ImageSelectorType", "PRODUCER_TIMESTAMP");
        properties.put("Format", "JPEG");
        properties.put("JpegQuality", FaceRecognition.plain(settings.jpegQuality()));
        properties.put("WidthPixels", FaceRecognition.plain(settings.widthPixels()));
        properties.put("HeightPixels", FaceRecognition.plain(settings.heightPixels()));
        return properties;
    }

    private static FunctionSpec framesSpec(FaceRecognition faces, ResolvedCameras settings) {
        ResolvedProps pipeline = faces.settings();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("TABLE_NAME", faces.getTable().getTableName());
        environment.put("COLLECTION_ID", faces.getCollection().getCollectionId());
        environment.put("FACE_MATCH_THRESHOLD", FaceRecognition.plain(pipeline.faceMatchThreshold()));
        environment.put("ENROLL_PREFIX", pipeline.enrollPrefix());
        environment.put("RECOGNIZE_PREFIX", pipeline.recognizePrefix());
        environment.put("RESULTS_PREFIX", pipeline.resultsPrefix());
        environment.put("COLLECTION_MODE", pipeline.collectionStrategy().name());
        environment.put("FRAMES_PREFIX", settings.framesPrefix());
        environment.put("SIGHTING_GAP_SECONDS", Integer.toString(settings.sightingGapSeconds()));
        environment.put("TRACK_MATCH_THRESHOLD", FaceRecognition.plain(settings.trackMatchThreshold()));
        environment.put("SIGHTING_RETENTION_DAYS", Integer.toString(settings.sightingRetentionDays()));
        environment.putAll(faces.events().environment(pipeline.eventsIncludeNames()));
        ConsentWiring.environment(pipeline, environment);
        return new FunctionSpec(
                LambdaAssets.RECOGNIZE_FACES,
                FRAMES_HANDLER,
                "facerec cameras: takes each frame of the cameras' streams through recognition into sightings",
                pipeline.memorySize(),
                FaceRecognition.RECOGNIZE_TIMEOUT,
                environment,
                null,
                null,
                null,
                pipeline.logRetention(),
                pipeline.removalPolicy(),
                pipeline.tracing());
    }

    private static Grant grant(IGrantable grantee, List<String> actions, List<String> resources) {
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(actions)
                .resourceArns(resources)
                .build());
    }
}
