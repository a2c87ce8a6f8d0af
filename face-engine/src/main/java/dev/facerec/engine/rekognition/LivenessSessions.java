package dev.facerec.engine.rekognition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Face Liveness sessions of the server, in memory (a session lives minutes; a restart forgets them). A session
 * is {@code CREATED} until frames are submitted for it ({@code SUCCEEDED} or {@code FAILED}), and {@code EXPIRED}
 * once {@link #EXPIRY} has passed without a submission, as on AWS. The clock can be moved forward
 * ({@link #advance}) so that expiry can be tested without waiting.
 */
final class LivenessSessions {

    /** A session not completed within this time expires (AWS: 3 minutes). */
    static final Duration EXPIRY = Duration.ofMinutes(3);

    /** Where a session's images go: an S3 bucket and key prefix, or nowhere (bytes in the results). */
    record Output(String bucket, String keyPrefix) {}

    /** What CreateFaceLivenessSession asked for. */
    record Settings(Output output, int auditImagesLimit, String kmsKeyId) {}

    /**
     * An image of a completed session: its bytes (inline when there is no output), or where it was written, and
     * the face's box.
     */
    record Image(byte[] bytes, String bucket, String key, dev.facerec.engine.analysis.DetectedFace.Box box) {}

    /** A completed session's outcome. */
    record Result(String status, Float confidence, Image reference, List<Image> audit) {}

    /** One session: when it was created, its settings and, once completed, its result. */
    record Session(String id, Instant created, Settings settings, Result result) {}

    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> byToken = new ConcurrentHashMap<>();
    private volatile Duration offset = Duration.ZERO;

    LivenessSessions(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant().plus(offset);
    }

    /** Moves the sessions' clock forward (expiry tests). */
    void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        offset = offset.plus(duration);
    }

    /** A new session, or the one created earlier with the same client request token. */
    Session create(Settings settings, String token) {
        if (token != null) {
            String id = byToken.computeIfAbsent(token, t -> newSession(settings).id());
            return sessions.get(id);
        }
        return newSession(settings);
    }

    private Session newSession(Settings settings) {
        Session session = new Session(UUID.randomUUID().toString(), now(), settings, null);
        sessions.put(session.id(), session);
        return session;
    }

    Optional<Session> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** The session's status now: its result's, else CREATED or EXPIRED. */
    String status(Session session) {
        if (session.result() != null) {
            return session.result().status();
        }
        return expired(session) ? "EXPIRED" : "CREATED";
    }

    boolean expired(Session session) {
        return session.result() == null && !now().isBefore(session.created().plus(EXPIRY));
    }

    /**
     * Records the result of a session that is still open.
     *
     * @return false when the session was completed meanwhile
     */
    boolean complete(Session open, Result result) {
        return sessions.replace(open.id(), open, new Session(open.id(), open.created(), open.settings(), result));
    }
}
