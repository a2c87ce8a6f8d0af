package dev.facerec.functions.core.consent;

import dev.facerec.functions.core.consent.ConsentRecord.Capture;
import dev.facerec.functions.core.enrollment.EnrollKey;
import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import dev.facerec.functions.core.status.StaleObjectException;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Instant;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Consent documents: a person's consent statement uploaded as {@code <consentPrefix><personId>.json}
 * ({@code <consentPrefix><tenantId>/<personId>.json} with a collection per tenant), for pipelines without the
 * identity API. Its schema is the API's (docs/api.md, "Consent").
 */
public final class ConsentDocuments {

    public static final String SUFFIX = ".json";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public ConsentDocuments(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /** The key of the person's consent document. */
    public static String key(String prefix, Tenant tenant, String personId) {
        return tenant.prefix(prefix) + personId + SUFFIX;
    }

    /**
     * The person a consent document's key names.
     *
     * @throws RejectedException INVALID_KEY when the key is not {@code <prefix>[<tenantId>/]<personId>.json}
     */
    public static String personIdOf(String key, String prefix, Tenant tenant) {
        String own = tenant.prefix(prefix);
        String rest = key.startsWith(own) ? key.substring(own.length()) : "";
        String personId = rest.endsWith(SUFFIX) ? rest.substring(0, rest.length() - SUFFIX.length()) : "";
        if (!EnrollKey.PERSON_ID.matcher(personId).matches()) {
            throw new RejectedException(
                    Reason.INVALID_KEY,
                    "a consent document is <consentPrefix>" + (tenant.isShared() ? "" : "<tenantId>/")
                            + "<personId>.json, the person id 1-128 characters of letters, digits, '_', '.', '-'"
                            + " or ':'");
        }
        return personId;
    }

    /**
     * The record of one version of a document (the current one when {@code versionId} is {@code null}).
     *
     * @throws StaleObjectException    when that version is gone (a later event covers the key)
     * @throws InvalidConsentException when the document breaks the schema
     */
    public ConsentRecord read(String key, String versionId, String personId, Instant now) {
        ResponseBytes<GetObjectResponse> bytes;
        try {
            bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId));
        } catch (NoSuchKeyException gone) {
            throw new StaleObjectException("the consent document is gone", gone);
        }
        if (bytes.response().contentLength() != null
                && bytes.response().contentLength() > ConsentStatements.MAX_BYTES) {
            throw new InvalidConsentException(
                    "INVALID_JSON", "the consent document is larger than " + ConsentStatements.MAX_BYTES + " bytes");
        }
        return ConsentStatements.parse(bytes.asByteArray(), personId, Capture.DOCUMENT, key, now);
    }

    /**
     * The record of the person's current consent document, when one is in the bucket: asked when a photo arrives
     * before its consent document's event (S3 does not order events across keys). Listed first, so that a missing
     * document is told apart from a denied read (S3 answers 403 for a missing key without {@code s3:ListBucket}).
     *
     * @return the record, or {@code null} when there is no document
     * @throws InvalidConsentException when the document breaks the schema
     */
    public ConsentRecord find(Tenant tenant, String personId, Instant now) {
        String key = key(prefix, tenant, personId);
        boolean present = s3.listObjectsV2(b -> b.bucket(bucket).prefix(key).maxKeys(1)).contents().stream()
                .anyMatch(object -> object.key().equals(key));
        if (!present) {
            return null;
        }
        try {
            return read(key, null, personId, now);
        } catch (StaleObjectException deletedMeanwhile) {
            return null;
        }
    }
}
