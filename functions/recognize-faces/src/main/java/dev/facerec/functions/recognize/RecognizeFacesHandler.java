package dev.facerec.functions.recognize;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.consent.ConsentSettings;
import dev.facerec.functions.core.handler.S3EventHandler;
import dev.facerec.functions.core.sightings.SightingsLogConfig;
import java.time.Clock;

/**
 * Lambda entry point of recognition ({@code dev.facerec.functions.recognize.RecognizeFacesHandler::handleRequest}):
 * the S3 notifications of the recognise prefix. The work is {@link RecognitionService}'s.
 */
public final class RecognizeFacesHandler extends S3EventHandler {

    /** Used by Lambda: clients and settings from the environment, built once per container. */
    public RecognizeFacesHandler() {
        this(
                AwsClients.fromEnvironment(),
                FunctionConfig.fromEnvironment(System.getenv()),
                Clock.systemUTC(),
                EventPublisher.fromEnvironment(System.getenv()),
                SightingsLogConfig.fromEnvironment(System.getenv()),
                ConsentSettings.fromEnvironment(System.getenv()));
    }

    /** Used by tests: the given clients and settings, no events. */
    public RecognizeFacesHandler(AwsClients clients, FunctionConfig config, Clock clock) {
        this(clients, config, clock, EventPublisher.NONE);
    }

    /** The given clients, settings and event publisher. */
    public RecognizeFacesHandler(AwsClients clients, FunctionConfig config, Clock clock, EventPublisher events) {
        this(clients, config, clock, events, SightingsLogConfig.OFF);
    }

    /** The given clients, settings, event publisher and sightings log. */
    public RecognizeFacesHandler(
            AwsClients clients,
            FunctionConfig config,
            Clock clock,
            EventPublisher events,
            SightingsLogConfig sightingsLog) {
        this(clients, config, clock, events, sightingsLog, ConsentSettings.NOT_REQUIRED);
    }

    /** The given clients, settings, event publisher, sightings log and consent settings. */
    public RecognizeFacesHandler(
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
