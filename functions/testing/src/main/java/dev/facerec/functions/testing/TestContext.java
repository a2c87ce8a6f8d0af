package dev.facerec.functions.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Lambda context the functions' tests invoke handlers with: fixed ids and names, a fixed remaining time, and a
 * logger that keeps its lines, with their levels, for assertions.
 */
public final class TestContext implements Context, LambdaLogger {

    /** One logged line and the level it was logged at ({@code UNDEFINED} for {@code log(String)}). */
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

    /** Lambda's longest timeout: what is left at the start of an invocation of a function configured with it. */
    public static final int MAX_REMAINING_MILLIS = 15 * 60 * 1000;

    private final int remainingMillis;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    /** A context with {@link #MAX_REMAINING_MILLIS} left. */
    public TestContext() {
        this(MAX_REMAINING_MILLIS);
    }

    /** A context with {@code remainingMillis} left, whenever asked. */
    public TestContext(int remainingMillis) {
        this.remainingMillis = remainingMillis;
    }

    /** The messages logged through {@link #getLogger()}, in order. */
    public List<String> lines() {
        return lines.stream().map(Line::message).toList();
    }

    /** What was logged through {@link #getLogger()}, with the levels, in order. */
    public List<Line> entries() {
        return List.copyOf(lines);
    }

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
        lines.add(new Line(level, message));
    }

    @Override
    public String getAwsRequestId() {
        return "11111111-2222-3333-4444-555555555555";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/facerec-test-function";
    }

    @Override
    public String getLogStreamName() {
        return "2025/01/01/[$LATEST]0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return "facerec-test-function";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:facerec-test-function";
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
    public int getRemainingTimeInMillis() {
        return remainingMillis;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return this;
    }
}
