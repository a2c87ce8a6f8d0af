package dev.facerec.functions.recognize.camera;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.consent.ConsentGate;
import dev.facerec.functions.core.consent.ConsentSettings;
import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.handler.OutcomeLog;
import dev.facerec.functions.core.image.ByteSource;
import dev.facerec.functions.core.image.ImageHeader;
import dev.facerec.functions.core.image.ImageHeaderReader;
import dev.facerec.functions.core.image.ImageInspector;
import dev.facerec.functions.core.image.ImageLimits;
import dev.facerec.functions.core.image.S3ObjectSource;
import dev.facerec.functions.core.recognition.FaceRecognizer;
import dev.facerec.functions.core.recognition.ImageDecoder;
import dev.facerec.functions.core.recognition.RecognizedFace;
import dev.facerec.functions.core.rekognition.RekognitionErrors;
import dev.facerec.functions.core.status.RejectedException;
import dev.facerec.functions.core.tenant.Tenant;
import dev.facerec.functions.recognize.ErasureGuard;
import dev.facerec.functions.recognize.EventPublisher;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A camera frame delivered by Kinesis Video Streams image generation, through recognition into sightings, with a
 * cost guard: a frame that repeats the camera's latest one ({@link FrameHash}, same scene) makes no Rekognition call
 * at all and extends the sightings of that frame; any other frame claims its analysis on the camera's state row
 * first ({@link SightingStore#claim}), so that an identical frame taken in by another invocation meanwhile follows
 * it instead of being analysed too; then one DetectFaces (on the bytes already read), and only its faces are searched
 * (one SearchUsersByImage each, {@link FaceRecognizer}, the code photos use, at the tracking threshold), so a frame
 * without a face costs one DetectFaces and nothing else. The faces are merged into the camera's sightings
 * ({@link TrackMerge}, {@link SightingStore}); each started sighting publishes a "Sighting Started" event.
 */
public final class CameraFrameService {

    /** Attempts at writing a merge when other frames of the same camera keep winning. */
    static final int MERGE_ATTEMPTS = 8;

    private final S3Client s3;
    private final RekognitionClient rekognition;
    private final FaceRecognizer recognizer;
    private final ImageInspector inspector;
    private final SightingStore store;
    private final EventPublisher events;
    private final Tenant tenant;
    private final CameraSettings settings;
    private final float namingThreshold;
    private final Clock clock;
    private Consumer<FrameKey> claimed = frame -> {};

    /** Consent not required: every enrolled person may be named. */
    public CameraFrameService(
            AwsClients clients, FunctionConfig config, CameraSettings settings, EventPublisher events) {
        this(clients, config, settings, events, ConsentSettings.NOT_REQUIRED);
    }

    /** With consent as given: a person without valid consent is followed as an unknown face, never named. */
    public CameraFrameService(
            AwsClients clients,
            FunctionConfig config,
            CameraSettings settings,
            EventPublisher events,
            ConsentSettings consent) {
        if (config.perTenant()) {
            throw new IllegalArgumentException("cameras need the shared collection (COLLECTION_MODE SHARED)");
        }
        this.s3 = clients.s3();
        this.rekognition = clients.rekognition();
        this.recognizer = new FaceRecognizer(
                clients.rekognition(),
                clients.dynamoDb(),
                config.tableName(),
                Math.min(settings.trackMatchThreshold(), config.faceMatchThreshold()),
                ConsentGate.of(consent, clients.dynamoDb(), config.tableName(), Clock.systemUTC()));
        this.inspector = new ImageInspector(clients.s3(), ImageLimits.REKOGNITION);
        this.tenant = Tenant.shared(config.collectionId());
        this.store = new SightingStore(clients.dynamoDb(), config.tableName(), settings.sightingRetention(), tenant);
        this.events = events;
        this.settings = settings;
        this.namingThreshold = config.faceMatchThreshold();
        this.clock = Clock.systemUTC();
    }

    /** Runs {@code hook} when a frame has claimed its analysis, before its Rekognition calls (tests interleave). */
    void onClaimed(Consumer<FrameKey> hook) {
        this.claimed = hook;
    }

    /** Processes one frame's event; returns its outcome ({@code SKIPPED_REPEAT}, {@code NO_FACE}, {@code MERGED}). */
    public String process(S3ObjectEvent event, Duration lease, OutcomeLog log) {
        Optional<FrameKey> parsed =
                event.isCreated() ? FrameKey.parse(event.key(), settings.framesPrefix()) : Optional.empty();
        if (parsed.isEmpty()) {
            String outcome = event.isCreated() ? "REJECTED" : "IGNORED";
            log.outcome(
                    event.eventName(), event.bucket(), event.key(), outcome, event.isCreated() ? "NOT_A_FRAME" : null);
            return outcome;
        }
        FrameKey frame = parsed.get();
        try {
            Outcome outcome = recognize(event, frame, lease);
            log.outcome(event.eventName(), event.bucket(), event.key(), outcome.name(), outcome.reason());
            return outcome.name();
        } catch (RejectedException rejected) {
            log.outcome(
                    event.eventName(),
                    event.bucket(),
                    event.key(),
                    "REJECTED",
                    rejected.reason().name());
            return "REJECTED";
        } catch (RuntimeException e) {
            log.retrying(event.eventName(), event.bucket(), event.key(), e);
            throw e;
        }
    }

    /** A frame's outcome, and its reason or {@code null}. */
    private record Outcome(String name, String reason) {}

    private Outcome recognize(S3ObjectEvent event, FrameKey frame, Duration lease) {
        inspector.checkSize(event.size());
        byte[] bytes = S3ObjectSource.download(s3, event.bucket(), event.key(), event.versionId(), event.eTag());
        ImageHeader header = header(bytes);
        inspector.checkDimensions(header);
        BufferedImage image = ImageDecoder.decode(bytes, header);
        long hash = FrameHash.of(image);
        long at = frame.capturedAt().toEpochMilli();
        long gap = settings.sightingGap().toMillis();
        CameraState state = store.load(frame.camera());
        CameraState analysed = null;
        for (int attempt = 1; analysed == null; attempt++) {
            if (state.repeats(at, hash, gap)) {
                merge(
                        event,
                        frame,
                        state,
                        clock.instant(),
                        (s, erased) -> TrackMerge.repeat(s, frame.key(), at, gap),
                        Map.of());
                return new Outcome("SKIPPED_REPEAT", null);
            }
            long now = clock.millis();
            FrameClaim claim = state.claim();
            if (claim != null && claim.coveredBy(frame.key(), at, hash, gap, now)) {
                if (store.follow(frame.camera(), state, frame.key(), at)) {
                    return new Outcome("SKIPPED_REPEAT", null);
                }
            } else if (claim != null && claim.heldByAnother(frame.key(), now)) {
                analysed = state;
            } else if (store.claim(frame.camera(), state, frame.key(), hash, at, now + lease.toMillis())) {
                analysed = state.claimed(frame.key(), hash, at, now + lease.toMillis());
            }
            if (analysed == null) {
                if (attempt == MERGE_ATTEMPTS) {
                    throw new IllegalStateException("the camera's state changed " + MERGE_ATTEMPTS
                            + " times while this frame claimed its analysis; retrying the frame");
                }
                state = store.load(frame.camera());
            }
        }
        claimed.accept(frame);
        List<FaceDetail> details = detect(bytes);
        if (details.isEmpty()) {
            merge(
                    event,
                    frame,
                    analysed,
                    clock.instant(),
                    (s, erased) -> TrackMerge.merge(s, frame.key(), at, hash, List.of(), gap),
                    Map.of());
            return new Outcome("NO_FACE", null);
        }
        // The time of the search: an erasure that finished before it left nothing of the person to match.
        Instant searched = clock.instant();
        List<RecognizedFace> faces = recognizer.identify(tenant, image, details);
        List<FaceSeen> seen = seen(faces, Set.of());
        Map<String, String> names = new HashMap<>();
        if (events.includeNames()) {
            for (int i = 0; i < faces.size(); i++) {
                if (seen.get(i).personId() != null && faces.get(i).displayName() != null) {
                    names.put(seen.get(i).personId(), faces.get(i).displayName());
                }
            }
        }
        boolean erased = merge(
                event,
                frame,
                analysed,
                searched,
                (s, gone) -> TrackMerge.merge(s, frame.key(), at, hash, seen(faces, gone), gap),
                names);
        // An expected race, not an error: people found just before their erasure are followed as unknown faces.
        return new Outcome("MERGED", erased ? ErasureGuard.PERSON_ERASED : null);
    }

    private List<FaceSeen> seen(List<RecognizedFace> faces, Set<String> erased) {
        return ErasureGuard.unnamed(faces, erased).stream()
                .map(f -> FaceSeen.of(f, namingThreshold))
                .toList();
    }

    /**
     * Merges and writes, again on the newer state when another frame of the camera was written first, and again
     * without the people it newly named whose erasure began after the frame's search (their faces then unknown, no
     * candidate); returns whether there were such people. A frame that
     * holds the claim also merges its followers (as repeats) and releases it. Started sightings are written as
     * pending and their events go out after the write (a frame whose write lost publishes nothing for the sighting
     * it would have started); a failure before they went out leaves them pending for the camera's next frame.
     */
    private boolean merge(
            S3ObjectEvent event,
            FrameKey frame,
            CameraState first,
            Instant searched,
            BiFunction<CameraState, Set<String>, TrackMerge.Merged> merging,
            Map<String, String> names) {
        CameraState state = first;
        Set<String> erased = new HashSet<>();
        for (int attempt = 1; attempt <= MERGE_ATTEMPTS; attempt++) {
            TrackMerge.Merged merged = TrackMerge.withFollowers(
                    merging.apply(state, erased),
                    frame.key(),
                    settings.sightingGap().toMillis());
            SightingStore.Saved saved = store.save(frame.camera(), state, merged, event.bucket(), searched);
            if (saved.written()) {
                announce(event, frame, merged.state(), names);
                return !erased.isEmpty();
            }
            if (saved.erased().isEmpty() || !erased.addAll(saved.erased())) {
                state = store.load(frame.camera());
            }
        }
        throw new IllegalStateException("the camera's sightings changed " + MERGE_ATTEMPTS
                + " times while this frame was merged; retrying the frame");
    }

    /** Publishes the events of the sightings still pending (this frame's, or a failed frame's before it). */
    private void announce(S3ObjectEvent event, FrameKey frame, CameraState state, Map<String, String> names) {
        for (Track track : state.tracks()) {
            if (!track.pending()) {
                continue;
            }
            events.send(
                    SightingEvent.DETAIL_TYPE,
                    SightingEvent.detail(event.bucket(), frame.camera(), track, names.get(track.personId())),
                    "arn:aws:s3:::" + event.bucket() + "/" + track.bestFrameKey());
            store.announced(frame.camera(), track);
        }
    }

    private List<FaceDetail> detect(byte[] bytes) {
        try {
            return rekognition
                    .detectFaces(b -> b.image(i -> i.bytes(SdkBytes.fromByteArray(bytes))))
                    .faceDetails();
        } catch (RekognitionException e) {
            throw RekognitionErrors.toRejection(e);
        }
    }

    private static ImageHeader header(byte[] bytes) {
        try {
            return ImageHeaderReader.read(ByteSource.of(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the frame's header", e);
        }
    }
}
