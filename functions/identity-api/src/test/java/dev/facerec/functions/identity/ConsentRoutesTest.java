package dev.facerec.functions.identity;

import static dev.facerec.functions.identity.ApiFixture.body;
import static dev.facerec.functions.identity.ApiFixture.enrol;
import static dev.facerec.functions.identity.ApiFixture.event;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.functions.core.consent.ConsentSettings;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code PUT}, {@code GET} and {@code DELETE /people/{personId}/consent} with consent required: validation, the
 * record, identification and verification only of people with consent, and withdrawal as erasure.
 */
class ConsentRoutesTest extends WithColorFaceEngine {

    private static final byte[] CONSENT =
            "{\"consentedBy\": \"subject\", \"purpose\": \"door access\", \"policyVersion\": \"2026-12\"}"
                    .getBytes(StandardCharsets.UTF_8);

    private final IdentityApiHandler handler = new IdentityApiHandler(
            ApiFixture.clients(services),
            ApiFixture.config(99f),
            ApiFixture.presigner(services),
            ConsentSettings.REQUIRED,
            Clock.systemUTC());

    @Test
    void put_shouldRefuseABadStatement_withTheCodeAndMessage() {
        APIGatewayV2HTTPResponse response = call(
                IdentityApiHandler.PUT_CONSENT,
                "k0",
                "{\"consentedBy\": \"operator\", \"purpose\": \"x\", \"policyVersion\": \"1\"}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).path("code").asText()).isEqualTo("INVALID_OPERATOR_ID");
        assertThat(body(response).path("message").asText()).contains("operatorId");
        assertThat(call(IdentityApiHandler.GET_CONSENT, "k0", null).getStatusCode())
                .isEqualTo(404);
    }

    @Test
    void consent_shouldDecideWhetherAnEnrolledPersonIsNamed_andItsWithdrawalErasesThePerson() {
        // GIVEN a person enrolled (by a pipeline that did not ask for consent) but without a consent record
        enrol(services, "enroll/k1/portrait.jpg", FaceColor.RED, Map.of());
        byte[] probe = SyntheticImages.jpeg(300, 300, face(FaceColor.RED, 70, 60, 160));

        // WHEN they are identified and verified, then consent is recorded and they are asked for again
        JsonNode unnamed = body(call(IdentityApiHandler.IDENTIFY, null, probe));
        int verifyWithout = call(IdentityApiHandler.VERIFY, "k1", probe).getStatusCode();
        APIGatewayV2HTTPResponse put = call(IdentityApiHandler.PUT_CONSENT, "k1", CONSENT);
        JsonNode record = body(call(IdentityApiHandler.GET_CONSENT, "k1", null));
        JsonNode named = body(call(IdentityApiHandler.IDENTIFY, null, probe));
        JsonNode verified = body(call(IdentityApiHandler.VERIFY, "k1", probe));

        // THEN without consent nobody is named and verification answers as for someone not enrolled; with it, both
        assertThat(unnamed.at("/faces/0/identity/status").asText()).isEqualTo("UNKNOWN");
        assertThat(unnamed.at("/faces/0/identity/personId").isMissingNode()).isTrue();
        assertThat(verifyWithout).isEqualTo(404);
        assertThat(put.getStatusCode()).as(put.getBody()).isEqualTo(200);
        assertThat(record.path("purpose").asText()).isEqualTo("door access");
        assertThat(record.path("consentedBy").asText()).isEqualTo("subject");
        assertThat(record.path("capture").asText()).isEqualTo("api");
        assertThat(record.path("valid").asBoolean()).isTrue();
        assertThat(named.at("/faces/0/identity/personId").asText()).isEqualTo("k1");
        assertThat(verified.path("verified").asBoolean())
                .as(verified.toString())
                .isTrue();

        // AND withdrawing consent erases the person: faces, rows, photos, the record
        APIGatewayV2HTTPResponse withdrawn = call(IdentityApiHandler.DELETE_CONSENT, "k1", null);
        assertThat(withdrawn.getStatusCode()).as(withdrawn.getBody()).isEqualTo(200);
        assertThat(body(withdrawn).at("/removed/faces").asInt()).isEqualTo(1);
        assertThat(call(IdentityApiHandler.GET_CONSENT, "k1", null).getStatusCode())
                .isEqualTo(404);
        assertThat(call(IdentityApiHandler.GET_PERSON, "k1", null).getStatusCode())
                .isEqualTo(404);
        assertThat(services.s3()
                        .listObjectVersions(
                                b -> b.bucket(FunctionServices.BUCKET).prefix("enroll/k1/"))
                        .versions())
                .isEmpty();
        assertThat(partition("k1")).isEmpty();
    }

    @Test
    void withdraw_shouldErasePersonWithConsentOnly_andAnswer404WithoutConsent() {
        assertThat(call(IdentityApiHandler.DELETE_CONSENT, "k2", null).getStatusCode())
                .isEqualTo(404);
        call(IdentityApiHandler.PUT_CONSENT, "k2", CONSENT);

        APIGatewayV2HTTPResponse withdrawn = call(IdentityApiHandler.DELETE_CONSENT, "k2", null);

        assertThat(withdrawn.getStatusCode()).as(withdrawn.getBody()).isEqualTo(200);
        assertThat(partition("k2")).isEmpty();
    }

    /** Every row of the person's partition. */
    private static List<Map<String, AttributeValue>> partition(String personId) {
        return services.dynamoDb()
                .query(b -> b.tableName(FunctionServices.TABLE)
                        .consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PERSON#" + personId))))
                .items();
    }

    private APIGatewayV2HTTPResponse call(String route, String personId, byte[] body) {
        Map<String, String> path = personId == null ? null : Map.of("personId", personId);
        String type = body == null ? null : route.startsWith("PUT") ? "application/json" : "image/jpeg";
        return handler.handleRequest(event(route, path, type, body, null), new TestContext());
    }
}
