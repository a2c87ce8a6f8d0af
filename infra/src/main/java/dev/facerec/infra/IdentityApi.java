package dev.facerec.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.IHttpRouteAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Version;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The identity API of a {@link FaceRecognition} ({@link IdentityApiOptions}): an HTTP API whose routes invoke the
 * identity function's {@code live} alias (a published version, restored from its SnapStart snapshot), IAM-authorised
 * by default or JWT-authorised, throttled on its stage, with access logs (no paths: they hold person ids) in a log
 * group with the pipeline's retention. The function's role holds exactly what its code calls. Routes and schemas:
 * docs/api.md.
 */
public final class IdentityApi extends Construct {

    static final String HANDLER = "dev.facerec.functions.identity.IdentityApiHandler::handleRequest";
    /** Under the HTTP API integration's 30 s limit. */
    static final Duration TIMEOUT = Duration.seconds(29);
    /** The alias the API invokes. */
    static final String ALIAS = "live";

    static final String STAGE = "$default";
    /** One JSON line per request; the route key, never the path (which holds person ids). */
    static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\",\"requestTime\":"
            + "\"$context.requestTime\",\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\","
            + "\"protocol\":\"$context.protocol\",\"responseLength\":\"$context.responseLength\",\"sourceIp\":"
            + "\"$context.identity.sourceIp\",\"integrationError\":\"$context.integrationErrorMessage\"}";

    /** Reads of people, deletes of an erased person's rows, and the put of the person's erasure mark. */
    static final List<String> TABLE_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:DeleteItem", "dynamodb:PutItem");

    static final List<String> INDEX_ACTIONS = List.of("dynamodb:Query");
    static final List<String> COLLECTION_ACTIONS =
            List.of("rekognition:SearchUsersByImage", "rekognition:DeleteUser", "rekognition:DeleteFaces");

    /** A route: method and path (with {@code {name}} variables). */
    record Route(HttpMethod method, String path) {
        /** The path as an IAM resource: every variable matches any one segment value. */
        String resourcePath() {
            return path.replaceAll("\\{[^}]+}", "*");
        }
    }

    static final Route VERIFY = new Route(HttpMethod.POST, "/people/{personId}/verify");
    static final Route IDENTIFY = new Route(HttpMethod.POST, "/identify");
    static final Route LIST_PEOPLE = new Route(HttpMethod.GET, "/people");
    static final Route GET_PERSON = new Route(HttpMethod.GET, "/people/{personId}");
    static final Route DELETE_PERSON = new Route(HttpMethod.DELETE, "/people/{personId}");
    static final Route CREATE_PHOTO = new Route(HttpMethod.POST, "/people/{personId}/photos");
    static final Route GET_PHOTO = new Route(HttpMethod.GET, "/people/{personId}/photos/{photoId}");
    static final Route PUT_CONSENT = new Route(HttpMethod.PUT, "/people/{personId}/consent");
    static final Route GET_CONSENT = new Route(HttpMethod.GET, "/people/{personId}/consent");
    static final Route DELETE_CONSENT = new Route(HttpMethod.DELETE, "/people/{personId}/consent");
    static final List<Route> READ_ROUTES = List.of(LIST_PEOPLE, GET_PERSON, GET_PHOTO, GET_CONSENT);
    static final List<Route> MANAGE_ROUTES = List.of(DELETE_PERSON, CREATE_PHOTO, PUT_CONSENT, DELETE_CONSENT);
    static final List<Route> ROUTES = List.of(
            VERIFY,
            IDENTIFY,
            LIST_PEOPLE,
            GET_PERSON,
            DELETE_PERSON,
            CREATE_PHOTO,
            GET_PHOTO,
            PUT_CONSENT,
            GET_CONSENT,
            DELETE_CONSENT);

