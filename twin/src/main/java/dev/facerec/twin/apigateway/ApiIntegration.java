package dev.facerec.twin.apigateway;

/**
 * A Lambda proxy integration of an HTTP API ({@code AWS::ApiGatewayV2::Integration}, type {@code AWS_PROXY},
 * payload format 2.0).
 *
 * @param id the integration id
 * @param functionArn the function, version or alias ARN the integration invokes
 * @param timeoutMillis how long API Gateway waits for the function (50 to 30000, default 30000)
 * @param credentialsArn the role API Gateway invokes with, or {@code null}: then the function's resource policy
 *     must allow the invocation
 */
public record ApiIntegration(String id, String functionArn, int timeoutMillis, String credentialsArn) {}
