package dev.facerec.functions.core.table;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchWriteItem, 25 requests at a time, sending the unprocessed ones again (with a short backoff) until DynamoDB has
 * taken every one.
 */
public final class BatchWrites {

    /** DynamoDB's most requests in one BatchWriteItem. */
    public static final int BATCH = 25;

    private static final int MAX_ROUNDS = 8;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public BatchWrites(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Deletes the rows of {@code keys}. */
    public void delete(List<Map<String, AttributeValue>> keys) {
        write(keys.stream()
                .map(key -> WriteRequest.builder()
                        .deleteRequest(DeleteRequest.builder().key(key).build())
                        .build())
                .toList());
    }

    /** Puts {@code items}. */
    public void put(List<Map<String, AttributeValue>> items) {
        write(items.stream()
                .map(item -> WriteRequest.builder()
                        .putRequest(PutRequest.builder().item(item).build())
                        .build())
                .toList());
    }

    private void write(List<WriteRequest> requests) {
        for (int from = 0; from < requests.size(); from += BATCH) {
            Map<String, List<WriteRequest>> pending =
                    Map.of(table, requests.subList(from, Math.min(requests.size(), from + BATCH)));
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == MAX_ROUNDS) {
                    throw new IllegalStateException("DynamoDB left rows unprocessed after " + MAX_ROUNDS + " rounds");
                }
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                if (!pending.isEmpty()) {
                    pause(round);
                }
            }
        }
    }

    private static void pause(int round) {
        try {
            Thread.sleep(50L << round);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing rows", e);
        }
    }
}
