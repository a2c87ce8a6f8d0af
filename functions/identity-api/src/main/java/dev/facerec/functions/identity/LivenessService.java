package dev.facerec.functions.identity;

import dev.facerec.functions.core.liveness.LivenessRecords;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.AuditImage;
import software.amazon.awssdk.services.rekognition.model.GetFaceLivenessSessionResultsResponse;
import software.amazon.awssdk.services.rekognition.model.LivenessSessionStatus;
import software.amazon.awssdk.services.rekognition.model.SessionNotFoundException;

/**
 * Liveness as a second factor: {@code POST /liveness/sessions} creates a Face Liveness session whose images
 * Rekognition writes under the liveness prefix; {@code POST /people/{personId}/verify-live} reads the session's
 * results, decides liveness here (confidence at or above the threshold), then verifies the session's reference image
 * against the person exactly as {@code /verify} does ({@link VerificationService}). Verified only if both pass. The
 * caller learns pass or fail and the reasons, never the liveness confidence. A session serves one check; after
 * {@link #MAX_FAILURES} failed checks of a person within {@link #WINDOW}, the person is timed out for
 * {@link #TIMEOUT} (429 with {@code Retry-After}): AWS's advice for Face Liveness.
 */
final class LivenessService {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(3);
    /** AWS advises a time-out of 30 to 60 minutes after five failures. */
    static final Duration TIMEOUT = Duration.ofMinutes(30);
    /** How long a failure is kept: as long as it can still start or extend a time-out. */
    static final Duration FAILURE_MEMORY = TIMEOUT.plus(WINDOW);

    static final Pattern SESSION_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final RekognitionClient rekognition;
    private final String bucket;
    private final LivenessConfig config;
    private final Tenant tenant;
    private final PeopleDirectory people;
    private final VerificationService verification;
    private final ProbeReader probes;
    private final LivenessRecords records;
    private final Clock clock;

    LivenessService(
            RekognitionClient rekognition,
            String bucket,
            LivenessConfig config,
            Tenant tenant,
            PeopleDirectory people,
            VerificationService verification,
            ProbeReader probes,
            LivenessRecords records,
            Clock clock) {
        this.rekognition = rekognition;
        this.bucket = bucket;
        this.config = config;
        this.tenant = tenant;
        this.people = people;
        this.verification = verification;
        this.probes = probes;
        this.records = records;
        this.clock = clock;
    }

    /** {@code POST /liveness/sessions}: a new session for the browser component. */
    byte[] createSession() {
        String sessionId = rekognition
                .createFaceLivenessSession(b -> b.settings(s -> s.auditImagesLimit(config.auditImages())
                        .outputConfig(o -> o.s3Bucket(bucket).s3KeyPrefix(config.prefix()))))
                .sessionId();
        try (JsonWriter json = JsonWriter.create()) {
            json.writeStartObject();
            json.writeFieldName("sessionId").writeValue(sessionId);
            json.writeFieldName("region").writeValue(config.region());
            return json.writeEndObject().getBytes();
        }
    }

    /** {@code POST /people/{personId}/verify-live} with {@code {"sessionId": ...}}. */
    byte[] verifyLive(String personId, Map<String, JsonNode> body) {
        String sessionId = Requests.optionalString(body, "sessionId");
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            throw ApiException.badRequest(
                    "INVALID_SESSION_ID", "give \"sessionId\", the id POST /liveness/sessions answered");
        }
        if (people.profile(personId) == null) {
            throw new ApiException(404, "NOT_ENROLLED", "no person is enrolled under this id");
        }
        String personPk = tenant.personPk(personId);
        Instant now = clock.instant();
        refuseWhenLockedOut(personPk, now);

