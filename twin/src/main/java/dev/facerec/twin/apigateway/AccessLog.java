package dev.facerec.twin.apigateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stage's access log: each request becomes one line in the stage's {@code AccessLogSettings.Format}, its
 * {@code $context.*} variables filled in, appended to {@code <directory>/<log group name>.log} (the log group of
 * {@code DestinationArn}, {@code /} as {@code _}). Variables the twin does not know are written as {@code -}, as
 * API Gateway writes empty ones.
 */
final class AccessLog {

    private static final Pattern VARIABLE = Pattern.compile("\\$context\\.([A-Za-z0-9_.]+)");

    private final Path directory;

    AccessLog(Path directory) {
        this.directory = directory;
    }

    /** The file a destination's lines go to. */
    Path file(String destinationArn) {
        String logGroup = destinationArn
                .replaceFirst("^arn:[^:]*:logs:[^:]*:[^:]*:log-group:", "")
                .replaceFirst(":\\*$", "");
        return directory.resolve(logGroup.replace('/', '_').replace(':', '_') + ".log");
    }

    void write(ApiStage stage, Map<String, String> context) {
        if (stage.accessLogDestination() == null || stage.accessLogFormat() == null) {
            return;
        }
        Matcher variables = VARIABLE.matcher(stage.accessLogFormat());
        StringBuilder line = new StringBuilder();
        while (variables.find()) {
            String value = context.get(variables.group(1));
            variables.appendReplacement(line, Matcher.quoteReplacement(value == null ? "-" : value));
        }
        variables.appendTail(line);
        Path file = file(stage.accessLogDestination());
        try {
            Files.createDirectories(directory);
            synchronized (this) {
                Files.writeString(
                        file,
                        line.toString().replace("\n", " ") + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the access log " + file, e);
        }
    }
}
