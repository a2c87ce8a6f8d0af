package dev.facerec.functions.recognize;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.consent.ConsentSettings;
import dev.facerec.functions.core.handler.SqsS3EventHandler;
import dev.facerec.functions.core.sightings.SightingsLogConfig;
import java.time.Clock;

/**
 * Lambda entry point of recognition behind an SQS event source mapping
 * ({@code dev.facerec.functions.recognize.RecognizeFacesQueueHandler::handleRequest}): the S3 notifications of the
 * recognise prefix, sent to a queue; answers with the messages to retry ({@code ReportBatchItemFailures}). The work
 * is {@link RecognitionService}'s, as for {@link RecognizeFacesHandler}, with the same settings: events and, when
 * configured, the sightings log.
 */
public final class RecognizeFacesQueueHandler extends SqsS3EventHandler {

    /** Used by Lambda: clients and settings from the environment, built once per container. */
    public RecognizeFacesQueueHandler() {
        this(
                AwsClients.fromEnvironment(),
                FunctionConfig.fromEnvironment(System.getenv()),
                Clock.systemUTC(),
                EventPublisher.fromEnvironment(System.getenv()),
                SightingsLogConfig.fromEnvironment(System.getenv()),
                ConsentSettings.fromEnvironment(System.getenv()));
    }

    /** The given clients, settings and event publisher; no sightings log. */
    public RecognizeFacesQueueHandler(AwsClients clients, FunctionConfig config, Clock clock, EventPublisher events) {
        this(clients, config, clock, events, SightingsLogConfig.OFF);
    }

    /** The given clients, settings, event publisher and sightings log. */
    public RecognizeFacesQueueHandler(
            AwsClients clients,
            FunctionConfig config,
            Clock clock,
            EventPublisher events,
            SightingsLogConfig sightingsLog) {
        this(clients, config, clock, events, sightingsLog, ConsentSettings.NOT_REQUIRED);
    }

    /** The given clients, settings, event publisher, sightings log and consent settings. */
    public RecognizeFacesQueueHandler(
            AwsClients clients,
            FunctionConfig config,
            Clock clock,
            EventPublisher events,
            SightingsLogConfig sightingsLog,
            ConsentSettings consent) {
        super(
                "recognize-faces",
                new RecognitionService(clients, config, clock, events, sightingsLog, consent)::process);
    }
}
