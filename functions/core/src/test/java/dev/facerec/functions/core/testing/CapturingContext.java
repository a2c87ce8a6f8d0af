package dev.facerec.functions.core.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Lambda {@link Context} whose logger keeps every line with its level, for tests that read what a handler logs.
 * Each instance has its own request id; the remaining time is fixed when it is created.
 */
public final class CapturingContext implements Context {

  /** One logged line. */
  public record Line(LogLevel level, String message) {

    /** The message's {@code key=value} pairs (the functions' log format), in order. */
    public Map<String, String> fields() {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String pair : message.trim().split(" ")) {
        int equals = pair.indexOf('=');
        if (equals <= 0) {
          throw new IllegalArgumentException("not a key=value pair: '" + pair + "' in '" + message + "'");
        }
        fields.put(pair.substring(0, equals), pair.substring(equals + 1));
      }
      return fields;
    }
  }

  private final String requestId = UUID.randomUUID().toString();
  private final int remainingMillis;
  private final List<Line> lines = new ArrayList<>();
  private final LambdaLogger logger = new LambdaLogger() {
    @Override
    public void log(String message) {
      log(message, LogLevel.UNDEFINED);
    }

    @Override
    public void log(byte[] message) {
      log(new String(message, StandardCharsets.UTF_8), LogLevel.UNDEFINED);
    }

    @Override
    public void log(String message, LogLevel level) {
      synchronized (lines) {
        lines.add(new Line(level, message));
      }
    }
  };

  /** A context with a minute left. */
  public CapturingContext() {
    this(60_000);
  }

  /** A context with {@code remainingMillis} left, whatever the time. */
  public CapturingContext(int remainingMillis) {
    this.remainingMillis = remainingMillis;
  }

  /** The messages logged so far, in order. */
  public List<String> messages() {
    return lines().stream().map(Line::message).toList();
  }

  /** What was logged so far, in order. */
  public List<Line> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return remainingMillis;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/test";
  }

  @Override
  public String getLogStreamName() {
    return "2025/01/01/[$LATEST]0123456789abcdef";
  }

  @Override
  public String getFunctionName() {
    return "test";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:000000000000:function:test";
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }
}
