package dev.facerec.functions.core.consent;

import dev.facerec.functions.core.recognition.ResultDocument;
import java.time.Instant;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * A person's consent to be enrolled and recognised (docs/api.md, "Consent"). Holds no biometric data: who consented
 * (the person themself, or an operator by id), when, to which purpose and policy version, how it was captured, and
 * when it expires.
 *
 * @param personId      the person it covers
 * @param consentedBy   the subject's own statement, or an operator's
 * @param operatorId    the operator who captured it ({@code null} for the subject's own statement)
 * @param consentedAt   when consent was given
 * @param purpose       what the person consented to
 * @param policyVersion the version of the privacy policy the person was shown
 * @param capture       how it reached the pipeline
 * @param expiresAt     when it lapses, or {@code null} (until withdrawn)
 * @param recordedAt    when the pipeline recorded it
 * @param sourceKey     the consent document's key ({@code null} unless captured by document)
 */
public record ConsentRecord(
        String personId,
        ConsentedBy consentedBy,
        String operatorId,
        Instant consentedAt,
        String purpose,
        String policyVersion,
        Capture capture,
        Instant expiresAt,
        Instant recordedAt,
        String sourceKey) {

    /** Who stated the consent. */
    public enum ConsentedBy {
        /** The person themself. */
        SUBJECT,
        /** An operator (a front desk, an HR system) on the person's written consent; {@code operatorId} says who. */
        OPERATOR
    }

    /** How the consent reached the pipeline. */
    public enum Capture {
        /** {@code PUT /people/{personId}/consent}. */
        API,
        /** A consent document uploaded under the consent prefix. */
        DOCUMENT
    }

    /** Whether the consent holds at {@code now}: given by then and not yet expired. */
    public boolean validAt(Instant now) {
        return !consentedAt.isAfter(now) && (expiresAt == null || expiresAt.isAfter(now));
    }

    /** The record as the API answers it. */
    public byte[] toJson(Instant now) {
        try (JsonWriter json = JsonWriter.create()) {
            json.writeStartObject();
            json.writeFieldName("personId").writeValue(personId);
            json.writeFieldName("consentedBy").writeValue(consentedBy.name().toLowerCase(java.util.Locale.ROOT));
            ResultDocument.string(json, "operatorId", operatorId);
            json.writeFieldName("consentedAt").writeValue(consentedAt.toString());
            json.writeFieldName("purpose").writeValue(purpose);
            json.writeFieldName("policyVersion").writeValue(policyVersion);
            json.writeFieldName("capture").writeValue(capture.name().toLowerCase(java.util.Locale.ROOT));
            ResultDocument.string(json, "expiresAt", expiresAt == null ? null : expiresAt.toString());
            json.writeFieldName("recordedAt").writeValue(recordedAt.toString());
            ResultDocument.string(json, "sourceKey", sourceKey);
            json.writeFieldName("valid").writeValue(validAt(now));
            return json.writeEndObject().getBytes();
        }
    }
}
