package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;

/**
 * The identity API in the template: off by default; when on, its routes on the function's SnapStart alias, IAM (or
 * JWT) authorisation, stage throttling and access logs, the function's exact role, and the route-group grants.
 */
class FaceRecognitionIdentityApiTest {

    private static Stack stack;
    private static Template template;
    private static String function;

    @BeforeAll
    static void synthesize() {
        stack = TestStacks.checkedStack(s -> {
            FaceRecognition faces = new FaceRecognition(
                    s,
                    "Faces",
                    FaceRecognitionProps.builder()
                            .identityApi(IdentityApiOptions.builder()
                                    .throttlingRateLimit(5)
                                    .throttlingBurstLimit(8)
                                    .build())
                            .build());
            Role door = Role.Builder.create(s, "Door")
                    .assumedBy(new AccountRootPrincipal())
                    .build();
            faces.getIdentityApi().grantVerify(door);
        });
        template = Template.fromStack(stack);
        function = TestStacks.logicalId(template, "AWS::Lambda::Function", Map.of("Handler", IdentityApi.HANDLER));
    }

    @Test
    void construct_shouldCreateNoApi_whenTheOptionIsAbsent() {
        Template defaults = TestStacks.defaultTemplate();

        assertThat(defaults.findResources("AWS::ApiGatewayV2::Api")).isEmpty();
        assertThat(defaults.toJSON().toString()).doesNotContain("IdentityApiHandler", "VERIFICATION_THRESHOLD");
    }

