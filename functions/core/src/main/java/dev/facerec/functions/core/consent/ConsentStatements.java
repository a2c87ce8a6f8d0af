package dev.facerec.functions.core.consent;

import dev.facerec.functions.core.consent.ConsentRecord.Capture;
import dev.facerec.functions.core.consent.ConsentRecord.ConsentedBy;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Reads a consent statement, the JSON object of {@code PUT /people/{personId}/consent} and of a consent document
 * (docs/api.md, "Consent"), into a {@link ConsentRecord}; anything off the schema is an
 * {@link InvalidConsentException} naming the member at fault.
 */
public final class ConsentStatements {

    /** The largest statement read, in bytes. */
    public static final int MAX_BYTES = 16 * 1024;

    /** How far in the future {@code consentedAt} may lie (clock skew between the capturing system and this one). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    static final Pattern OPERATOR_ID = Pattern.compile("[a-zA-Z0-9_.@:\\-]{1,128}");
    static final Pattern POLICY_VERSION = Pattern.compile("[a-zA-Z0-9_.:\\-]{1,64}");
    static final int MAX_PURPOSE = 256;

    private static final Set<String> MEMBERS =
            Set.of("personId", "consentedBy", "operatorId", "consentedAt", "purpose", "policyVersion", "expiresAt");

    private ConsentStatements() {}

    /**
     * The record a statement makes.
     *
     * @param personId  the person the statement is for (from the path or the document's key)
     * @param capture   how it arrived
     * @param sourceKey the document's key, or {@code null}
     * @param now       the time of recording
     * @throws InvalidConsentException when the statement breaks the schema
     */
    public static ConsentRecord parse(byte[] json, String personId, Capture capture, String sourceKey, Instant now) {
        if (json.length == 0) {
            throw invalid("INVALID_JSON", "the consent statement is empty");
        }
        if (json.length > MAX_BYTES) {
            throw invalid("INVALID_JSON", "the consent statement is larger than " + MAX_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = JsonNode.parser().parse(json);
        } catch (RuntimeException e) {
            throw invalid("INVALID_JSON", "the consent statement is not valid JSON");
        }
        if (!node.isObject()) {
            throw invalid("INVALID_JSON", "the consent statement must be a JSON object");
        }
        Map<String, JsonNode> members = node.asObject();
        for (String name : members.keySet()) {
            if (!MEMBERS.contains(name)) {
                throw invalid("UNKNOWN_MEMBER", "unknown member \"" + name + "\"; allowed: " + MEMBERS);
            }
        }
        String named = string(members, "personId");
        if (named != null && !named.equals(personId)) {
            throw invalid("PERSON_MISMATCH", "\"personId\" differs from the person the statement is filed under");
        }
        ConsentedBy by = consentedBy(string(members, "consentedBy"));
        String operatorId = string(members, "operatorId");
        if (by == ConsentedBy.OPERATOR
                && (operatorId == null || !OPERATOR_ID.matcher(operatorId).matches())) {
            throw invalid(
                    "INVALID_OPERATOR_ID",
                    "\"operatorId\" is required with \"consentedBy\": \"operator\": 1-128 characters of letters,"
                            + " digits, '_', '.', '@', ':' or '-'");
        }
        if (by == ConsentedBy.SUBJECT && operatorId != null) {
            throw invalid("INVALID_OPERATOR_ID", "\"operatorId\" goes with \"consentedBy\": \"operator\" only");
        }
        String consentedAtText = string(members, "consentedAt");
        Instant consentedAt = consentedAtText == null ? now : instant("consentedAt", consentedAtText);
        if (consentedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw invalid("INVALID_CONSENTED_AT", "\"consentedAt\" lies in the future");
        }
        String purpose = string(members, "purpose");
        if (purpose == null || purpose.isBlank() || purpose.length() > MAX_PURPOSE) {
            throw invalid("INVALID_PURPOSE", "\"purpose\" is required: 1-" + MAX_PURPOSE + " characters");
        }
        String policyVersion = string(members, "policyVersion");
        if (policyVersion == null || !POLICY_VERSION.matcher(policyVersion).matches()) {
            throw invalid(
                    "INVALID_POLICY_VERSION",
                    "\"policyVersion\" is required: 1-64 characters of letters, digits, '_', '.', ':' or '-'");
        }
        String expiresAtText = string(members, "expiresAt");
        Instant expiresAt = expiresAtText == null ? null : instant("expiresAt", expiresAtText);
        if (expiresAt != null && !expiresAt.isAfter(consentedAt)) {
            throw invalid("INVALID_EXPIRES_AT", "\"expiresAt\" must be after \"consentedAt\"");
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw invalid("INVALID_EXPIRES_AT", "\"expiresAt\" has already passed");
        }
        return new ConsentRecord(
                personId, by, operatorId, consentedAt, purpose, policyVersion, capture, expiresAt, now, sourceKey);
    }

    private static ConsentedBy consentedBy(String value) {
        if ("subject".equals(value)) {
            return ConsentedBy.SUBJECT;
        }
        if ("operator".equals(value)) {
            return ConsentedBy.OPERATOR;
        }
        throw invalid("INVALID_CONSENTED_BY", "\"consentedBy\" is required: \"subject\" or \"operator\"");
    }

    private static String string(Map<String, JsonNode> members, String name) {
        JsonNode value = members.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw invalid("INVALID_MEMBER", "\"" + name + "\" must be a string");
        }
        return value.asString();
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(
                    "INVALID_" + name.replaceAll("([A-Z])", "_$1").toUpperCase(java.util.Locale.ROOT),
                    "\"" + name + "\" must be an ISO-8601 UTC instant such as 2026-12-07T10:15:30Z");
        }
    }

    private static InvalidConsentException invalid(String code, String message) {
        return new InvalidConsentException(code, message);
    }
}
