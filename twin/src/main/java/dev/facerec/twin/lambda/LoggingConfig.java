package dev.facerec.twin.lambda;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A function's {@code LoggingConfig}: its log format and, for the JSON format, the levels below which Lambda drops
 * application and system log lines. Lambda hands the format and the application level to the runtime as
 * {@code AWS_LAMBDA_LOG_FORMAT} and {@code AWS_LAMBDA_LOG_LEVEL}; the Java runtime interface client then writes each
 * line logged through the context's logger as a JSON object with {@code timestamp}, {@code level},
 * {@code message} and {@code AWSRequestId}, and drops lines below the level. The twin writes no system (platform)
 * log lines, so the system level is recorded only.
 *
 * @param logFormat {@code Text} or {@code JSON}
 * @param applicationLogLevel {@code TRACE} … {@code FATAL}, or {@code null} (Lambda's default, {@code INFO}, for JSON)
 * @param systemLogLevel {@code DEBUG}, {@code INFO} or {@code WARN}, or {@code null}
 */
public record LoggingConfig(String logFormat, String applicationLogLevel, String systemLogLevel) {

    /** Lambda's default: plain text, no level filtering. */
    public static final LoggingConfig TEXT = new LoggingConfig("Text", null, null);

    public LoggingConfig {
        logFormat = logFormat == null || logFormat.isBlank() ? "Text" : logFormat;
    }

    /** Whether the format is JSON (the only one with level filtering). */
    public boolean isJson() {
        return "JSON".equalsIgnoreCase(logFormat);
    }

    /** The variables Lambda sets for the runtime. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_LAMBDA_LOG_FORMAT", isJson() ? "JSON" : "TEXT");
        if (isJson()) {
            String level = applicationLogLevel == null || applicationLogLevel.isBlank() ? "INFO" : applicationLogLevel;
            environment.put("AWS_LAMBDA_LOG_LEVEL", level.toUpperCase(Locale.ROOT));
        }
        return environment;
    }
}
