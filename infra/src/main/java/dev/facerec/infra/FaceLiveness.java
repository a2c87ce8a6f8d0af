package dev.facerec.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.cognito.CfnIdentityPool;
import software.amazon.awscdk.services.cognito.CfnIdentityPoolRoleAttachment;
import software.amazon.awscdk.services.iam.FederatedPrincipal;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.constructs.Construct;

/**
 * The liveness part of an {@link IdentityApi} ({@link LivenessOptions}): the function's rights for Face Liveness
 * (the two session calls, which take no resource, and the images under the liveness prefix: Rekognition writes them
 * with the caller's rights, and reads the reference image so), the lifecycle rule that expires the images, and the
 * browser's identity: a Cognito identity pool whose unauthenticated (guest) role may only call
 * {@code rekognition:StartFaceLivenessSession}. Guest identities because the check runs before the user holds any
 * AWS identity (it is a login factor), and the role can do nothing else: it cannot create a session (the API does),
 * nor read a result or an image.
 */
public final class FaceLiveness extends Construct {

    static final IdentityApi.Route CREATE_SESSION = new IdentityApi.Route(HttpMethod.POST, "/liveness/sessions");
    static final IdentityApi.Route VERIFY_LIVE =
            new IdentityApi.Route(HttpMethod.POST, "/people/{personId}/verify-live");
    static final List<IdentityApi.Route> ROUTES = List.of(CREATE_SESSION, VERIFY_LIVE);

    /** The session calls: a Face Liveness session has no ARN, so they can only be granted on '*'. */
    static final List<String> SESSION_ACTIONS =
            List.of("rekognition:CreateFaceLivenessSession", "rekognition:GetFaceLivenessSessionResults");

    static final String BROWSER_ACTION = "rekognition:StartFaceLivenessSession";

    private final String prefix;
    private final CfnIdentityPool identityPool;
    private final Role browserRole;

    private FaceLiveness(Construct scope, LivenessOptions options, IBucket bucket, Role functionRole) {
        super(scope, "Liveness");
        this.prefix = prefix(options);
        PrefixGrants.write(bucket, functionRole, prefix);
        PrefixGrants.read(bucket, functionRole, prefix);
        PrefixGrants.erase(bucket, functionRole, prefix);
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(functionRole)
                .actions(SESSION_ACTIONS)
                .resourceArns(List.of("*"))
                .build());
        NagSuppressions.add(
                functionRole.getNode().findChild("DefaultPolicy"),
                "AwsSolutions-IAM5",
                "rekognition:CreateFaceLivenessSession and GetFaceLivenessSessionResults act on sessions, which have no"
                        + " ARN: '*' is the only resource they can be granted on.",
                "Resource::*");
        if (bucket instanceof Bucket owned) {
            owned.addLifecycleRule(LifecycleRule.builder()
                    .id("ExpireLivenessImages")
                    .prefix(prefix)
                    .expiration(retention(options))
                    .noncurrentVersionExpiration(Duration.days(1))
                    .build());
        } else {
            Annotations.of(this)
                    .addWarningV2(
                            "facerec:livenessLifecycle",
                            "The liveness images go to an existing bucket: add a lifecycle rule expiring '" + prefix
                                    + "' after " + retention(options).toDays() + " day(s) to it.");
        }

