package dev.facerec.functions.identity;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.consent.ConsentGate;
import dev.facerec.functions.core.consent.ConsentSettings;
import dev.facerec.functions.core.consent.ConsentStore;
import dev.facerec.functions.core.erasure.PersonErasure;
import dev.facerec.functions.core.liveness.LivenessRecords;
import dev.facerec.functions.core.recognition.FaceRecognizer;
import dev.facerec.functions.core.retention.Interactions;
import dev.facerec.functions.core.status.RejectedException;
import dev.facerec.functions.core.storage.ObjectVersions;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Clock;
import java.util.List;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Lambda entry point of the identity API ({@code dev.facerec.functions.identity.IdentityApiHandler::handleRequest}):
 * API Gateway HTTP API events (payload format 2.0), routed by their route key to the services. Every answer is JSON;
 * errors are {@code {"code", "message"}} (docs/api.md). Under SnapStart, {@link #beforeCheckpoint} primes the
 * function before the snapshot ({@link Priming}).
 */
public final class IdentityApiHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {

    static final String VERIFY = "POST /people/{personId}/verify";
    static final String IDENTIFY = "POST /identify";
    static final String LIST_PEOPLE = "GET /people";
    static final String GET_PERSON = "GET /people/{personId}";
    static final String DELETE_PERSON = "DELETE /people/{personId}";
    static final String PUT_CONSENT = "PUT /people/{personId}/consent";
    static final String GET_CONSENT = "GET /people/{personId}/consent";
    static final String DELETE_CONSENT = "DELETE /people/{personId}/consent";
    static final String CREATE_PHOTO = "POST /people/{personId}/photos";
    static final String GET_PHOTO = "GET /people/{personId}/photos/{photoId}";
    static final String CREATE_LIVENESS_SESSION = "POST /liveness/sessions";
    static final String VERIFY_LIVE = "POST /people/{personId}/verify-live";

    private final ProbeReader probes;
    private final VerificationService verification;
    private final IdentificationService identification;
    private final PeopleService people;
    private final PhotoUploads photos;
    private final ConsentService consent;
    /** {@code null} when liveness is off. */
    private final LivenessService liveness;

    private final Tenant tenant;
    private final Interactions interactions;
    private final Clock clock;

    /** Used by Lambda: clients and settings from the environment, built once per container (and snapshot). */
    public IdentityApiHandler() {
        this(
                AwsClients.fromEnvironment(),
                IdentityApiConfig.fromEnvironment(System.getenv()),
                LivenessConfig.fromEnvironment(System.getenv()),
                Presigners.fromEnvironment(System.getenv()),
                ConsentSettings.fromEnvironment(System.getenv()),
                Clock.systemUTC());
        Core.getGlobalContext().register(this);
    }

    /** Used by tests: the given clients, settings and presigner; liveness off. */
    IdentityApiHandler(AwsClients clients, IdentityApiConfig config, S3Presigner presigner, Clock clock) {
        this(clients, config, null, presigner, clock);
    }

    /** Used by tests: the given clients, settings (liveness off when {@code livenessConfig} is null), presigner. */
    IdentityApiHandler(
            AwsClients clients,
            IdentityApiConfig config,
            LivenessConfig livenessConfig,
            S3Presigner presigner,
            Clock clock) {
        this(clients, config, livenessConfig, presigner, ConsentSettings.NOT_REQUIRED, clock);
    }

    /** Used by tests: the given clients, settings, presigner and consent settings; liveness off. */
    IdentityApiHandler(
            AwsClients clients,
            IdentityApiConfig config,
            S3Presigner presigner,
            ConsentSettings consentSettings,
            Clock clock) {
        this(clients, config, null, presigner, consentSettings, clock);
    }

    /** The given clients, settings, presigner and consent settings (liveness off when {@code livenessConfig} is null). */
    IdentityApiHandler(
            AwsClients clients,
            IdentityApiConfig config,
            LivenessConfig livenessConfig,
            S3Presigner presigner,
            ConsentSettings consentSettings,
            Clock clock) {
        ConsentGate gate = ConsentGate.of(
                consentSettings, clients.dynamoDb(), config.function().tableName(), clock);
        Tenant tenant = Tenant.shared(config.function().collectionId());
        this.tenant = tenant;
        this.clock = clock;
        this.interactions =
                new Interactions(clients.dynamoDb(), config.function().tableName());
        PeopleDirectory directory =
                new PeopleDirectory(clients.dynamoDb(), config.function().tableName(), tenant);
        LivenessRecords records = new LivenessRecords(
                clients.dynamoDb(), config.function().tableName(), new ObjectVersions(clients.s3(), config.bucket()));
        this.probes =
                new ProbeReader(clients.s3(), config.bucket(), config.function().recognizePrefix());
        this.verification =
                new VerificationService(clients.rekognition(), tenant, config.verificationThreshold(), directory, gate);
        this.identification = new IdentificationService(
                clients.rekognition(),
                new FaceRecognizer(
                        clients.rekognition(),
                        clients.dynamoDb(),
                        config.function().tableName(),
                        config.function().faceMatchThreshold(),
                        gate),
                tenant,
                clock);
        this.people = new PeopleService(
                config.function().enrollPrefix(),
                tenant,
                directory,
                new PersonErasure(clients, config.function(), config.bucket(), consentSettings.prefix(), clock));
        this.consent = new ConsentService(
                new ConsentStore(clients.dynamoDb(), config.function().tableName()), tenant, clock, people::erase);
        this.photos = new PhotoUploads(clients.s3(), presigner, clients.dynamoDb(), config, clock);
        this.liveness = livenessConfig == null
                ? null
                : new LivenessService(
                        clients.rekognition(),
                        config.bucket(),
                        livenessConfig,
                        tenant,
                        directory,
                        verification,
                        probes,
                        records,
                        clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String route = event.getRouteKey() == null ? "" : event.getRouteKey();
        long start = System.nanoTime();
        APIGatewayV2HTTPResponse response = answer(route, event, context);
        if (context != null) {
            // The route key names the route's template ({personId}), never the person.
            context.getLogger()
                    .log(
                            "route=\"" + route + "\" status=" + response.getStatusCode() + " ms="
                                    + (System.nanoTime() - start) / 1_000_000,
                            LogLevel.INFO);
        }
        return response;
    }

    private APIGatewayV2HTTPResponse answer(String route, APIGatewayV2HTTPEvent event, Context context) {
        try {
            return route(route, event);
        } catch (ApiException error) {
            return ApiResponses.error(error);
        } catch (RejectedException rejected) {
            return ApiResponses.error(ProbeReader.rejection(rejected, false));
        } catch (RekognitionException error) {
            return ApiResponses.error(RekognitionFailures.toApi(error));
        } catch (SdkServiceException error) {
            if (error.isThrottlingException()) {
                return ApiResponses.error(new ApiException(
                        429,
                        "THROTTLED",
                        "too many requests: try again shortly",
                        RekognitionFailures.RETRY_AFTER_SECONDS));
            }
            return internalError(error, context);
        } catch (RuntimeException error) {
            return internalError(error, context);
        }
    }

    private APIGatewayV2HTTPResponse route(String route, APIGatewayV2HTTPEvent event) {
        return switch (route) {
            case VERIFY -> {
                String personId = Requests.personId(event);
                Verification answer = verification.verify(personId, probes.read(event));
                if (answer.verified()) {
                    // A verification is an interaction: the retention schedule counts from the last one.
                    interactions.record(tenant, personId, clock.instant());
                }
                yield ApiResponses.json(200, answer.toJson());
            }
            case IDENTIFY -> ApiResponses.json(200, identification.identify(probes.read(event)));
            case LIST_PEOPLE ->
                ApiResponses.json(200, people.list(Requests.query(event, "limit"), Requests.query(event, "cursor")));
            case GET_PERSON -> ApiResponses.json(200, people.get(Requests.personId(event)));
            case DELETE_PERSON ->
                ApiResponses.json(200, people.delete(Requests.personId(event), Requests.principal(event)));
            case CREATE_PHOTO -> ApiResponses.json(201, photos.create(Requests.personId(event)));
            case GET_PHOTO -> {
                String personId = Requests.personId(event);
                yield ApiResponses.json(200, photos.status(personId, Requests.photoId(event)));
            }
            case CREATE_LIVENESS_SESSION -> ApiResponses.json(201, livenessOn().createSession());
            case VERIFY_LIVE -> {
                String personId = Requests.personId(event);
                yield ApiResponses.json(200, livenessOn().verifyLive(personId, Requests.jsonObject(event)));
            }
            case PUT_CONSENT -> {
                String personId = Requests.personId(event);
                yield ApiResponses.json(200, consent.put(personId, Requests.bodyBytes(event)));
            }
            case GET_CONSENT -> ApiResponses.json(200, consent.get(Requests.personId(event)));
            case DELETE_CONSENT ->
                ApiResponses.json(200, consent.withdraw(Requests.personId(event), Requests.principal(event)));
            default -> throw new ApiException(404, "ROUTE_NOT_FOUND", "no such route");
        };
    }

    private LivenessService livenessOn() {
        if (liveness == null) {
            throw new ApiException(404, "ROUTE_NOT_FOUND", "liveness is not enabled on this API");
        }
        return liveness;
    }

    private static APIGatewayV2HTTPResponse internalError(RuntimeException error, Context context) {
        if (context != null) {
            // The class only: messages of SDK errors can quote keys.
            context.getLogger().log("internal error: " + error.getClass().getName(), LogLevel.ERROR);
        }
        return ApiResponses.error(new ApiException(500, "INTERNAL_ERROR", "the request could not be completed"));
    }

    /** SnapStart: primes the function (no AWS call) before the snapshot is taken. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(this);
    }

    /** The priming {@link #beforeCheckpoint} does; the status of each request it made. */
    List<Integer> prime() {
        return Priming.prime(this);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: the SDK clients resolve credentials when they are first used after a restore.
    }
}
