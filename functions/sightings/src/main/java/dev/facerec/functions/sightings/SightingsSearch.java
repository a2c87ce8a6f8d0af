package dev.facerec.functions.sightings;

import dev.facerec.functions.core.rekognition.RekognitionErrors;
import dev.facerec.functions.core.sightings.SightingRows;
import dev.facerec.functions.core.sightings.SightingsLogConfig;
import dev.facerec.functions.core.table.AttributeValues;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.FaceMatch;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.SearchFacesByImageResponse;

/**
 * "Where was this face seen": SearchFacesByImage (the largest face of the image) in the collection of each
 * requested day that exists, then the sighting row of every match (BatchGetItem), answered most recent first. A
 * match without a row (its photo's recognition did not finish) is left out; two matches of the same face of the same
 * photo (a retried recognition indexes its faces again) are answered once, with the higher similarity.
 */
public final class SightingsSearch {

    /** Rekognition's most matches per search. */
    static final int MAX_MATCHES = 4096;

    private static final int BATCH = 100;

    private final RekognitionClient rekognition;
    private final DynamoDbClient dynamoDb;
    private final SearchSettings settings;
    private final Clock clock;

    public SightingsSearch(
            RekognitionClient rekognition, DynamoDbClient dynamoDb, SearchSettings settings, Clock clock) {
        this.rekognition = rekognition;
        this.dynamoDb = dynamoDb;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Answers a search.
     *
     * @throws SearchRefused the image cannot be searched (not an image, no face, not found)
     * @throws RekognitionException any other Rekognition error (retryable ones to retry, others are the operator's)
     */
    public Map<String, Object> search(SearchRequest request) {
        SightingsLogConfig log = settings.log();
        List<LocalDate> days = log.recentDays(SightingsLogConfig.dayOf(clock.instant()), request.days());
        Map<String, Object> searchedFace = null;
        Map<Map<String, AttributeValue>, Float> matches = new LinkedHashMap<>();
        for (LocalDate day : days) {
            SearchFacesByImageResponse response = searchDay(log.collectionId(day), request);
            if (response == null) {
                continue;
            }
            if (searchedFace == null && response.searchedFaceBoundingBox() != null) {
                searchedFace = new LinkedHashMap<>();
                searchedFace.put("boundingBox", Sighting.box(response.searchedFaceBoundingBox()));
                searchedFace.put("confidence", response.searchedFaceConfidence());
            }
            for (FaceMatch match : response.faceMatches()) {
                matches.put(SightingRows.key(day, match.face().faceId()), match.similarity());
            }
        }
        List<Sighting> sightings = sightings(matches);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("schemaVersion", 1);
        answer.put("days", days.stream().map(LocalDate::toString).toList());
        answer.put("faceMatchThreshold", request.faceMatchThreshold());
        if (searchedFace != null) {
            answer.put("searchedFace", searchedFace);
        }
        answer.put(
                "sightings",
                sightings.stream()
                        .limit(request.maxSightings())
                        .map(Sighting::toJson)
                        .toList());
        answer.put("truncated", sightings.size() > request.maxSightings());
        return answer;
    }

    /** One day's search, or {@code null} when that day has no collection. */
    private SearchFacesByImageResponse searchDay(String collectionId, SearchRequest request) {
        try {
            return rekognition.searchFacesByImage(b -> b.collectionId(collectionId)
                    .image(request.image())
                    .faceMatchThreshold(request.faceMatchThreshold())
                    .maxFaces(Math.min(MAX_MATCHES, request.maxSightings())));
        } catch (ResourceNotFoundException noSightingsThatDay) {
            return null;
        } catch (RekognitionException error) {
            throw refusal(error);
        }
    }

    private static RuntimeException refusal(RekognitionException error) {
        if (RekognitionErrors.isRetryable(error)) {
            return error;
        }
        return switch (RekognitionErrors.errorCode(error)) {
            case "InvalidParameterException" ->
                new SearchRefused(SearchRefused.NO_FACE, "Rekognition found no face in the image");
            case "InvalidImageFormatException", "ImageTooLargeException", "InvalidS3ObjectException" ->
                new SearchRefused(
                        SearchRefused.INVALID_IMAGE,
                        "Rekognition cannot read the image (" + RekognitionErrors.errorCode(error) + ")");
            default -> error;
        };
    }

    /** The rows of the matches, as sightings: most recent first, each face of each photo once. */
    private List<Sighting> sightings(Map<Map<String, AttributeValue>, Float> matches) {
        Map<String, Sighting> unique = new HashMap<>();
        for (Map<String, AttributeValue> row : rows(new ArrayList<>(matches.keySet()))) {
            Float similarity = matches.get(Map.of("pk", row.get("pk"), "sk", row.get("sk")));
            Sighting sighting = new Sighting(
                    AttributeValues.str(row, SightingRows.DAY),
                    AttributeValues.str(row, SightingRows.SEEN_AT),
                    AttributeValues.str(row, SightingRows.BUCKET),
                    AttributeValues.str(row, SightingRows.OBJECT_KEY),
                    AttributeValues.str(row, SightingRows.VERSION_ID),
                    AttributeValues.str(row, SightingRows.ETAG),
                    AttributeValues.boundingBox(row, SightingRows.BOUNDING_BOX),
                    similarity == null ? 0f : similarity,
                    AttributeValues.str(row, SightingRows.PERSON_ID));
            unique.merge(sighting.identity(), sighting, (a, b) -> a.similarity() >= b.similarity() ? a : b);
        }
        return unique.values().stream()
                .sorted(Comparator.comparing(Sighting::seenAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Sighting::similarity, Comparator.reverseOrder()))
                .toList();
    }

    /** BatchGetItem, 100 keys at a time, until every key was answered. */
    private List<Map<String, AttributeValue>> rows(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        String table = settings.tableName();
        for (int from = 0; from < keys.size(); from += BATCH) {
            Map<String, KeysAndAttributes> request = Map.of(
                    table,
                    KeysAndAttributes.builder()
                            .keys(keys.subList(from, Math.min(keys.size(), from + BATCH)))
                            .build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(pending));
                rows.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return rows;
    }
}