        this.identityPool = CfnIdentityPool.Builder.create(this, "BrowserIdentities")
                .allowUnauthenticatedIdentities(true)
                .allowClassicFlow(false)
                .build();
        NagSuppressions.add(
                identityPool,
                "AwsSolutions-COG7",
                "Guest identities on purpose: the Face Liveness component streams the selfie before the user holds"
                        + " any AWS identity, and the guest role may only call rekognition:StartFaceLivenessSession"
                        + " for a session the API created.");
        this.browserRole = Role.Builder.create(this, "BrowserRole")
                .description("Face Liveness in the browser: rekognition:StartFaceLivenessSession only")
                .assumedBy(new FederatedPrincipal(
                        "cognito-identity.amazonaws.com",
                        Map.of(
                                "StringEquals",
                                Map.of("cognito-identity.amazonaws.com:aud", identityPool.getRef()),
                                "ForAnyValue:StringLike",
                                Map.of("cognito-identity.amazonaws.com:amr", "unauthenticated")),
                        "sts:AssumeRoleWithWebIdentity"))
                .build();
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(browserRole)
                .actions(List.of(BROWSER_ACTION))
                .resourceArns(List.of("*"))
                .build());
        NagSuppressions.add(
                browserRole.getNode().findChild("DefaultPolicy"),
                "AwsSolutions-IAM5",
                "rekognition:StartFaceLivenessSession acts on a session, which has no ARN ('*' is the only resource);"
                        + " it needs a session id that only the identity API creates.",
                "Resource::*");
        CfnIdentityPoolRoleAttachment.Builder.create(this, "BrowserRoles")
                .identityPoolId(identityPool.getRef())
                .roles(Map.of("unauthenticated", browserRole.getRoleArn()))
                .build();
    }

    /** The liveness part of the API when {@code options} are given, else {@code null}. */
    static FaceLiveness attach(Construct scope, LivenessOptions options, IBucket bucket, Role functionRole) {
        return options == null ? null : new FaceLiveness(scope, options, bucket, functionRole);
    }

    /** The identity API function's liveness settings; none when {@code options} are absent. */
    static Map<String, String> environment(LivenessOptions options) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (options == null) {
            return environment;
        }
        environment.put("LIVENESS_PREFIX", prefix(options));
        environment.put(
                "LIVENESS_THRESHOLD",
                FaceRecognition.plain(
                        options.getConfidenceThreshold() != null
                                ? options.getConfidenceThreshold()
                                : LivenessOptions.DEFAULT_CONFIDENCE_THRESHOLD));
        environment.put(
                "LIVENESS_AUDIT_IMAGES",
                FaceRecognition.plain(options.getAuditImagesLimit() != null ? options.getAuditImagesLimit() : 0));
        environment.put(
                "LIVENESS_RETENTION_DAYS",
                FaceRecognition.plain(retention(options).toDays()));
        return environment;
    }

    /** The Cognito identity pool of the browsers (its id is what the web page is configured with). */
    public CfnIdentityPool getIdentityPool() {
        return identityPool;
    }

    /** The guest role of the identity pool: {@code rekognition:StartFaceLivenessSession} only. */
    public IRole getBrowserRole() {
        return browserRole;
    }

    /** The key prefix of the sessions' reference and audit images. */
    String prefix() {
        return prefix;
    }

    private static String prefix(LivenessOptions options) {
        return options.getPrefix() != null ? options.getPrefix() : LivenessOptions.DEFAULT_PREFIX;
    }

    private static Duration retention(LivenessOptions options) {
        return options.getImageRetention() != null
                ? options.getImageRetention()
                : LivenessOptions.DEFAULT_IMAGE_RETENTION;
    }

    /** Checks the options with the pipeline's prefixes; nothing when absent. */
    static void check(LivenessOptions options, ResolvedProps props, List<String> problems) {
        if (options == null) {
            return;
        }
        String prefix = prefix(options);
        if (!Token.isUnresolved(prefix)) {
            if (prefix.isEmpty() || !prefix.endsWith("/")) {
                problems.add("identityApi.liveness.prefix must be a key prefix ending in '/', got '" + prefix + "'");
            }
            for (String other : List.of(props.enrollPrefix(), props.recognizePrefix(), props.resultsPrefix())) {
                if (ResolvedProps.overlap(prefix, other)) {
                    problems.add("identityApi.liveness.prefix '" + prefix + "' overlaps '" + other
                            + "': the liveness images must not trigger the functions nor mix with their files");
                }
            }
        }
        Number threshold = options.getConfidenceThreshold();
        if (threshold != null
                && !Token.isUnresolved(threshold)
                && !(threshold.doubleValue() >= 0 && threshold.doubleValue() <= 100)) {
            problems.add("identityApi.liveness.confidenceThreshold must be from 0 to 100, got " + threshold);
        }
        Number audit = options.getAuditImagesLimit();
        if (audit != null
                && !Token.isUnresolved(audit)
                && !(audit.doubleValue() >= 0
                        && audit.doubleValue() <= 4
                        && audit.doubleValue() == Math.rint(audit.doubleValue()))) {
            problems.add("identityApi.liveness.auditImagesLimit must be a whole number from 0 to 4, got " + audit);
        }
        Duration retention = options.getImageRetention();
        if (retention != null
                && !Token.isUnresolved(retention.toSeconds())
                && retention.toSeconds().doubleValue() % 86400 != 0) {
            problems.add("identityApi.liveness.imageRetention must be whole days (an S3 lifecycle rule)");
        }
    }
}
