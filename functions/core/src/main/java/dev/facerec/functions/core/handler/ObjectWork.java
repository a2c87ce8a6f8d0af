package dev.facerec.functions.core.handler;

import dev.facerec.functions.core.table.Claim;
import dev.facerec.functions.core.table.StatusChange;

/** What a function does with an object it has claimed; throws RejectedException to reject it. */
@FunctionalInterface
public interface ObjectWork {

    /** Processes the claimed object and says how its status row ends. */
    StatusChange process(Claim claim);
}
