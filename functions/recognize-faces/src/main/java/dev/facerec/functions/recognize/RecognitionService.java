package dev.facerec.functions.recognize;

import static dev.facerec.functions.core.table.StatusAttributes.FACE_COUNT;
import static dev.facerec.functions.core.table.StatusAttributes.RESULT_KEY;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.consent.ConsentGate;
import dev.facerec.functions.core.consent.ConsentSettings;
import dev.facerec.functions.core.erasure.Mentions;
import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.handler.ObjectEventRunner;
import dev.facerec.functions.core.handler.OutcomeLog;
import dev.facerec.functions.core.image.ImageInspector;
import dev.facerec.functions.core.image.ImageLimits;
import dev.facerec.functions.core.image.InspectedImage;
import dev.facerec.functions.core.image.S3ObjectSource;
import dev.facerec.functions.core.recognition.FaceRecognizer;
import dev.facerec.functions.core.recognition.IdentityStatus;
import dev.facerec.functions.core.recognition.ImageDecoder;
import dev.facerec.functions.core.recognition.RecognizedFace;
import dev.facerec.functions.core.recognition.ResultDocument;
import dev.facerec.functions.core.rekognition.RekognitionErrors;
import dev.facerec.functions.core.sightings.SightingsLogConfig;
import dev.facerec.functions.core.status.ObjectStatus;
import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.Claim;
import dev.facerec.functions.core.table.StatusAttributes;
import dev.facerec.functions.core.table.StatusChange;
import dev.facerec.functions.core.table.StatusStore;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.tenant.Tenancy;
import dev.facerec.functions.core.tenant.Tenant;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Recognition: for a photo under the recognise prefix, DetectFaces (all attributes) finds every face; each face is
 * cropped from the decoded photo and searched among the collection's users; the result is written as JSON under
 * the results prefix (never under a prefix that triggers a function) and recorded in a result row; every person it
 * names gets a mention row first ({@link Mentions}), which erasure follows. The mention and result rows are written
 * only while no named person's erasure has begun ({@link ErasureGuard}); a person whose erasure began after the search
 * matched them is answered {@code ERASED}. Status, result row and TTL follow docs/functions.md.
 */
public final class RecognitionService {

    /** The {@code kind} recorded on recognition status rows. */
    public static final String KIND = "RECOGNIZE";
    /** Suffix of result objects. */
    public static final String RESULT_SUFFIX = ".json";

    private final FunctionConfig config;
    private final S3Client s3;
    private final RekognitionClient rekognition;
    private final Clock clock;
    private final ObjectEventRunner runner;
    private final ImageInspector inspector;
    private final Tenancy tenancy;
    private final FaceRecognizer recognizer;
    private final EventPublisher events;
    private final SightingsLog sightings;
    private final ErasureGuard guard;

    public RecognitionService(AwsClients clients, FunctionConfig config, Clock clock, EventPublisher events) {
        this(clients, config, clock, events, SightingsLogConfig.OFF);
    }

    /** With the sightings log ({@link SightingsLog}) as {@code sightingsLog} says; consent not required. */
    public RecognitionService(
            AwsClients clients,
            FunctionConfig config,
            Clock clock,
            EventPublisher events,
            SightingsLogConfig sightingsLog) {
        this(clients, config, clock, events, sightingsLog, ConsentSettings.NOT_REQUIRED);
    }

    /** With the sightings log and consent as given: people without valid consent are not named. */
    public RecognitionService(
            AwsClients clients,
            FunctionConfig config,
            Clock clock,
            EventPublisher events,
            SightingsLogConfig sightingsLog,
            ConsentSettings consent) {
        this.config = config;
        this.s3 = clients.s3();
        this.rekognition = clients.rekognition();
        this.clock = clock;
        this.tenancy = new Tenancy(config, clients.dynamoDb());
        this.runner = new ObjectEventRunner(
                new StatusStore(clients.dynamoDb(), config.tableName(), clock, tenancy::tenantIdOf));
        this.inspector = new ImageInspector(clients.s3(), ImageLimits.REKOGNITION);
        this.recognizer = new FaceRecognizer(
                clients.rekognition(),
                clients.dynamoDb(),
                config.tableName(),
                config.faceMatchThreshold(),
                ConsentGate.of(consent, clients.dynamoDb(), config.tableName(), clock));
        this.events = events;
        this.sightings = new SightingsLog(sightingsLog, clients, config.tableName(), clock);
        this.guard = new ErasureGuard(clients.dynamoDb(), config.tableName(), clock);
    }

