package dev.facerec.functions.core.erasure;

import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The proof of one erasure, without biometric data and without the erased id: a salted hash of the id
 * ({@code subjectHash} = hex SHA-256 of the salt's bytes followed by the id's UTF-8 bytes), the salt (16 random bytes,
 * hex, new for every receipt), when, by whom, and how many of each kind of thing were removed. Whoever knows the id
 * can check a receipt against it; nobody can list whom the receipts are about, nor link two receipts of one id
 * (their salts differ). Stored in the table ({@code pk = RECEIPT#<receiptId>}, {@code sk = RECEIPT}) for
 * {@link #RETENTION}.
 *
 * @param receiptId   a random UUID
 * @param subject     {@code PERSON} or {@code TENANT}
 * @param subjectHash the salted hash of the person or tenant id
 * @param salt        the salt, 32 hex digits
 * @param requestedBy who asked: the caller's principal, {@code retention schedule} or {@code consent withdrawn}
 * @param startedAt   when the erasure started
 * @param finishedAt  when it ended
 * @param complete    whether everything is gone ({@code false}: run the erasure again)
 * @param removed     per kind (faces, users, photoVersions, consentVersions, rows, resultsRedacted, resultVersions,
 *     sightings, cameraSightings, cameraTracks …), how many were removed
 */
public record ErasureReceipt(
        String receiptId,
        String subject,
        String subjectHash,
        String salt,
        String requestedBy,
        Instant startedAt,
        Instant finishedAt,
        boolean complete,
        Map<String, Long> removed) {

    /** How long a receipt is kept: as long as the longest default retention of what it proves erased. */
    public static final Duration RETENTION = Duration.ofDays(3 * 365 + 1);
    /** Sort key of a receipt row. */
    public static final String SK = "RECEIPT";
    /** What the requester of a retention erasure is called. */
    public static final String RETENTION_SCHEDULE = "retention schedule";
    /** What the requester of an erasure after consent was withdrawn is called. */
    public static final String CONSENT_WITHDRAWN = "consent withdrawn";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_BYTES = 16;

    public ErasureReceipt {
        removed = Map.copyOf(new LinkedHashMap<>(removed));
    }

    /** A receipt for {@code id}, with a new random salt and id. */
    public static ErasureReceipt of(
            String subject,
            String id,
            String requestedBy,
            Instant startedAt,
            Instant finishedAt,
            boolean complete,
            Map<String, Long> removed) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        return new ErasureReceipt(
                UUID.randomUUID().toString(),
                subject,
                hash(saltHex, id),
                saltHex,
                requestedBy,
                startedAt,
                finishedAt,
                complete,
                removed);
    }

    /** The salted hash of {@code id} under {@code saltHex}: what a receipt's {@code subjectHash} is checked with. */
    public static String hash(String saltHex, String id) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(HexFormat.of().parseHex(saltHex));
            digest.update(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Whether this receipt is about {@code id}. */
    public boolean isAbout(String id) {
        return subjectHash.equals(hash(salt, id));
    }

    /** The key of the receipt's row. */
    public Map<String, AttributeValue> key() {
        return TableKeys.key("RECEIPT#" + receiptId, SK);
    }

    /** The receipt's row, expiring {@link #RETENTION} after the erasure. */
    public Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key());
        item.put("receiptId", AttributeValues.s(receiptId));
        item.put("subject", AttributeValues.s(subject));
        item.put("subjectHash", AttributeValues.s(subjectHash));
        item.put("salt", AttributeValues.s(salt));
        item.put("requestedBy", AttributeValues.s(requestedBy));
        item.put("startedAt", AttributeValues.s(startedAt.toString()));
        item.put("finishedAt", AttributeValues.s(finishedAt.toString()));
        item.put("complete", AttributeValue.fromBool(complete));
        Map<String, AttributeValue> counts = new LinkedHashMap<>();
        removed.forEach((kind, count) -> counts.put(kind, AttributeValues.n(count)));
        item.put("removed", AttributeValues.m(counts));
        item.put(TableKeys.TTL, AttributeValues.n(finishedAt.plus(RETENTION).getEpochSecond()));
        return item;
    }

    /** The receipt as the JSON that {@code DELETE /people/{personId}} answers (docs/api.md). */
    public byte[] toJson() {
        try (JsonWriter json = JsonWriter.create()) {
            json.writeStartObject();
            toMap().forEach((name, value) -> {
                json.writeFieldName(name);
                if (value instanceof Map<?, ?> counts) {
                    json.writeStartObject();
                    counts.forEach(
                            (kind, count) -> json.writeFieldName((String) kind).writeValue((Long) count));
                    json.writeEndObject();
                } else if (value instanceof Boolean flag) {
                    json.writeValue(flag);
                } else {
                    json.writeValue((String) value);
                }
            });
            return json.writeEndObject().getBytes();
        }
    }

    /** The receipt as JSON-ready values (a Lambda's answer), in a stable order. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("receiptId", receiptId);
        map.put("subject", subject);
        map.put("subjectHash", subjectHash);
        map.put("salt", salt);
        map.put("hashAlgorithm", "SHA-256(salt || UTF-8 id)");
        map.put("requestedBy", requestedBy);
        map.put("startedAt", startedAt.toString());
        map.put("finishedAt", finishedAt.toString());
        map.put("complete", complete);
        map.put("removed", new java.util.TreeMap<>(removed));
        return map;
    }
}
