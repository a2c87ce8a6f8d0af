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
 * Liveness on the identity API in the template: its two routes, the function's Face Liveness rights and settings,
 * the images' prefix with its lifecycle rule, and the browsers' identity pool whose guest role may only start a
 * liveness stream; cdk-nag clean.
 */
class FaceRecognitionLivenessTest {

    private static Stack stack;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        stack = TestStacks.checkedStack(s -> {
            FaceRecognition faces = new FaceRecognition(
                    s,
                    "Faces",
                    FaceRecognitionProps.builder()
                            .identityApi(IdentityApiOptions.builder()
                                    .liveness(LivenessOptions.builder()
                                            .auditImagesLimit(2)
                                            .build())
                                    .build())
                            .build());
            Role login = Role.Builder.create(s, "Login")
                    .assumedBy(new AccountRootPrincipal())
                    .build();
            faces.getIdentityApi().grantVerifyLive(login);
        });
        template = Template.fromStack(stack);
    }

    @Test
    void api_shouldServeTheLivenessRoutes() {
        List<String> routeKeys = template.findResources("AWS::ApiGatewayV2::Route").values().stream()
                .map(r -> (String) ((Map<?, ?>) ((Map<?, ?>) r).get("Properties")).get("RouteKey"))
                .toList();

        assertThat(routeKeys).contains("POST /liveness/sessions", "POST /people/{personId}/verify-live");
        assertThat(TestStacks.defaultTemplate().toJSON().toString())
                .doesNotContain("verify-live", "LIVENESS_PREFIX", "AWS::Cognito::IdentityPool");
    }

    @Test
    void function_shouldGetTheLivenessSettings_andRights() {
        TestStacks.hasFunctionEnvironment(
                template,
                IdentityApi.HANDLER,
                Map.of(
                        "LIVENESS_PREFIX", "liveness/",
                        "LIVENESS_THRESHOLD", "90",
                        "LIVENESS_AUDIT_IMAGES", "2",
                        "LIVENESS_RETENTION_DAYS", "1"));
        TestStacks.hasPolicyStatement(template, TestStacks.statement(FaceLiveness.SESSION_ACTIONS, "*"));
        Object onLivenessKeys =
                Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of("/liveness/*"))))));
        for (Object actions :
                List.of(PrefixGrants.WRITE_ACTIONS.get(0), PrefixGrants.READ_ACTIONS, PrefixGrants.ERASE_ACTIONS)) {
            TestStacks.hasPolicyStatement(template, Map.of("Action", actions, "Resource", onLivenessKeys));
        }
    }

    @Test
    void retentionFunction_shouldBeAllowedToEraseTheLivenessImagesItsErasureFinds() {
        Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy");
        List<String> retentionPolicies = policies.entrySet().stream()
                .filter(e -> e.getKey().startsWith("FacesRetention"))
                .map(e -> e.getValue().toString())
                .toList();

        assertThat(retentionPolicies)
                .anySatisfy(policy -> assertThat(policy).contains("/liveness/*", PrefixGrants.ERASE_ACTIONS.get(0)));
    }

    @Test
    void bucket_shouldExpireTheLivenessImages() {
        TestStacks.hasBucketLifecycleRule(
                template,
                Map.of(
                        "Id",
                        "ExpireLivenessImages",
                        "Prefix",
                        "liveness/",
                        "ExpirationInDays",
                        1,
                        "Status",
                        "Enabled"));
    }

    @Test
    void browserRole_shouldOnlyStartLivenessStreams_forGuestsOfItsIdentityPool() {
        template.hasResourceProperties(
                "AWS::Cognito::IdentityPool",
                Map.of("AllowUnauthenticatedIdentities", true, "AllowClassicFlow", false));
        String pool = template.getResourceId("AWS::Cognito::IdentityPool");
        String role = TestStacks.logicalId(
                template,
                "AWS::IAM::Role",
                Map.of("Description", "Face Liveness in the browser: rekognition:StartFaceLivenessSession only"));
        template.hasResourceProperties(
                "AWS::IAM::Role",
                Map.of(
                        "AssumeRolePolicyDocument",
                        Map.of(
                                "Statement",
                                List.of(Map.of(
                                        "Action",
                                        "sts:AssumeRoleWithWebIdentity",
                                        "Effect",
                                        "Allow",
                                        "Principal",
                                        Map.of("Federated", "cognito-identity.amazonaws.com"),
                                        "Condition",
                                        Map.of(
                                                "StringEquals",
                                                Map.of("cognito-identity.amazonaws.com:aud", Map.of("Ref", pool)),
                                                "ForAnyValue:StringLike",
                                                Map.of("cognito-identity.amazonaws.com:amr", "unauthenticated")))),
                                "Version",
                                "2012-10-17")));
        template.hasResourceProperties(
                "AWS::IAM::Policy",
                Map.of(
                        "Roles",
                        List.of(Map.of("Ref", role)),
                        "PolicyDocument",
                        Map.of(
                                "Statement",
                                List.of(Map.of(
                                        "Action", "rekognition:StartFaceLivenessSession",
                                        "Effect", "Allow",
                                        "Resource", "*")),
                                "Version",
                                "2012-10-17")));
        template.hasResourceProperties(
                "AWS::Cognito::IdentityPoolRoleAttachment",
                Map.of(
                        "IdentityPoolId",
                        Map.of("Ref", pool),
                        "Roles",
                        Map.of("unauthenticated", Map.of("Fn::GetAtt", List.of(role, "Arn")))));
    }

    @Test
    void grantVerifyLive_shouldAllowTheTwoLivenessRoutesOnly() {
        String json = template.toJSON().toString();

        assertThat(json).contains("/$default/POST/liveness/sessions", "/$default/POST/people/*/verify-live");
        assertThat(json).doesNotContain("/$default/POST/people/*/verify\"");
    }

    @Test
    void stack_shouldHaveNoAwsSolutionsFindings_withLivenessOn() {
        TestStacks.assertNoAwsSolutionsFindings(stack);
    }

    @Test
    void construct_shouldListEveryProblemOfTheLivenessOptions() {
        assertThatThrownBy(() -> TestStacks.stack(s -> new FaceRecognition(
                        s,
                        "Bad",
                        FaceRecognitionProps.builder()
                                .identityApi(IdentityApiOptions.builder()
                                        .liveness(LivenessOptions.builder()
                                                .prefix("enroll/live/")
                                                .confidenceThreshold(120)
                                                .auditImagesLimit(5)
                                                .imageRetention(Duration.hours(5))
                                                .build())
                                        .build())
                                .build())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identityApi.liveness.prefix 'enroll/live/' overlaps 'enroll/'")
                .hasMessageContaining("identityApi.liveness.confidenceThreshold must be from 0 to 100, got 120")
                .hasMessageContaining("identityApi.liveness.auditImagesLimit must be a whole number from 0 to 4")
                .hasMessageContaining("identityApi.liveness.imageRetention must be whole days");
    }
}