    /** Processes one event; returns its outcome. Deletions under the recognise prefix need no work. */
    public String process(S3ObjectEvent event, Duration lease, OutcomeLog log) {
        if (!event.isCreated()) {
            log.outcome(event.eventName(), event.bucket(), event.key(), "IGNORED", null);
            return "IGNORED";
        }
        if (tenancy.erased(event)) {
            log.outcome(event.eventName(), event.bucket(), event.key(), "IGNORED", "TENANT_ERASED");
            return "IGNORED";
        }
        return runner.run(event, KIND, lease, log, this::recognize, this::expiring);
    }

    /** Where the result of a photo goes: the results prefix, the key after the recognise prefix, ".json". */
    public String resultKey(String key) {
        return config.resultsPrefix() + key.substring(config.recognizePrefix().length()) + RESULT_SUFFIX;
    }

    private StatusChange recognize(Claim claim) {
        S3ObjectEvent event = claim.event();
        if (!event.key().startsWith(config.recognizePrefix()) || event.key().endsWith("/")) {
            throw new RejectedException(Reason.INVALID_KEY, "a photo to recognise goes under the recognise prefix");
        }
        Tenant tenant = tenancy.of(event.key(), config.recognizePrefix());
        InspectedImage image = inspector.inspect(event);
        List<FaceDetail> details = detect(event);
        if (details.isEmpty()) {
            throw new RejectedException(Reason.NO_FACE, "no face was found in the photo");
        }
        byte[] bytes = S3ObjectSource.download(s3, event.bucket(), event.key(), event.versionId(), event.eTag());
        BufferedImage decoded = ImageDecoder.decode(bytes, image.header());
        // The time of the search: an erasure that finished before it left nothing of the person to match.
        Instant searched = clock.instant();
        List<RecognizedFace> faces = recognizer.identify(tenant, decoded, details);
        SightingsOutcome logged = sightings.log(event, faces);
        Instant now = clock.instant();
        String resultKey = resultKey(event.key());
        Set<String> erased = new LinkedHashSet<>(
                guard.mentions(tenant, searched, mentions(tenant, event, resultKey, faces, logged)));
        faces = ErasureGuard.unnamed(faces, erased);
        List<String> versions = new ArrayList<>();
        // Each further pass leaves at least one more person unnamed: at most one pass per person named.
        while (true) {
            versions.add(writeResult(
                    event.bucket(),
                    resultKey,
                    ResultDocument.build(event, image.header(), config.faceMatchThreshold(), now, faces)));
            Set<String> late =
                    guard.row(tenant, searched, named(faces), resultRow(tenant, event, resultKey, faces, now));
            if (late.isEmpty()) {
                break;
            }
            // Erased after their mention was written: that erasure may have passed the result already.
            erased.addAll(late);
            faces = ErasureGuard.unnamed(faces, late);
        }
        // Published before the final transaction: if it fails, the claim is released and Lambda retries the whole
        // photo (at least once; a retry after a later failure may publish twice, with the same id).
        events.publish(event, resultKey, now, faces);
        StatusChange change = logged.onto(StatusChange.to(ObjectStatus.RECOGNIZED)
                .set(FACE_COUNT, AttributeValues.n(faces.size()))
                .set(RESULT_KEY, AttributeValues.s(resultKey)));
        if (erased.isEmpty()) {
            return change;
        }
        // An expected race, not an error: people identified just before their erasure are not named anywhere.
        deleteEarlierVersions(event.bucket(), resultKey, versions);
        sightings.forget(logged, erased);
        return change.set(StatusAttributes.REASON, AttributeValues.s(ErasureGuard.PERSON_ERASED));
    }

