package dev.facerec.twin.lambda;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.facerec.twin.state.StateFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The statements of the functions' resource-based policies, by statement id, kept in one state file. */
final class PermissionRegistry {

    private final Path file;
    private final Map<String, FunctionPermission> statements;

    PermissionRegistry(Path file) {
        this.file = file;
        this.statements = new LinkedHashMap<>(
                StateFiles.readJson(file, new TypeReference<Map<String, FunctionPermission>>() {}, Map.of()));
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

    synchronized boolean has(String statementId) {
        return statements.containsKey(statementId);
    }

    synchronized boolean allowsInvoke(FunctionReference target, String principal, String sourceArn, String account) {
        return statements.values().stream().anyMatch(s -> s.allowsInvoke(target, principal, sourceArn, account));
    }

    private void save() {
        StateFiles.writeJson(file, statements);
    }
}
