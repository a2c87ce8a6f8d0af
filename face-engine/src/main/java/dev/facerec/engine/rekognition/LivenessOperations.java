package dev.facerec.engine.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.engine.analysis.DetectedFace;
import dev.facerec.engine.analysis.ImageException;
import dev.facerec.engine.analysis.LivenessScore;
import dev.facerec.engine.rekognition.LivenessSessions.Image;
import dev.facerec.engine.rekognition.LivenessSessions.Output;
import dev.facerec.engine.rekognition.LivenessSessions.Result;
import dev.facerec.engine.rekognition.LivenessSessions.Session;
import dev.facerec.engine.rekognition.LivenessSessions.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Face Liveness: CreateFaceLivenessSession and GetFaceLivenessSessionResults as Rekognition answers them, and
 * {@link #submit}, the server's stand-in for the video selfie that AWS's FaceLivenessDetector component streams
 * (StartFaceLivenessSession, a streaming API the server does not offer): one still or a few frames, each scored by
 * the engine's passive liveness model. The session's confidence is the mean of the frames' scores (100 × P(real);
 * a frame without a face scores 0); the reference image is the frame scored highest, the audit images the other
 * frames (up to {@code AuditImagesLimit}). With an {@code OutputConfig} they are written to S3 under
 * {@code <S3KeyPrefix><SessionId>/}; without, the results carry their bytes. No challenge is run: a still cannot
 * show one.
 */
final class LivenessOperations {

    static final Pattern SESSION_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final int MAX_AUDIT_IMAGES = 4;
    static final int MAX_FRAMES = 10;
    private static final int S3_KEY_PREFIX_MAX = 950;
    private static final String CHALLENGE = "FaceMovementAndLightChallenge";

    private final ServiceContext context;
    private final LivenessSessions sessions;
    private final S3Client s3;

    LivenessOperations(ServiceContext context, LivenessSessions sessions, S3Client s3) {
        this.context = context;
        this.sessions = sessions;
        this.s3 = s3;
    }

    void registerInto(Map<String, Operation> operations) {
        operations.put("CreateFaceLivenessSession", this::create);
        operations.put("GetFaceLivenessSessionResults", this::results);
    }

    LivenessSessions sessions() {
        return sessions;
    }

    private JsonNode create(RequestReader request) {
        String token = request.optionalString(
                "ClientRequestToken", Constraints.CLIENT_REQUEST_TOKEN, Constraints.CLIENT_REQUEST_TOKEN_MAX);
        String kmsKeyId = request.optionalString("KmsKeyId", Pattern.compile("[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]*"), 2048);
        JsonNode settings = request.node("Settings");
        Output output = null;
        int auditLimit = 0;
        if (settings != null) {
            RequestReader reader = new RequestReader(request.operation(), (ObjectNode) settings);
            auditLimit = reader.optionalInt("AuditImagesLimit", 0, MAX_AUDIT_IMAGES, 0);
            JsonNode config = reader.node("OutputConfig");
            if (config != null) {
                RequestReader out = new RequestReader(request.operation(), (ObjectNode) config);
                String bucket = out.requiredString("S3Bucket", Constraints.S3_BUCKET, 255);
                String prefix = out.optionalString("S3KeyPrefix", Pattern.compile("\\S*"), S3_KEY_PREFIX_MAX);
                if (bucket.length() < 3) {
                    throw RequestReader.violation("Settings.OutputConfig.S3Bucket", "Member must have length >= 3");
                }
                if (s3 == null) {
                    throw new RekognitionException(
                            ErrorType.ACCESS_DENIED, "This server has no S3 endpoint to write liveness images to");
                }
                output = new Output(bucket, prefix == null ? "" : prefix);
            }
        }
        Session session = sessions.create(new Settings(output, auditLimit, kmsKeyId), token);
        return Json.object().put("SessionId", session.id());
    }

    private JsonNode results(RequestReader request) {
        Session session = session(request.requiredString("SessionId", SESSION_ID, 36));
        ObjectNode response = Json.object();
        response.put("SessionId", session.id());
        response.put("Status", sessions.status(session));
        Result result = session.result();
        if (result != null) {
            if (result.confidence() != null) {
                response.put("Confidence", result.confidence());
            }
            if (result.reference() != null) {
                response.set("ReferenceImage", image(result.reference()));
            }
            ArrayNode audit = response.putArray("AuditImages");
            result.audit().forEach(image -> audit.add(image(image)));
            response.putObject("Challenge").put("Type", CHALLENGE).put("Version", "1.0.0");
        }
        return response;
    }

