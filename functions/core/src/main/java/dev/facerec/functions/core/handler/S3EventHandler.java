package dev.facerec.functions.core.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Base of the functions' Lambda handlers: a {@link RequestStreamHandler} that receives the S3 event notification
 * as Lambda's asynchronous invocation delivers it and hands each record to the function's service. Subclasses only
 * build the service (once per container, in their constructor).
 */
public abstract class S3EventHandler implements RequestStreamHandler {

  private final S3EventDispatcher dispatcher;

  protected S3EventHandler(RecordProcessor processor) {
    this.dispatcher = new S3EventDispatcher(processor);
  }

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    dispatcher.dispatch(input, output, S3EventDispatcher.lease(context.getRemainingTimeInMillis()));
  }
}
