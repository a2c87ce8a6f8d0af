package dev.facerec.functions.recognize;

import dev.facerec.functions.core.erasure.ErasureMarkers;
import dev.facerec.functions.core.recognition.Identity;
import dev.facerec.functions.core.recognition.PersonProfile;
import dev.facerec.functions.core.recognition.RecognizedFace;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Writes the rows of a recognition that name people only while none of those people is being erased: each write is
 * a transaction that checks, for every person it names, that no erasure covers the moment the collection was searched
 * ({@link ErasureMarkers#notCovering(ErasureMarkers.Kind, String, Instant, String)}). A person whose check fails was
 * identified just before their erasure: the erasure may already have followed the person's mentions, so nothing naming
 * them may be written after it. Such people are returned, never retried, for the caller to leave unnamed.
 *
 * <p>DynamoDB takes at most {@value #MAX_ITEMS} items per transaction: mentions go {@value #MENTIONS_PER_TRANSACTION}
 * people (a check and a row each) at a time, other writes ({@link #write}: the result row, a camera's merge) with as
 * many checks as fit beside them (DetectFaces finds at most 100 faces; checks beyond go in transactions of their own
 * first).
 */
public final class ErasureGuard {

    /** The reason recorded when a person identified in the photo was erased meanwhile. */
    public static final String PERSON_ERASED = "PERSON_ERASED";

    static final int MAX_ITEMS = 100;
    static final int MENTIONS_PER_TRANSACTION = MAX_ITEMS / 2;

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ErasureMarkers markers;

    public ErasureGuard(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.markers = new ErasureMarkers(dynamoDb, table, clock);
    }

    /**
     * Writes the mention row of each person ({@code rows}: person id → row) unless the person's erasure covers {@code
     * searched}; returns the people whose mention was not written. Each failed check removes its person and the rest
     * of that transaction is written again, so this ends after at most one extra attempt per erased person.
     */
    Set<String> mentions(Tenant tenant, Instant searched, Map<String, Map<String, AttributeValue>> rows) {
        Set<String> erased = new LinkedHashSet<>();
        List<String> people = new ArrayList<>(rows.keySet());
        for (int from = 0; from < people.size(); from += MENTIONS_PER_TRANSACTION) {
            List<String> chunk =
                    new ArrayList<>(people.subList(from, Math.min(people.size(), from + MENTIONS_PER_TRANSACTION)));
            while (!chunk.isEmpty()) {
                List<TransactWriteItem> puts =
                        chunk.stream().map(person -> put(rows.get(person))).toList();
                Set<String> failed = transact(tenant, searched, chunk, puts);
                if (failed.isEmpty()) {
                    break;
                }
                erased.addAll(failed);
                chunk.removeAll(failed);
            }
        }
        return erased;
    }

    /**
     * Writes {@code row} (the result row) unless the erasure of one of {@code people} covers {@code searched}; returns
     * those people, empty when the row was written.
     */
    Set<String> row(Tenant tenant, Instant searched, List<String> people, Map<String, AttributeValue> row) {
        return write(tenant, searched, people, List.of(put(row)));
    }

    /**
     * Writes {@code items} in one transaction with the checks of {@code people} (the checks that do not fit in it go
     * first, in transactions of their own); returns the people whose check failed, and then nothing of {@code items}
     * was written. A transaction cancelled for another reason (the condition of one of {@code items}) is thrown.
     */
    public Set<String> write(Tenant tenant, Instant searched, List<String> people, List<TransactWriteItem> items) {
        int alone = Math.max(0, people.size() - Math.max(0, MAX_ITEMS - items.size()));
        Set<String> erased = new LinkedHashSet<>();
        for (int from = 0; from < alone; from += MAX_ITEMS) {
            erased.addAll(
                    transact(tenant, searched, people.subList(from, Math.min(alone, from + MAX_ITEMS)), List.of()));
        }
        if (!erased.isEmpty()) {
            return erased;
        }
        return transact(tenant, searched, people.subList(alone, people.size()), items);
    }

    /** {@code faces} with the faces of {@code erased} people answered as {@code ERASED}: no id, name or lists. */
    public static List<RecognizedFace> unnamed(List<RecognizedFace> faces, Set<String> erased) {
        if (erased.isEmpty()) {
            return faces;
        }
        return faces.stream()
                .map(face -> erased.contains(face.identity().personId())
                        ? new RecognizedFace(face.detail(), Identity.erased(), PersonProfile.NONE)
                        : face)
                .toList();
    }

    /** One transaction: a check per person, then {@code items}; the people whose check failed (nothing written). */
    private Set<String> transact(Tenant tenant, Instant searched, List<String> people, List<TransactWriteItem> items) {
        List<TransactWriteItem> all = new ArrayList<>(people.size() + items.size());
        for (String person : people) {
            all.add(TransactWriteItem.builder()
                    .conditionCheck(markers.notCovering(
                                    ErasureMarkers.Kind.PERSON, tenant.qualified(person), searched, PERSON_ERASED)
                            .check())
                    .build());
        }
        all.addAll(items);
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(all));
            return Set.of();
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons =
                    cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
            Set<String> failed = new LinkedHashSet<>();
            for (int i = 0; i < people.size() && i < reasons.size(); i++) {
                if (CONDITION_FAILED.equals(reasons.get(i).code())) {
                    failed.add(people.get(i));
                }
            }
            if (failed.isEmpty()) {
                throw cancelled;
            }
            return failed;
        }
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(table).item(item).build())
                .build();
    }
}
