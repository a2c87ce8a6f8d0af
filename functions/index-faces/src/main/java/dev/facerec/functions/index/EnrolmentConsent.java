package dev.facerec.functions.index;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.consent.ConsentDocuments;
import dev.facerec.functions.core.consent.ConsentGate;
import dev.facerec.functions.core.consent.ConsentRecord;
import dev.facerec.functions.core.consent.ConsentSettings;
import dev.facerec.functions.core.consent.ConsentStore;
import dev.facerec.functions.core.consent.InvalidConsentException;
import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.status.ObjectStatus;
import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import dev.facerec.functions.core.storage.ObjectVersions;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.Claim;
import dev.facerec.functions.core.table.StatusAttributes;
import dev.facerec.functions.core.table.StatusChange;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.table.UpdateSpec;
import dev.facerec.functions.core.tenant.Tenancy;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Consent on the enrolment side (docs/api.md, "Consent"): consent documents uploaded under the consent prefix become
 * consent records, and, with consent required, a photo of a person without valid consent is deleted with all its
 * versions before anything of it is read or indexed, and ends REJECTED with reason NO_CONSENT.
 *
 * <p>S3 does not order events across keys: a consent document uploaded just before a photo can be processed after
 * it. So before a photo is rejected, the person's consent document is looked for in the bucket and, when valid,
 * recorded there and then: the decision to delete never depends on which event came first.
 */
final class EnrolmentConsent {

    /** The {@code kind} recorded on consent documents' status rows. */
    static final String KIND = "CONSENT";
    /**
     * Set on a photo's status row before the photo is deleted for want of consent, and kept by later claims (which
     * clear {@code reason}): the removal events of that deletion can take the row over while the deleting invocation
     * is still running, and must still know that the deletion was ours.
     */
    static final String NO_CONSENT_MARK = "noConsent";

    private static final String NO_CONSENT_DETAIL =
            "no valid consent is recorded for the person (none, expired or withdrawn): the photo was deleted";

    private final ConsentSettings settings;
    private final ConsentGate gate;
    private final ConsentStore store;
    private final S3Client s3;
    private final Tenancy tenancy;
    private final Clock clock;
    private final Duration rejectedRowLifetime;

    EnrolmentConsent(
            AwsClients clients, FunctionConfig config, ConsentSettings settings, Tenancy tenancy, Clock clock) {
        this.settings = settings;
        this.gate = ConsentGate.of(settings, clients.dynamoDb(), config.tableName(), clock);
        this.store = new ConsentStore(clients.dynamoDb(), config.tableName());
        this.s3 = clients.s3();
        this.tenancy = tenancy;
        this.clock = clock;
        this.rejectedRowLifetime = Duration.ofDays(config.resultTtlDays());
    }

    /** Whether {@code key} is under the consent prefix. */
    boolean isDocument(String key) {
        return key.startsWith(settings.prefix());
    }

    /** The tenant of a consent document's key. */
    Tenant tenantOf(String key) {
        return tenancy.of(key, settings.prefix());
    }

    /** The tenant id of a consent document's key, or {@code null} (shared collection, or no valid tenant). */
    String tenantIdOf(String key) {
        try {
            return tenantOf(key).id();
        } catch (RejectedException invalid) {
            return null;
        }
    }

    /** The person a consent document names, or {@code null} for a bad key. */
    String personOf(String key) {
        try {
            return ConsentDocuments.personIdOf(key, settings.prefix(), tenantOf(key));
        } catch (RejectedException invalid) {
            return null;
        }
    }

    /** How a consent document's event ends: its record written (RECORDED), or the document REJECTED with a reason. */
    StatusChange document(Claim claim) {
        S3ObjectEvent event = claim.event();
        if (event.isRemoved()) {
            // Deleting the document does not withdraw consent: withdrawal erases the person, on purpose only.
            return StatusChange.to(ObjectStatus.REMOVED);
        }
        Tenant tenant = tenantOf(event.key());
        String personId = ConsentDocuments.personIdOf(event.key(), settings.prefix(), tenant);
        ConsentRecord record;
        try {
            record = new ConsentDocuments(s3, event.bucket(), settings.prefix())
                    .read(event.key(), event.versionId(), personId, clock.instant());
        } catch (InvalidConsentException invalid) {
            return StatusChange.rejected(
                    new RejectedException(Reason.INVALID_CONSENT, invalid.getMessage(), invalid.code(), null));
        }
        return StatusChange.to(ObjectStatus.RECORDED).alsoWrite(store.putItem(tenant, record));
    }

    /**
     * Lets a photo of {@code personId} through when consent is not required or holds (recorded, or in a valid consent
     * document not yet processed); otherwise deletes every version of the photo.
     *
     * @param markRow writes {@link #NO_CONSENT_MARK} on the photo's status row, before the deletion
     * @throws RejectedException NO_CONSENT when the photo was deleted
     */
    void require(S3ObjectEvent photo, Tenant tenant, String personId, Runnable markRow) {
        if (gate.allows(tenant, personId) || recordedFromDocument(photo.bucket(), tenant, personId)) {
            return;
        }
        markRow.run();
        new ObjectVersions(s3, photo.bucket()).deleteKey(photo.key());
        throw new RejectedException(Reason.NO_CONSENT, NO_CONSENT_DETAIL);
    }

    /** A NO_CONSENT rejection's row expires with the results: it names the key of a photo that is gone. */
    StatusChange expiring(StatusChange change) {
        return change.set(
                TableKeys.TTL,
                AttributeValues.n(clock.instant().plus(rejectedRowLifetime).getEpochSecond()));
    }

    /**
     * The mark written before a deletion for want of consent, with the photo's ETag and version: a removal event that
     * takes the row over ends it, and the row must still say which upload it was about.
     */
    static UpdateSpec mark(S3ObjectEvent photo) {
        UpdateSpec mark = new UpdateSpec().set(NO_CONSENT_MARK, AttributeValues.s("true"));
        if (photo.eTag() != null) {
            mark.set(StatusAttributes.ETAG, AttributeValues.s(photo.eTag()));
        }
        if (photo.versionId() != null) {
            mark.set(StatusAttributes.VERSION_ID, AttributeValues.s(photo.versionId()));
        }
        return mark;
    }

    /** Whether a removal event's key was deleted for want of consent (the deletion was ours). */
    static boolean rejectedForConsent(Claim claim) {
        return claim.previous(NO_CONSENT_MARK) != null;
    }

    /** The rejection a removal event of a photo deleted for want of consent keeps (or writes, after a takeover). */
    StatusChange keptRejection() {
        return expiring(StatusChange.rejected(new RejectedException(Reason.NO_CONSENT, NO_CONSENT_DETAIL)));
    }

    private boolean recordedFromDocument(String bucket, Tenant tenant, String personId) {
        ConsentRecord record;
        try {
            record = new ConsentDocuments(s3, bucket, settings.prefix()).find(tenant, personId, clock.instant());
        } catch (InvalidConsentException invalid) {
            return false;
        }
        if (record == null) {
            return false;
        }
        store.put(tenant, record);
        return record.validAt(clock.instant());
    }
}
