package dev.facerec.functions.core.handler;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One JSON line per processed event, on standard output (CloudWatch Logs in Lambda). Object keys can contain person
 * ids, so they are never logged: a short hash of bucket and key correlates lines with the status row instead.
 * Face ids, names and image bytes are never logged either.
 */
public final class OutcomeLog {

  private final PrintStream out;

  public OutcomeLog(PrintStream out) {
    this.out = out;
  }

  /** Logs the outcome of one event. */
  public void outcome(String function, String eventName, String bucket, String key, String outcome, String reason) {
    out.println("{\"function\":\"" + function + "\",\"event\":\"" + eventName + "\",\"object\":\""
        + objectRef(bucket, key) + "\",\"outcome\":\"" + outcome + "\""
        + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}");
  }

  /** Logs an error that will make Lambda retry the event; the message is the exception type only. */
  public void retrying(String function, String eventName, String bucket, String key, RuntimeException error) {
    out.println("{\"function\":\"" + function + "\",\"event\":\"" + eventName + "\",\"object\":\""
        + objectRef(bucket, key) + "\",\"outcome\":\"RETRY\",\"error\":\"" + error.getClass().getSimpleName() + "\"}");
  }

  /** A stable, non-reversible reference to an object: the first 16 hex digits of SHA-256(bucket/key). */
  public static String objectRef(String bucket, String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((bucket + "/" + key).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