    /**
     * What the API is attached to.
     *
     * @param settings     the pipeline's resolved props
     * @param bucket       the photo bucket
     * @param table        the table of people, faces and statuses
     * @param collection   the pipeline's collection
     * @param environment  the functions' common environment
     */
    record Wiring(
            ResolvedProps settings,
            IBucket bucket,
            Table table,
            IFaceCollection collection,
            Map<String, String> environment) {}

    private final boolean iam;
    private final SecureFunction function;
    private final Alias alias;
    private final HttpApi api;
    private final HttpStage stage;
    private final LogGroup accessLogs;
    private final FaceLiveness liveness;

    private IdentityApi(FaceRecognition scope, IdentityApiOptions options, Wiring wiring) {
        super(scope, "IdentityApi");
        ResolvedProps settings = wiring.settings();
        this.function = new SecureFunction(
                this,
                "Function",
                new FunctionSpec(
                        LambdaAssets.IDENTITY_API,
                        HANDLER,
                        "facerec identity API: verification, identification and people over HTTPS",
                        settings.memorySize(),
                        TIMEOUT,
                        environment(options, wiring),
                        null,
                        FaceRecognition.MAX_EVENT_AGE,
                        // invoked synchronously by the API only: no asynchronous retries, no on-failure queue
                        null,
                        settings.logRetention(),
                        settings.removalPolicy(),
                        settings.tracing()));
        ((CfnFunction) function.getFunction().getNode().getDefaultChild())
                .setSnapStart(CfnFunction.SnapStartProperty.builder()
                        .applyOn("PublishedVersions")
                        .build());
        Version version = function.getFunction().getCurrentVersion();
        this.alias = Alias.Builder.create(this, "Live")
                .aliasName(ALIAS)
                .version(version)
                .description("The version the identity API invokes (SnapStart restores published versions)")
                .build();
        grantFunction(wiring);

        this.iam = options.getJwtIssuer() == null;
        IHttpRouteAuthorizer authorizer = iam
                ? new HttpIamAuthorizer()
                : HttpJwtAuthorizer.Builder.create("Jwt", options.getJwtIssuer())
                        .jwtAudience(options.getJwtAudience())
                        .build();
        this.api = HttpApi.Builder.create(this, "Api")
                .description("facerec identity API")
                .createDefaultStage(false)
                .defaultAuthorizer(authorizer)
                .corsPreflight(options.corsPreflight())
                .build();
        this.accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .encryptionKey(DataProtection.keyOf(scope))
                .retention(settings.logRetention())
                .removalPolicy(settings.removalPolicy())
                .build();
        if (DataProtection.keyOf(scope) == null) {
            NagSuppressions.add(
                    accessLogs, CompliancePacks.NIST + "CloudWatchLogGroupEncrypted", CompliancePacks.NO_KEY);
        }
        LogGroupLogDestination destination = new LogGroupLogDestination(accessLogs);
        this.stage = HttpStage.Builder.create(this, "Stage")
                .httpApi(api)
                .stageName(STAGE)
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(number(options.getThrottlingRateLimit(), IdentityApiOptions.DEFAULT_RATE_LIMIT))
                        .burstLimit(number(options.getThrottlingBurstLimit(), IdentityApiOptions.DEFAULT_BURST_LIMIT))
                        .build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return destination;
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                    }
                })
                .build();
        HttpLambdaIntegration integration =
                HttpLambdaIntegration.Builder.create("Function", alias).build();
        this.liveness = FaceLiveness.attach(this, options.getLiveness(), wiring.bucket(), function.getRole());
        List<Route> routes = new ArrayList<>(ROUTES);
        if (liveness != null) {
            routes.addAll(FaceLiveness.ROUTES);
        }
        for (Route route : routes) {
            api.addRoutes(AddRoutesOptions.builder()
                    .path(route.path())
                    .methods(List.of(route.method()))
                    .integration(integration)
                    .build());
        }
    }

    /** The API of {@code scope} as {@code options} describe it, or {@code null} when they are absent (off). */
    static IdentityApi attach(FaceRecognition scope, IdentityApiOptions options, Wiring wiring) {
        return options == null ? null : new IdentityApi(scope, options, wiring);
    }

    /** The HTTP API; its {@code getApiEndpoint()} is the base URL of the routes. */
    public HttpApi getHttpApi() {
        return api;
    }

    /** The API's stage ({@code $default}: the routes answer at the endpoint's root). */
    public HttpStage getStage() {
        return stage;
    }

    /** The function's role (person erasure adds its grants). */
    Role role() {
        return function.getRole();
    }

    /** The identity function. */
    public IFunction getFunction() {
        return function.getFunction();
    }

    /** The alias (of the function's current published version) the API invokes. */
    public Alias getAlias() {
        return alias;
    }

    /** The access log group of the stage. */
    public LogGroup getAccessLogs() {
        return accessLogs;
    }

    /** The liveness part (identity pool, browser role), or {@code null} without {@link LivenessOptions}. */
    public FaceLiveness getLiveness() {
        return liveness;
    }

    /** {@code POST /liveness/sessions} and {@code POST /people/{personId}/verify-live}: liveness on. */
    public Grant grantVerifyLive(IGrantable grantee) {
        if (liveness == null) {
            throw new IllegalStateException("the identity API has no liveness: set IdentityApiOptions.liveness");
        }
        return grant(grantee, FaceLiveness.ROUTES);
    }

    /** Every route. Only with IAM authorisation (the default). */
    public Grant grantInvoke(IGrantable grantee) {
        List<Route> routes = new ArrayList<>(ROUTES);
        if (liveness != null) {
            routes.addAll(FaceLiveness.ROUTES);
        }
        return grant(grantee, routes);
    }

    /** {@code POST /people/{personId}/verify}: what a door or a login needs. */
    public Grant grantVerify(IGrantable grantee) {
        return grant(grantee, List.of(VERIFY));
    }

    /** {@code POST /identify}. */
    public Grant grantIdentify(IGrantable grantee) {
        return grant(grantee, List.of(IDENTIFY));
    }

    /**
     * {@code GET /people}, {@code GET /people/{personId}}, {@code GET /people/{personId}/photos/{photoId}} and
     * {@code GET /people/{personId}/consent}.
     */
    public Grant grantReadPeople(IGrantable grantee) {
        return grant(grantee, READ_ROUTES);
    }

    /**
     * {@code DELETE /people/{personId}} (erasure), {@code POST /people/{personId}/photos} (enrolment),
     * {@code PUT /people/{personId}/consent} and {@code DELETE /people/{personId}/consent} (withdrawal: erasure).
     */
    public Grant grantManagePeople(IGrantable grantee) {
        return grant(grantee, MANAGE_ROUTES);
    }

    private Grant grant(IGrantable grantee, List<Route> routes) {
        if (!iam) {
            throw new IllegalStateException("the identity API uses a JWT authorizer: IAM grants do not apply to it");
        }
        List<String> arns = new ArrayList<>();
        routes.forEach(route -> arns.add(api.arnForExecuteApi(route.method().name(), route.resourcePath(), STAGE)));
        Grant grant = Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of("execute-api:Invoke"))
                .resourceArns(arns)
                .build());
        if (grantee instanceof IConstruct construct && construct.getNode().tryFindChild("DefaultPolicy") != null) {
            NagSuppressions.add(
                    construct.getNode().findChild("DefaultPolicy"),
                    "AwsSolutions-IAM5",
                    "execute-api:Invoke on the identity API's routes: each '*' stands for one path variable of a"
                            + " route ({personId}, {photoId}), so the grant covers exactly those routes for every person.",
                    NagSuppressions.regex("^Resource::arn:<AWS::Partition>:execute-api:.*/\\$default/[A-Z]+/.*\\*.*$"));
        }
        return grant;
    }

    private static Map<String, String> environment(IdentityApiOptions options, Wiring wiring) {
        Map<String, String> environment = new LinkedHashMap<>(wiring.environment());
        environment.put("BUCKET_NAME", wiring.bucket().getBucketName());
        environment.put(
                "VERIFICATION_THRESHOLD",
                FaceRecognition.plain(
                        options.getVerificationThreshold() != null
                                ? options.getVerificationThreshold()
                                : IdentityApiOptions.DEFAULT_VERIFICATION_THRESHOLD));
        Duration ttl = options.getUploadUrlTtl() != null
                ? options.getUploadUrlTtl()
                : IdentityApiOptions.DEFAULT_UPLOAD_URL_TTL;
        environment.put("UPLOAD_URL_TTL_SECONDS", FaceRecognition.plain(ttl.toSeconds()));
        environment.putAll(FaceLiveness.environment(options.getLiveness()));
        return environment;
    }

    private void grantFunction(Wiring wiring) {
        ResolvedProps settings = wiring.settings();
        var role = function.getRole();
        PrefixGrants.read(wiring.bucket(), role, settings.recognizePrefix());
        PrefixGrants.read(wiring.bucket(), role, settings.enrollPrefix());
        PrefixGrants.write(wiring.bucket(), role, settings.enrollPrefix());
        PrefixGrants.erase(wiring.bucket(), role, settings.enrollPrefix());
        ConsentWiring.grantErasure(wiring.bucket(), role, settings);
        FaceTable.grantItems(wiring.table(), role, TABLE_ACTIONS);
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(role)
                .actions(INDEX_ACTIONS)
                .resourceArns(List.of(wiring.table().getTableArn() + "/index/" + FaceTable.INDEX_NAME))
                .build());
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(role)
                .actions(COLLECTION_ACTIONS)
                .resourceArns(List.of(wiring.collection().getCollectionArn()))
                .build());
        FaceCollection.grantDetectFaces(role);
    }

    private static Number number(Number value, Number fallback) {
        return value != null ? value : fallback;
    }

    /** Checks the options with the props they come with; nothing when absent. */
    static void check(IdentityApiOptions options, ResolvedProps props, List<String> problems) {
        if (options == null) {
            return;
        }
        if (props.perTenant()) {
            problems.add("identityApi cannot be combined with collectionStrategy PER_TENANT: its routes name people of"
                    + " one shared collection");
        }
        Number threshold = options.getVerificationThreshold();
        if (known(threshold) && !(threshold.doubleValue() >= 0 && threshold.doubleValue() <= 100)) {
            problems.add("identityApi.verificationThreshold must be a percentage from 0 to 100, got " + threshold);
        }
        if (options.getJwtIssuer() != null
                && (options.getJwtAudience() == null || options.getJwtAudience().isEmpty())) {
            problems.add("identityApi.jwtAudience is required with jwtIssuer: the client ids the tokens are for");
        }
        if (options.getJwtIssuer() == null && options.getJwtAudience() != null) {
            problems.add("identityApi.jwtAudience needs jwtIssuer");
        }
        Number rate = options.getThrottlingRateLimit();
        if (known(rate) && !(rate.doubleValue() > 0)) {
            problems.add("identityApi.throttlingRateLimit must be above 0, got " + rate);
        }
        Number burst = options.getThrottlingBurstLimit();
        if (known(burst) && !(burst.doubleValue() >= 1 && burst.doubleValue() == Math.floor(burst.doubleValue()))) {
            problems.add("identityApi.throttlingBurstLimit must be a whole number of at least 1, got " + burst);
        }
        FaceLiveness.check(options.getLiveness(), props, problems);
        Duration ttl = options.getUploadUrlTtl();
        if (ttl != null && !Token.isUnresolved(ttl.toSeconds())) {
            double seconds = ttl.toSeconds().doubleValue();
            if (seconds < 1 || seconds > 7 * 24 * 3600) {
                problems.add("identityApi.uploadUrlTtl must be from 1 second to 7 days, got " + ttl.toHumanString());
            }
        }
    }

    private static boolean known(Number value) {
        return value != null && !Token.isUnresolved(value);
    }
}
