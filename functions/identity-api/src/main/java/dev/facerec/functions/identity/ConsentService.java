package dev.facerec.functions.identity;

import dev.facerec.functions.core.consent.ConsentRecord;
import dev.facerec.functions.core.consent.ConsentRecord.Capture;
import dev.facerec.functions.core.consent.ConsentStatements;
import dev.facerec.functions.core.consent.ConsentStore;
import dev.facerec.functions.core.consent.InvalidConsentException;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Clock;
import java.util.function.BiFunction;

/**
 * {@code PUT}, {@code GET} and {@code DELETE /people/{personId}/consent} (docs/api.md, "Consent"): the person's
 * consent record, written, read, or withdrawn. Withdrawal erases the person, through the same erasure as
 * {@code DELETE /people/{personId}}, and answers with what it removed.
 */
final class ConsentService {

    private final ConsentStore store;
    private final Tenant tenant;
    private final Clock clock;
    private final BiFunction<String, String, byte[]> erasure;

    /**
     * @param erasure erases a person (their consent record among the rest) for a requester and answers the receipt
     */
    ConsentService(ConsentStore store, Tenant tenant, Clock clock, BiFunction<String, String, byte[]> erasure) {
        this.store = store;
        this.tenant = tenant;
        this.clock = clock;
        this.erasure = erasure;
    }

    /** {@code PUT}: records (or replaces) the consent the body states; answers the record. */
    byte[] put(String personId, byte[] body) {
        ConsentRecord record;
        try {
            record = ConsentStatements.parse(body, personId, Capture.API, null, clock.instant());
        } catch (InvalidConsentException invalid) {
            throw ApiException.badRequest(invalid.code(), invalid.getMessage());
        }
        store.put(tenant, record);
        return record.toJson(clock.instant());
    }

    /** {@code GET}: the consent record, with whether it holds now. */
    byte[] get(String personId) {
        return existing(personId).toJson(clock.instant());
    }

    /** {@code DELETE}: withdraws consent, which erases the person ({@code requestedBy}: the caller, for the receipt). */
    byte[] withdraw(String personId, String requestedBy) {
        existing(personId);
        return erasure.apply(personId, requestedBy);
    }

    private ConsentRecord existing(String personId) {
        ConsentRecord record = store.get(tenant, personId);
        if (record == null) {
            throw new ApiException(404, "CONSENT_NOT_FOUND", "no consent is recorded for this person");
        }
        return record;
    }
}
