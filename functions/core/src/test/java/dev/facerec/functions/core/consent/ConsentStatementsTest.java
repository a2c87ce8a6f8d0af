package dev.facerec.functions.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.functions.core.consent.ConsentRecord.Capture;
import dev.facerec.functions.core.consent.ConsentRecord.ConsentedBy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The consent statement schema (docs/api.md, "Consent"): what is accepted, and every refusal with its code. */
class ConsentStatementsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void parse_readsAnOperatorsStatement() {
        ConsentRecord record = parse("{\"personId\": \"p1\", \"consentedBy\": \"operator\", \"operatorId\": \"desk-7\","
                + " \"consentedAt\": \"2026-12-01T09:00:00Z\", \"purpose\": \"door access\","
                + " \"policyVersion\": \"2026-11\", \"expiresAt\": \"2027-12-01T00:00:00Z\"}");

        assertThat(record.personId()).isEqualTo("p1");
        assertThat(record.consentedBy()).isEqualTo(ConsentedBy.OPERATOR);
        assertThat(record.operatorId()).isEqualTo("desk-7");
        assertThat(record.consentedAt()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(record.capture()).isEqualTo(Capture.API);
        assertThat(record.recordedAt()).isEqualTo(NOW);
        assertThat(record.validAt(NOW)).isTrue();
        assertThat(record.validAt(Instant.parse("2027-12-01T00:00:00Z"))).isFalse();
    }

    @Test
    void parse_takesTheRecordingTimeWhenConsentedAtIsAbsent() {
        ConsentRecord record = parse("{\"consentedBy\": \"subject\", \"purpose\": \"x\", \"policyVersion\": \"1\"}");

        assertThat(record.consentedAt()).isEqualTo(NOW);
        assertThat(record.expiresAt()).isNull();
        assertThat(record.validAt(NOW.plusSeconds(86_400L * 3650))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not JSON | INVALID_JSON | {",
                "not an object | INVALID_JSON | []",
                "unknown member | UNKNOWN_MEMBER | {'consentedBy':'subject','purpose':'x','policyVersion':'1','face':'x'}",
                "another person | PERSON_MISMATCH | {'personId':'p2','consentedBy':'subject','purpose':'x','policyVersion':'1'}",
                "nobody consented | INVALID_CONSENTED_BY | {'purpose':'x','policyVersion':'1'}",
                "operator without id | INVALID_OPERATOR_ID | {'consentedBy':'operator','purpose':'x','policyVersion':'1'}",
                "subject with operator id | INVALID_OPERATOR_ID | {'consentedBy':'subject','operatorId':'o','purpose':'x','policyVersion':'1'}",
                "no purpose | INVALID_PURPOSE | {'consentedBy':'subject','policyVersion':'1'}",
                "bad policy version | INVALID_POLICY_VERSION | {'consentedBy':'subject','purpose':'x','policyVersion':'v 1'}",
                "consent in the future | INVALID_CONSENTED_AT | {'consentedBy':'subject','purpose':'x','policyVersion':'1','consentedAt':'2027-01-01T00:00:00Z'}",
                "not an instant | INVALID_EXPIRES_AT | {'consentedBy':'subject','purpose':'x','policyVersion':'1','expiresAt':'tomorrow'}",
                "already expired | INVALID_EXPIRES_AT | {'consentedBy':'subject','purpose':'x','policyVersion':'1','expiresAt':'2026-12-01T00:00:00Z'}",
                "number for a string | INVALID_MEMBER | {'consentedBy':'subject','purpose':'x','policyVersion':1}"
            })
    void parse_refuses(String description, String code, String json) {
        assertThatThrownBy(() -> parse(json.replace('\'', '"')))
                .isInstanceOf(InvalidConsentException.class)
                .satisfies(e -> assertThat(((InvalidConsentException) e).code()).isEqualTo(code))
                .hasMessageNotContaining("desk-7");
    }

    private static ConsentRecord parse(String json) {
        return ConsentStatements.parse(json.getBytes(StandardCharsets.UTF_8), "p1", Capture.API, null, NOW);
    }
}
