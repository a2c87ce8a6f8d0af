package dev.facerec.functions.collection;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Lambda context with a fixed remaining time; the log lines are kept for assertions. */
final class TestContext implements Context, LambdaLogger {

    private final int remainingMillis;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    TestContext(int remainingMillis) {
        this.remainingMillis = remainingMillis;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void log(String message) {
        lines.add(message);
    }

    @Override
    public void log(byte[] message) {
        lines.add(new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public String getAwsRequestId() {
        return "11111111-2222-3333-4444-555555555555";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/collection-resource";
    }

    @Override
    public String getLogStreamName() {
        return "2025/01/01/[$LATEST]0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return "collection-resource";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:collection-resource";
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
