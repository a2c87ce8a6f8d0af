package dev.facerec.functions.core.sightings;

import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;

/**
 * Deletes one sighting of the log: its face from the day's collection, then its row. Used by the erasure of a person
 * and by recognition for a person erased while their photo was being recognised.
 */
public final class SightingDeletion {

    private final DynamoDbClient dynamoDb;
    private final RekognitionClient rekognition;
    private final String table;

    public SightingDeletion(DynamoDbClient dynamoDb, RekognitionClient rekognition, String table) {
        this.dynamoDb = dynamoDb;
        this.rekognition = rekognition;
        this.table = table;
    }

    /** Deletes the sighting of partition {@code sightingPk}; whether there was one. */
    public boolean delete(String sightingPk) {
        Map<String, AttributeValue> key = TableKeys.key(sightingPk, SightingRows.SK);
        Map<String, AttributeValue> row = dynamoDb.getItem(
                        b -> b.tableName(table).consistentRead(true).key(key))
                .item();
        if (row == null || row.isEmpty()) {
            return false;
        }
        String collectionId = AttributeValues.str(row, SightingRows.COLLECTION_ID);
        String faceId = AttributeValues.str(row, SightingRows.FACE_ID);
        try {
            rekognition.deleteFaces(b -> b.collectionId(collectionId).faceIds(faceId));
        } catch (ResourceNotFoundException dayCollectionGone) {
            // The day left the log's retention: its collection was deleted with the face.
        }
        dynamoDb.deleteItem(b -> b.tableName(table).key(key));
        return true;
    }
}
