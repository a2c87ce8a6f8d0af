package dev.facerec.functions.sightings;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.sightings.SightingsLogConfig;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * Lambda entry point of the sightings log's expiry
 * ({@code dev.facerec.functions.sightings.ExpireSightingsHandler::handleRequest}), invoked by a daily EventBridge
 * schedule; the event itself is not read. Answers {@code {"today": ..., "deleted": [days], "kept": [days]}} and logs
 * the counts (days are no personal data; nothing else is logged).
 */
public final class ExpireSightingsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final SightingsExpiry expiry;

    /** Used by Lambda: the client and settings from the environment, built once per container. */
    public ExpireSightingsHandler() {
        this(
                AwsClients.configured(RekognitionClient.builder()),
                SightingsLogConfig.fromEnvironment(System.getenv()),
                Clock.systemUTC());
    }

    public ExpireSightingsHandler(RekognitionClient rekognition, SightingsLogConfig log, Clock clock) {
        this.expiry = new SightingsExpiry(rekognition, log, clock);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        SightingsExpiry.Outcome outcome = expiry.run();
        context.getLogger()
                .log(
                        "function=expire-sightings outcome=DONE deleted="
                                + outcome.deleted().size() + " kept="
                                + outcome.kept().size(),
                        LogLevel.INFO);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("today", outcome.today().toString());
        answer.put(
                "deleted", outcome.deleted().stream().map(LocalDate::toString).toList());
        answer.put("kept", outcome.kept().stream().map(LocalDate::toString).toList());
        return answer;
    }
}
