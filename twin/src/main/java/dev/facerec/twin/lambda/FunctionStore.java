package dev.facerec.twin.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.twin.state.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The function definitions and their asynchronous invocation settings, one JSON file per function. */
final class FunctionStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    FunctionStore(Path directory) {
        this.directory = directory;
    }

    void save(FunctionConfiguration function, EventInvokeConfig invokeConfig) {
        ObjectNode node = JSON.createObjectNode()
                .put("name", function.name())
                .put("handler", function.handler())
                .put("runtime", function.runtime())
                .put("memoryMb", function.memoryMb())
                .put("timeoutMillis", function.timeout().toMillis())
                .put("code", function.code() == null ? null : function.code().toString())
                .put("reservedConcurrency", function.reservedConcurrency())
                .put("role", function.role())
                .put("snapStart", function.snapStart());
        node.set("environment", JSON.valueToTree(function.environment()));
        node.putObject("logging")
                .put("logFormat", function.logging().logFormat())
                .put("applicationLogLevel", function.logging().applicationLogLevel())
                .put("systemLogLevel", function.logging().systemLogLevel());
        if (invokeConfig != null) {
            node.putObject("eventInvokeConfig")
                    .put("maximumRetryAttempts", invokeConfig.maximumRetryAttempts())
                    .put(
                            "maximumEventAgeSeconds",
                            invokeConfig.maximumEventAge().toSeconds())
                    .put("onSuccess", invokeConfig.onSuccessDestination())
                    .put("onFailure", invokeConfig.onFailureDestination());
        }
        try {
            StateFiles.write(file(function.name()), node.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save function " + function.name() + " in " + directory, e);
        }
    }

    void delete(String functionName) {
        try {
            Files.deleteIfExists(file(functionName));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove function " + functionName + " from " + directory, e);
        }
    }

    /** Every saved function with its asynchronous invocation settings ({@code null} when it has none). */
    Map<FunctionConfiguration, EventInvokeConfig> loadAll() {
        Map<FunctionConfiguration, EventInvokeConfig> functions = new LinkedHashMap<>();
        if (!Files.isDirectory(directory)) {
            return functions;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>)
                    files.filter(f -> f.toString().endsWith(".json")).sorted()::iterator) {
                JsonNode node = JSON.readTree(file.toFile());
                functions.put(function(node), invokeConfig(node.get("eventInvokeConfig")));
            }
            return functions;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the functions in " + directory, e);
        }
    }

    private static FunctionConfiguration function(JsonNode node) {
        Map<String, String> environment = new LinkedHashMap<>();
        node.get("environment")
                .fields()
                .forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
        return new FunctionConfiguration(
                node.get("name").asText(),
                text(node, "handler"),
                text(node, "runtime"),
                node.get("memoryMb").asInt(),
                Duration.ofMillis(node.get("timeoutMillis").asLong()),
                environment,
                text(node, "code") == null ? null : Path.of(text(node, "code")),
                node.get("reservedConcurrency").isNull()
                        ? null
                        : node.get("reservedConcurrency").asInt(),
                text(node, "role"),
                logging(node.get("logging")),
                node.path("snapStart").asBoolean(false));
    }

    private static LoggingConfig logging(JsonNode node) {
        if (node == null) {
            return LoggingConfig.TEXT;
        }
        return new LoggingConfig(
                text(node, "logFormat"), text(node, "applicationLogLevel"), text(node, "systemLogLevel"));
    }

    private static EventInvokeConfig invokeConfig(JsonNode node) {
        if (node == null) {
            return null;
        }
        return new EventInvokeConfig(
                node.get("maximumRetryAttempts").asInt(),
                Duration.ofSeconds(node.get("maximumEventAgeSeconds").asLong()),
                text(node, "onSuccess"),
                text(node, "onFailure"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private Path file(String functionName) {
        return directory.resolve(functionName + ".json");
    }
}
