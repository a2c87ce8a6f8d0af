package dev.facerec.functions.index;

import dev.facerec.functions.core.enrollment.PersonLocks;
import dev.facerec.functions.core.table.StatusChange;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Duration;

/**
 * The person lock of one invocation: taken at most once, given back by the transaction that ends the invocation
 * or, when that transaction is not written, at once.
 */
final class PersonLock {

    private final PersonLocks locks;
    private final Duration lease;
    private PersonLocks.Held held;
    private boolean inFinalChange;

    PersonLock(PersonLocks locks, Duration lease) {
        this.locks = locks;
        this.lease = lease;
    }

    /**
     * Takes the lock of {@code personId} of {@code tenant}; nothing when it is {@code null} (a key that names no
     * valid person).
     */
    void take(Tenant tenant, String personId) {
        if (personId != null && held == null) {
            held = locks.acquire(tenant, personId, lease);
        }
    }

    /** Adds the release of the lock to the invocation's final change. */
    StatusChange releaseWith(StatusChange change) {
        if (held != null) {
            change.alsoWrite(locks.releaseItem(held));
            inFinalChange = true;
        }
        return change;
    }

    /**
     * Ends the scope.
     *
     * @param finished whether the invocation wrote its final change (which gave the lock back when it carried it)
     */
    void close(boolean finished) {
        if (held != null && !(finished && inFinalChange)) {
            locks.releaseQuietly(held);
        }
    }
}
