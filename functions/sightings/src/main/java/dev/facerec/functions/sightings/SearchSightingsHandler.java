package dev.facerec.functions.sightings;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.facerec.functions.core.aws.AwsClients;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * Lambda entry point of "where was this face seen"
 * ({@code dev.facerec.functions.sightings.SearchSightingsHandler::handleRequest}), invoked synchronously
 * ({@code aws lambda invoke}; request and answer in docs/construct.md, "Sightings log"). A request that cannot be
 * answered is answered {@code {"schemaVersion": 1, "error": {"code", "message"}}}; a Rekognition, DynamoDB or S3
 * failure fails the invocation. Logs one line of counts: never keys, face ids, person ids or image bytes.
 */
public final class SearchSightingsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final SearchSettings settings;
    private final SightingsSearch search;

    /** Used by Lambda: clients and settings from the environment, built once per container. */
    public SearchSightingsHandler() {
        this(
                AwsClients.configured(RekognitionClient.builder()),
                AwsClients.configured(DynamoDbClient.builder()),
                SearchSettings.fromEnvironment(System.getenv()),
                Clock.systemUTC());
    }

    public SearchSightingsHandler(
            RekognitionClient rekognition, DynamoDbClient dynamoDb, SearchSettings settings, Clock clock) {
        this.settings = settings;
        this.search = new SightingsSearch(rekognition, dynamoDb, settings, clock);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> json, Context context) {
        Map<String, Object> answer;
        String outcome;
        try {
            answer = search.search(SearchRequest.parse(json, settings));
            outcome = "ANSWERED days=" + ((List<?>) answer.get("days")).size() + " sightings="
                    + ((List<?>) answer.get("sightings")).size();
        } catch (SearchRefused refused) {
            answer = new LinkedHashMap<>();
            answer.put("schemaVersion", 1);
            answer.put("error", Map.of("code", refused.code(), "message", refused.getMessage()));
            outcome = "REFUSED reason=" + refused.code();
        }
        context.getLogger().log("function=search-sightings outcome=" + outcome, LogLevel.INFO);
        return answer;
    }
}
