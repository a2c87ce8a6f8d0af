package dev.facerec.twin.lambda;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.state.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The statements of the functions' resource-based policies, by statement id, kept in one state file. */
final class PermissionRegistry {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, FunctionPermission> statements;

    PermissionRegistry(Path file) {
        this.file = file;
        try {
            statements = Files.isRegularFile(file)
                    ? new LinkedHashMap<>(
                            JSON.readValue(file.toFile(), new TypeReference<Map<String, FunctionPermission>>() {}))
                    : new LinkedHashMap<>();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    synchronized void put(String statementId, FunctionPermission permission) {
        statements.put(statementId, permission);
        save();
    }

    synchronized void remove(String statementId) {
        if (statements.remove(statementId) != null) {
            save();
        }
    }

    synchronized boolean allowsInvoke(FunctionReference target, String principal, String sourceArn, String account) {
        return statements.values().stream().anyMatch(s -> s.allowsInvoke(target, principal, sourceArn, account));
    }

    private void save() {
        try {
            StateFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(statements));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