    /**
     * Completes an open session with {@code frames} (JPEG or PNG, 1 to {@link #MAX_FRAMES}): the stand-in for the
     * video selfie. Answers what GetFaceLivenessSessionResults will.
     */
    JsonNode submit(String sessionId, List<byte[]> frames) {
        if (!SESSION_ID.matcher(sessionId).matches()) {
            throw new RekognitionException(ErrorType.SESSION_NOT_FOUND, "The session id is not a valid session id");
        }
        if (frames.isEmpty() || frames.size() > MAX_FRAMES) {
            throw RekognitionException.invalidParameter("Give 1 to " + MAX_FRAMES + " frames");
        }
        Session session = session(sessionId);
        if (!"CREATED".equals(sessions.status(session))) {
            throw RekognitionException.invalidParameter(
                    "The session is " + sessions.status(session) + ": only a CREATED session takes frames");
        }
        List<Optional<LivenessScore>> scores = new ArrayList<>();
        for (byte[] frame : frames) {
            scores.add(score(frame));
        }
        int best = -1;
        float sum = 0;
        for (int i = 0; i < scores.size(); i++) {
            float live = scores.get(i).map(LivenessScore::live).orElse(0f);
            sum += live;
            if (scores.get(i).isPresent()
                    && (best < 0 || live > scores.get(best).get().live())) {
                best = i;
            }
        }
        Result result;
        if (best < 0) {
            result = new Result("FAILED", null, null, List.of());
        } else {
            Settings settings = session.settings();
            Image reference = store(session, settings.output(), "reference", frames.get(best), scores.get(best));
            List<Image> audit = new ArrayList<>();
            for (int i = 0; i < frames.size() && audit.size() < settings.auditImagesLimit(); i++) {
                if (i != best || frames.size() == 1) {
                    audit.add(store(
                            session, settings.output(), "audit/" + (audit.size() + 1), frames.get(i), scores.get(i)));
                }
            }
            result = new Result("SUCCEEDED", 100 * sum / frames.size(), reference, audit);
        }
        if (!sessions.complete(session, result)) {
            throw RekognitionException.invalidParameter("The session was completed by another submission");
        }
        return results(
                new RequestReader("GetFaceLivenessSessionResults", Json.object().put("SessionId", sessionId)));
    }

    private Optional<LivenessScore> score(byte[] frame) {
        try {
            return context.engine.liveness(frame);
        } catch (ImageException e) {
            throw new RekognitionException(ErrorType.INVALID_IMAGE_FORMAT, "A frame is not a valid JPEG or PNG image");
        }
    }

    private Image store(Session session, Output output, String name, byte[] frame, Optional<LivenessScore> score) {
        DetectedFace.Box box = score.map(LivenessScore::box).orElse(null);
        if (output == null) {
            return new Image(frame, null, null, box);
        }
        boolean png = frame.length > 3 && (frame[0] & 0xff) == 0x89 && frame[1] == 'P';
        String key = output.keyPrefix() + session.id() + "/" + name + (png ? ".png" : ".jpg");
        try {
            s3.putObject(
                    b -> b.bucket(output.bucket()).key(key).contentType(png ? "image/png" : "image/jpeg"),
                    RequestBody.fromBytes(frame));
        } catch (SdkException e) {
            throw new RekognitionException(
                    ErrorType.ACCESS_DENIED, "The liveness images could not be written to the session's S3 bucket");
        }
        return new Image(null, output.bucket(), key, box);
    }

    private Session session(String id) {
        return sessions.find(id)
                .orElseThrow(() -> new RekognitionException(
                        ErrorType.SESSION_NOT_FOUND, "Session not found: the session id does not exist"));
    }

    private static ObjectNode image(Image image) {
        ObjectNode node = Json.object();
        if (image.bytes() != null) {
            node.put("Bytes", image.bytes());
        } else {
            node.putObject("S3Object").put("Bucket", image.bucket()).put("Name", image.key());
        }
        if (image.box() != null) {
            DetectedFace.Box b = image.box();
            node.set("BoundingBox", Json.box(b.left(), b.top(), b.width(), b.height()));
        }
        return node;
    }
}
