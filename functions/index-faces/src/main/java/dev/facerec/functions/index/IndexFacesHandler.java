package dev.facerec.functions.index;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.handler.OutcomeLog;
import dev.facerec.functions.core.handler.S3EventDispatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/**
 * Lambda entry point of enrolment ({@code dev.facerec.functions.index.IndexFacesHandler::handleRequest}): receives
 * the S3 event notification of the enrol prefix as Lambda's asynchronous invocation delivers it. Clients are built
 * once per container; the work is {@link EnrolmentService}'s.
 */
public final class IndexFacesHandler implements RequestStreamHandler {

  private final S3EventDispatcher dispatcher;

  /** Used by Lambda: clients and settings from the environment. */
  public IndexFacesHandler() {
    this(AwsClients.fromEnvironment(), FunctionConfig.fromEnvironment(System.getenv()), Clock.systemUTC());
  }

  /** Used by tests: the given clients and settings. */
  public IndexFacesHandler(AwsClients clients, FunctionConfig config, Clock clock) {
    EnrolmentService service = new EnrolmentService(clients, config, clock, new OutcomeLog(System.out));
    this.dispatcher = new S3EventDispatcher(new ObjectMapper(), service::process);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    dispatcher.dispatch(input, output, S3EventDispatcher.lease(context == null ? 0 : context.getRemainingTimeInMillis()));
  }
}
