package dev.facerec.functions.identity;

import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * The answer of {@code POST /people/{personId}/verify}.
 *
 * @param verified               whether the probe shows the claimed person
 * @param personId               the claimed person
 * @param similarity             the probe's similarity to the claimed person's user in percent, or {@code null}
 *     when Rekognition gave none (no face searched, or the person's user was not among the matches)
 * @param threshold              the verification threshold used
 * @param reason                 why no decision on the face could be made ({@link VerificationReason}), or
 *     {@code null}
 * @param faceCount              faces found in the probe (the largest one is compared)
 * @param otherPersonScoredHigher whether someone else's user is more similar to the probe than the claimed person's
 */
record Verification(
        boolean verified,
        String personId,
        Float similarity,
        float threshold,
        VerificationReason reason,
        int faceCount,
        boolean otherPersonScoredHigher) {

    byte[] toJson() {
        try (JsonWriter json = JsonWriter.create()) {
            json.writeStartObject();
            json.writeFieldName("verified").writeValue(verified);
            json.writeFieldName("personId").writeValue(personId);
            if (similarity != null) {
                json.writeFieldName("similarity").writeValue(similarity.floatValue());
            }
            json.writeFieldName("threshold").writeValue(threshold);
            if (reason != null) {
                json.writeFieldName("reason").writeValue(reason.name());
            }
            json.writeFieldName("faceCount").writeValue(faceCount);
            json.writeFieldName("otherPersonScoredHigher").writeValue(otherPersonScoredHigher);
            return json.writeEndObject().getBytes();
        }
    }
}
