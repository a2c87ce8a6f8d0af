package dev.facerec.functions.index;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.consent.ConsentSettings;
import dev.facerec.functions.core.handler.SqsS3EventHandler;
import java.time.Clock;

/**
 * Lambda entry point of enrolment behind an SQS event source mapping
 * ({@code dev.facerec.functions.index.IndexFacesQueueHandler::handleRequest}): the S3 notifications of the enrol
 * prefix, sent to a queue; answers with the messages to retry ({@code ReportBatchItemFailures}). The work is
 * {@link EnrollmentService}'s, as for {@link IndexFacesHandler}.
 */
public final class IndexFacesQueueHandler extends SqsS3EventHandler {

    /** Used by Lambda: clients and settings from the environment. */
    public IndexFacesQueueHandler() {
        this(
                AwsClients.fromEnvironment(),
                FunctionConfig.fromEnvironment(System.getenv()),
                ConsentSettings.fromEnvironment(System.getenv()),
                Clock.systemUTC());
    }

    /** Used by tests: the given clients and settings, consent not required. */
    public IndexFacesQueueHandler(AwsClients clients, FunctionConfig config, Clock clock) {
        this(clients, config, ConsentSettings.NOT_REQUIRED, clock);
    }

    /** Used by tests: the given clients, settings and consent settings. */
    public IndexFacesQueueHandler(AwsClients clients, FunctionConfig config, ConsentSettings consent, Clock clock) {
        super("index-faces", new EnrollmentService(clients, config, consent, clock)::process);
    }
}
