package dev.facerec.twin.apigateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * {@code AWS_IAM} authorization: checks a request's Signature Version 4 ({@code Authorization} header, service
 * {@code execute-api}, the twin's region) by signing the same request again with the AWS SDK's own signer and the
 * secret of the access key, at the request's {@code X-Amz-Date}. The twin knows one identity, the credentials it
 * gives its functions and clients ({@code test}/{@code test}), which it treats as the account's root user. IAM
 * policies ({@code execute-api:Invoke}) are not evaluated.
 */
final class SigV4Verifier {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*SignedHeaders=([^,]+),"
                    + "\\s*Signature=([0-9a-f]+)");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final String MISMATCH = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for "
            + "details.";

    /** The caller a valid signature identifies, as {@code requestContext.authorizer.iam} describes it. */
    record Caller(String accessKey, String accountId, String callerId, String userArn, String userId) {}

    /** Why a request was refused: 403 with API Gateway's message. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }

        GatewayResponse response() {
            return GatewayResponse.message(403, getMessage());
        }
    }

    private final Map<String, String> secrets;
    private final String region;
    private final String accountId;

    SigV4Verifier(Map<String, String> secrets, String region, String accountId) {
        this.secrets = Map.copyOf(secrets);
        this.region = region;
        this.accountId = accountId;
    }

    /**
     * @param headers the request's headers, names in lower case
     */
    Caller verify(
            String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body, Instant now)
            throws Refused {
        String authorization = first(headers, "authorization");
        if (authorization == null) {
            throw new Refused("Forbidden");
        }
        Matcher parts = AUTHORIZATION.matcher(authorization);
        if (!parts.matches()) {
            throw new Refused("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters "
                    + "of AWS4-HMAC-SHA256.");
        }
        String accessKey = parts.group(1);
        String secret = secrets.get(accessKey);
        if (secret == null) {
            throw new Refused("The security token included in the request is invalid.");
        }
        if (!"execute-api".equals(parts.group(4)) || !region.equals(parts.group(3))) {
            throw new Refused("Credential should be scoped to a valid region and to the service 'execute-api', not '"
                    + parts.group(3) + "' and '" + parts.group(4) + "'.");
        }
        String amzDate = first(headers, "x-amz-date");
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(amzDate == null ? "" : amzDate, AMZ_DATE)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new Refused("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (Duration.between(signedAt, now).abs().compareTo(SKEW) > 0) {
            throw new Refused("Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(SKEW).atOffset(ZoneOffset.UTC)) + " ("
                    + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC)) + " - 5 min.)");
        }
        String expected =
                signature(method, rawPath, rawQuery, headers, parts.group(5), body, accessKey, secret, signedAt);
        if (!expected.equals(parts.group(6))) {
            throw new Refused(MISMATCH);
        }
        return new Caller(accessKey, accountId, accountId, "arn:aws:iam::" + accountId + ":root", accountId);
    }

    private String signature(
            String method,
            String rawPath,
            String rawQuery,
            Map<String, List<String>> headers,
            String signedHeaders,
            byte[] body,
            String accessKey,
            String secret,
            Instant signedAt)
            throws Refused {
        String host = first(headers, "host");
        if (host == null) {
            throw new Refused(MISMATCH);
        }
        int colon = host.lastIndexOf(':');
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .protocol("http")
                .host(colon < 0 ? host : host.substring(0, colon))
                .port(colon < 0 ? 80 : Integer.parseInt(host.substring(colon + 1)))
                .encodedPath(rawPath);
        if (!rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                request.appendRawQueryParameter(
                        decode(equals < 0 ? pair : pair.substring(0, equals)),
                        equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        for (String name : signedHeaders.split(";")) {
            if (!name.equals("host") && headers.containsKey(name)) {
                headers.get(name).forEach(value -> request.appendHeader(name, value));
            }
        }
        String signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(accessKey, secret))
                        .request(request.build())
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request()
                .firstMatchingHeader("Authorization")
                .orElse("");
        Matcher parts = AUTHORIZATION.matcher(signed);
        return parts.matches() ? parts.group(6) : "";
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