        GetFaceLivenessSessionResultsResponse results;
        try {
            results = rekognition.getFaceLivenessSessionResults(b -> b.sessionId(sessionId));
        } catch (SessionNotFoundException unknown) {
            return failed(personPk, now, personId, List.of(LiveReason.SESSION_NOT_FOUND));
        }
        LivenessSessionStatus status = results.status();
        if (status == LivenessSessionStatus.CREATED || status == LivenessSessionStatus.IN_PROGRESS) {
            throw new ApiException(
                    409, "SESSION_NOT_COMPLETED", "the liveness check of this session has not ended yet");
        }
        if (!records.claim(sessionId, now, config.retention())) {
            return failed(personPk, now, personId, List.of(LiveReason.SESSION_ALREADY_USED));
        }
        List<String> imageKeys = imageKeys(results);
        records.recordSession(personPk, sessionId, imageKeys, now, config.retention());
        if (status == LivenessSessionStatus.EXPIRED) {
            return failed(personPk, now, personId, List.of(LiveReason.SESSION_EXPIRED));
        }
        String reference = referenceKey(results);
        boolean live = status == LivenessSessionStatus.SUCCEEDED
                && results.confidence() != null
                && results.confidence() >= config.threshold()
                && reference != null;
        if (!live) {
            return failed(personPk, now, personId, List.of(LiveReason.NOT_LIVE));
        }
        Verification face = verification.verify(personId, probes.stored(reference));
        if (face.verified()) {
            return answer(true, personId, true, true, List.of());
        }
        List<LiveReason> reasons = new ArrayList<>();
        reasons.add(LiveReason.FACE_NOT_MATCHED);
        if (face.reason() != null) {
            reasons.add(LiveReason.valueOf(face.reason().name()));
        }
        if (face.otherPersonScoredHigher()) {
            reasons.add(LiveReason.OTHER_PERSON_SCORED_HIGHER);
        }
        records.recordFailure(personPk, now, FAILURE_MEMORY);
        return answer(false, personId, true, false, reasons);
    }

    /** 429 while the person is timed out: within {@link #TIMEOUT} of a fifth failure that came within the window. */
    private void refuseWhenLockedOut(String personPk, Instant now) {
        List<Instant> failures = records.failuresSince(personPk, now.minus(FAILURE_MEMORY));
        Instant until = null;
        for (int last = MAX_FAILURES - 1; last < failures.size(); last++) {
            Instant first = failures.get(last - MAX_FAILURES + 1);
            if (!failures.get(last).isAfter(first.plus(WINDOW))) {
                until = failures.get(last).plus(TIMEOUT);
            }
        }
        if (until != null && now.isBefore(until)) {
            long seconds = Duration.between(now, until).toSeconds() + 1;
            throw new ApiException(
                    429,
                    "TOO_MANY_FAILED_CHECKS",
                    MAX_FAILURES + " failed liveness checks of this person within 3 minutes: try again later",
                    (int) seconds);
        }
    }

    private byte[] failed(String personPk, Instant now, String personId, List<LiveReason> reasons) {
        records.recordFailure(personPk, now, FAILURE_MEMORY);
        return answer(false, personId, false, null, reasons);
    }

    /** The keys of the session's images that Rekognition wrote to the bucket. */
    private List<String> imageKeys(GetFaceLivenessSessionResultsResponse results) {
        List<String> keys = new ArrayList<>();
        if (results.referenceImage() != null) {
            addKey(keys, results.referenceImage());
        }
        if (results.hasAuditImages()) {
            results.auditImages().forEach(image -> addKey(keys, image));
        }
        return keys;
    }

    private void addKey(List<String> keys, AuditImage image) {
        if (image.s3Object() != null
                && bucket.equals(image.s3Object().bucket())
                && image.s3Object().name() != null
                && image.s3Object().name().startsWith(config.prefix())) {
            keys.add(image.s3Object().name());
        }
    }

    private String referenceKey(GetFaceLivenessSessionResultsResponse results) {
        List<String> keys = new ArrayList<>();
        if (results.referenceImage() != null) {
            addKey(keys, results.referenceImage());
        }
        return keys.isEmpty() ? null : keys.get(0);
    }

    private static byte[] answer(
            boolean verified, String personId, boolean live, Boolean faceMatched, List<LiveReason> reasons) {
        try (JsonWriter json = JsonWriter.create()) {
            json.writeStartObject();
            json.writeFieldName("verified").writeValue(verified);
            json.writeFieldName("personId").writeValue(personId);
            json.writeFieldName("live").writeValue(live);
            if (faceMatched != null) {
                json.writeFieldName("faceMatched").writeValue(faceMatched);
            }
            json.writeFieldName("reasons").writeStartArray();
            reasons.forEach(reason -> json.writeValue(reason.name()));
            json.writeEndArray();
            return json.writeEndObject().getBytes();
        }
    }
}
