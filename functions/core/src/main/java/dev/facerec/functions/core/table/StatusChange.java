package dev.facerec.functions.core.table;

import dev.facerec.functions.core.status.ObjectStatus;
import dev.facerec.functions.core.status.RejectedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * How an invocation ends: the final status, the status row's attributes to set and remove, and other rows to write
 * in the same transaction (so that the rows and the status change together or not at all).
 */
public final class StatusChange {

    private final ObjectStatus status;
    private final Map<String, AttributeValue> set = new LinkedHashMap<>();
    private final Set<String> remove = new LinkedHashSet<>();
    private final List<TransactWriteItem> alsoWrite = new ArrayList<>();

    private StatusChange(ObjectStatus status) {
        this.status = status;
    }

    public static StatusChange to(ObjectStatus status) {
        return new StatusChange(status);
    }

    /** A REJECTED change carrying the rejection's reason, detail and error code. */
    public static StatusChange rejected(RejectedException rejection) {
        StatusChange change = to(ObjectStatus.REJECTED)
                .set(
                        StatusAttributes.REASON,
                        AttributeValues.s(rejection.reason().name()))
                .set(StatusAttributes.DETAIL, AttributeValues.s(rejection.detail() == null ? "" : rejection.detail()));
        if (rejection.errorCode() != null) {
            change.set(StatusAttributes.ERROR_CODE, AttributeValues.s(rejection.errorCode()));
        }
        return change;
    }

    public StatusChange set(String attribute, AttributeValue value) {
        set.put(attribute, value);
        return this;
    }

    public StatusChange remove(String attribute) {
        remove.add(attribute);
        return this;
    }

    public StatusChange alsoWrite(TransactWriteItem item) {
        alsoWrite.add(item);
        return this;
    }

    public ObjectStatus status() {
        return status;
    }

    public Map<String, AttributeValue> set() {
        return set;
    }

    public Set<String> remove() {
        return remove;
    }

    public List<TransactWriteItem> alsoWrite() {
        return alsoWrite;
    }
}
