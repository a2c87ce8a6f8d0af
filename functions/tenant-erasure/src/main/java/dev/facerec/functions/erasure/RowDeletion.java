package dev.facerec.functions.erasure;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Deletes up to 25 rows with BatchWriteItem, sending the unprocessed ones again until none is left. */
final class RowDeletion {

    private static final int MAX_ROUNDS = 8;

    private final DynamoDbClient dynamoDb;
    private final String table;

    RowDeletion(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    void delete(List<Map<String, AttributeValue>> keys) {
        Map<String, List<WriteRequest>> pending = Map.of(
                table,
                keys.stream()
                        .map(key -> WriteRequest.builder()
                                .deleteRequest(DeleteRequest.builder().key(key).build())
                                .build())
                        .toList());
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

    private static void pause(int round) {
        try {
            Thread.sleep(50L << round);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting rows", e);
        }
    }
}