    private List<FaceDetail> detect(S3ObjectEvent event) {
        try {
            return rekognition
                    .detectFaces(b -> b.attributes(Attribute.ALL)
                            .image(i -> i.s3Object(o ->
                                    o.bucket(event.bucket()).name(event.key()).version(event.versionId()))))
                    .faceDetails();
        } catch (RekognitionException e) {
            throw RekognitionErrors.toRejection(e);
        }
    }

    /**
     * The mention rows of the people the result names ({@link Mentions}), written before the result so that no
     * result names a person without the person's partition leading to it.
     */
    private Map<String, Map<String, AttributeValue>> mentions(
            Tenant tenant, S3ObjectEvent event, String resultKey, List<RecognizedFace> faces, SightingsOutcome logged) {
        // As long as the result, or the sightings it leads to when they are kept longer.
        long ttl = Math.max(expiry(), logged.expiresAt());
        Map<String, Map<String, AttributeValue>> rows = new LinkedHashMap<>();
        for (String personId : named(faces)) {
            rows.put(
                    personId,
                    Mentions.row(
                            tenant,
                            personId,
                            event.bucket(),
                            event.key(),
                            resultKey,
                            logged.sightingsOf(personId),
                            ttl));
        }
        return rows;
    }

    /** The people {@code faces} name, once each. */
    private static List<String> named(List<RecognizedFace> faces) {
        return faces.stream()
                .map(face -> face.identity().personId())
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }

    /** Deletes the versions of the result this invocation wrote before its last one: they name erased people. */
    private void deleteEarlierVersions(String bucket, String resultKey, List<String> versions) {
        versions.subList(0, versions.size() - 1).stream()
                .filter(Objects::nonNull)
                .forEach(version ->
                        s3.deleteObject(b -> b.bucket(bucket).key(resultKey).versionId(version)));
    }

    /** Results go to the photo's bucket, under the results prefix. */
    private String writeResult(String bucket, String resultKey, byte[] json) {
        return s3.putObject(
                        b -> b.bucket(bucket).key(resultKey).contentType("application/json"),
                        RequestBody.fromBytes(json))
                .versionId();
    }

    private Map<String, AttributeValue> resultRow(
            Tenant tenant, S3ObjectEvent event, String resultKey, List<RecognizedFace> faces, Instant now) {
        long identified = faces.stream()
                .filter(f -> f.identity().status() == IdentityStatus.IDENTIFIED)
                .count();
        Map<String, AttributeValue> item = tenant.tag(
                new HashMap<>(TableKeys.key(TableKeys.objectPk(event.bucket(), event.key()), TableKeys.RESULT)));
        item.put("resultBucket", AttributeValues.s(event.bucket()));
        item.put("resultKey", AttributeValues.s(resultKey));
        item.put("faceCount", AttributeValues.n(faces.size()));
        item.put("identifiedCount", AttributeValues.n(identified));
        item.put(
                "personIds",
                AttributeValues.l(faces.stream()
                        .filter(f -> f.identity().personId() != null)
                        .map(f -> AttributeValues.s(f.identity().personId()))
                        .distinct()
                        .toList()));
        Map<String, AttributeValue> personLists = new TreeMap<>();
        faces.stream()
                .filter(f -> f.identity().personId() != null)
                .forEach(f -> personLists.put(f.identity().personId(), AttributeValues.strings(f.lists())));
        item.put("personLists", AttributeValues.m(personLists));
        item.put("lists", AttributeValues.strings(ResultDocument.matchedLists(faces)));
        item.put("processedAt", AttributeValues.s(now.toString()));
        if (event.versionId() != null) {
            item.put("sourceVersionId", AttributeValues.s(event.versionId()));
        }
        if (event.eTag() != null) {
            item.put("sourceETag", AttributeValues.s(event.eTag()));
        }
        item.put(TableKeys.TTL, AttributeValues.n(expiry()));
        return item;
    }

    /** Recognition rows expire: the status row gets the same TTL as the result row. */
    private StatusChange expiring(StatusChange change) {
        return change.set(TableKeys.TTL, AttributeValues.n(expiry()));
    }

    private long expiry() {
        return clock.instant().plus(Duration.ofDays(config.resultTtlDays())).getEpochSecond();
    }
}