    @Test
    void function_shouldUseSnapStart_throughAnAliasOfAPublishedVersion() {
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Map.of(
                        "Handler",
                        IdentityApi.HANDLER,
                        "SnapStart",
                        Map.of("ApplyOn", "PublishedVersions"),
                        "Timeout",
                        29,
                        "Environment",
                        Map.of(
                                "Variables",
                                Match.objectLike(Map.of(
                                        "VERIFICATION_THRESHOLD", "99",
                                        "UPLOAD_URL_TTL_SECONDS", "900",
                                        "JAVA_TOOL_OPTIONS", SecureFunction.JAVA_TOOL_OPTIONS)))));
        template.hasResourceProperties(
                "AWS::Lambda::Alias",
                Map.of(
                        "Name",
                        IdentityApi.ALIAS,
                        "FunctionName",
                        Map.of("Ref", function),
                        "FunctionVersion",
                        Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of("Version"))))));
        // every integration invokes the alias, never the unpublished function
        template.allResourcesProperties(
                "AWS::ApiGatewayV2::Integration",
                Map.of(
                        "IntegrationType", "AWS_PROXY",
                        "PayloadFormatVersion", "2.0",
                        "IntegrationUri", Map.of("Ref", aliasId())));
    }

    @Test
    void api_shouldServeEveryRoute_withIamAuthorisation() {
        List<String> routeKeys = template.findResources("AWS::ApiGatewayV2::Route").values().stream()
                .map(r -> (String) ((Map<?, ?>) ((Map<?, ?>) r).get("Properties")).get("RouteKey"))
                .toList();
        assertThat(routeKeys)
                .containsExactlyInAnyOrder(
                        "POST /people/{personId}/verify",
                        "POST /identify",
                        "GET /people",
                        "GET /people/{personId}",
                        "DELETE /people/{personId}",
                        "POST /people/{personId}/photos",
                        "GET /people/{personId}/photos/{photoId}",
                        "PUT /people/{personId}/consent",
                        "GET /people/{personId}/consent",
                        "DELETE /people/{personId}/consent");
        template.allResourcesProperties("AWS::ApiGatewayV2::Route", Map.of("AuthorizationType", "AWS_IAM"));
    }

    @Test
    void stage_shouldThrottleAndWriteAccessLogsWithoutPaths() {
        template.hasResourceProperties(
                "AWS::ApiGatewayV2::Stage",
                Map.of(
                        "StageName",
                        "$default",
                        "AutoDeploy",
                        true,
                        "DefaultRouteSettings",
                        Map.of("ThrottlingRateLimit", 5, "ThrottlingBurstLimit", 8),
                        "AccessLogSettings",
                        Map.of("DestinationArn", Match.anyValue(), "Format", IdentityApi.ACCESS_LOG_FORMAT)));
        assertThat(IdentityApi.ACCESS_LOG_FORMAT)
                .doesNotContain("$context.path")
                .contains("$context.routeKey");
        // the access logs keep the pipeline's retention, as every log group of it does
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    @Test
    void functionRole_shouldHoldExactlyWhatTheCodeCalls() {
        String text = template.toJSON().toString();
        assertThat(text)
                .contains("rekognition:SearchUsersByImage", "rekognition:DeleteUser", "rekognition:DeleteFaces");
        TestStacks.hasPolicyStatement(
                template,
                Map.of(
                        "Action",
                        IdentityApi.COLLECTION_ACTIONS,
                        "Resource",
                        Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of("Arn"))))));
        TestStacks.hasPolicyStatement(template, Map.of("Action", "dynamodb:Query", "Resource", Match.anyValue()));
        TestStacks.hasPolicyStatement(
                template,
                Map.of(
                        "Action",
                        "s3:ListBucketVersions",
                        "Condition",
                        Map.of("StringLike", Map.of("s3:prefix", List.of("enroll/*")))));
    }

    @Test
    void grantVerify_shouldAllowOnlyTheVerifyRoute() {
        TestStacks.hasPolicyStatement(
                template,
                Map.of(
                        "Action",
                        "execute-api:Invoke",
                        "Resource",
                        Match.objectLike(Map.of(
                                "Fn::Join",
                                Match.arrayWith(List.of(Match.arrayWith(
                                        List.of(Match.stringLikeRegexp(".*/\\$default/POST/people/\\*/verify")))))))));
        assertThat(template.toJSON().toString()).doesNotContain("/$default/GET/people");
    }

    @Test
    void stack_shouldHaveNoAwsSolutionsFindings_withTheApiOn() {
        TestStacks.assertNoAwsSolutionsFindings(stack);
    }

    @Test
    void jwt_shouldAuthoriseEveryRoute_allowTheBrowsersOrigin_andRefuseIamGrants() {
        Stack jwt = TestStacks.stack(s -> new FaceRecognition(
                s,
                "Faces",
                FaceRecognitionProps.builder()
                        .identityApi(IdentityApiOptions.builder()
                                .jwtIssuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool")
                                .jwtAudience(List.of("client-id"))
                                .corsAllowedOrigins(List.of("https://login.example.com"))
                                .build())
                        .build()));
        Template jwtTemplate = Template.fromStack(jwt);

        jwtTemplate.hasResourceProperties(
                "AWS::ApiGatewayV2::Api",
                Map.of(
                        "CorsConfiguration",
                        Match.objectLike(Map.of(
                                "AllowOrigins",
                                List.of("https://login.example.com"),
                                "AllowHeaders",
                                Match.arrayWith(List.of("authorization", "content-type"))))));
        template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("CorsConfiguration", Match.absent()));

        jwtTemplate.hasResourceProperties(
                "AWS::ApiGatewayV2::Authorizer",
                Map.of(
                        "AuthorizerType",
                        "JWT",
                        "JwtConfiguration",
                        Map.of(
                                "Issuer",
                                "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool",
                                "Audience",
                                List.of("client-id"))));
        jwtTemplate.allResourcesProperties("AWS::ApiGatewayV2::Route", Map.of("AuthorizationType", "JWT"));
        FaceRecognition faces = (FaceRecognition) jwt.getNode().findChild("Faces");
        assertThatThrownBy(() -> faces.getIdentityApi().grantInvoke(new AccountRootPrincipal()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void construct_shouldListEveryProblemOfTheOptions() {
        assertThatThrownBy(() -> TestStacks.stack(s -> new FaceRecognition(
                        s,
                        "Bad",
                        FaceRecognitionProps.builder()
                                .collectionStrategy(CollectionStrategy.PER_TENANT)
                                .identityApi(IdentityApiOptions.builder()
                                        .verificationThreshold(101)
                                        .jwtIssuer("https://issuer.example")
                                        .throttlingRateLimit(0)
                                        .throttlingBurstLimit(1.5)
                                        .uploadUrlTtl(Duration.days(8))
                                        .build())
                                .build())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identityApi cannot be combined with collectionStrategy PER_TENANT")
                .hasMessageContaining("identityApi.verificationThreshold must be a percentage from 0 to 100, got 101")
                .hasMessageContaining("identityApi.jwtAudience is required with jwtIssuer")
                .hasMessageContaining("identityApi.throttlingRateLimit must be above 0")
                .hasMessageContaining("identityApi.throttlingBurstLimit must be a whole number")
                .hasMessageContaining("identityApi.uploadUrlTtl must be from 1 second to 7 days");
    }

    private static String aliasId() {
        return template.getResourceId("AWS::Lambda::Alias");
    }
}
