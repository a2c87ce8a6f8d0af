package dev.facerec.functions.index;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.consent.ConsentSettings;
import dev.facerec.functions.core.handler.S3EventHandler;
import java.time.Clock;

/**
 * Lambda entry point of enrolment ({@code dev.facerec.functions.index.IndexFacesHandler::handleRequest}): the S3
 * notifications of the enrol prefix. Clients are built once per container; the work is {@link EnrollmentService}'s.
 */
public final class IndexFacesHandler extends S3EventHandler {

    /** Used by Lambda: clients and settings from the environment. */
    public IndexFacesHandler() {
        this(
                AwsClients.fromEnvironment(),
                FunctionConfig.fromEnvironment(System.getenv()),
                ConsentSettings.fromEnvironment(System.getenv()),
                Clock.systemUTC());
    }

    /** Used by tests: the given clients and settings, consent not required. */
    public IndexFacesHandler(AwsClients clients, FunctionConfig config, Clock clock) {
        this(clients, config, ConsentSettings.NOT_REQUIRED, clock);
    }

    /** Used by tests: the given clients, settings and consent settings. */
    public IndexFacesHandler(AwsClients clients, FunctionConfig config, ConsentSettings consent, Clock clock) {
        super("index-faces", new EnrollmentService(clients, config, consent, clock)::process);
    }
}
