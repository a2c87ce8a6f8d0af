package dev.facerec.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {

    @TempDir
    Path temp;

    private Path modelsIn(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(ModelDirectory.PROBE), new byte[] {1});
        return dir;
    }

    @Test
    void find_shouldUseSystemProperty_whenSet() throws IOException {
        // GIVEN
        Path models = modelsIn(temp.resolve("explicit"));
        Properties properties = new Properties();
        properties.setProperty(ModelDirectory.MODELS_PROPERTY, models.toString());

        // WHEN
        Path found = ModelDirectory.find(properties, Map.of(ModelDirectory.MODELS_ENV, "/elsewhere"), temp);

        // THEN
        assertThat(found).isEqualTo(models);
    }

    @Test
    void find_shouldUseEnvironmentVariable_whenNoSystemProperty() throws IOException {
        // GIVEN
        Path models = modelsIn(temp.resolve("from-env"));

        // WHEN
        Path found = ModelDirectory.find(new Properties(), Map.of(ModelDirectory.MODELS_ENV, models.toString()), temp);

        // THEN
        assertThat(found).isEqualTo(models);
    }

    @Test
    void find_shouldUseNodeModulesProperty_whenSetByTheBuild() throws IOException {
        // GIVEN
        Path nodeModules = temp.resolve("nm");
        Path models = modelsIn(nodeModules.resolve(ModelDirectory.PACKAGE_MODELS));
        Properties properties = new Properties();
        properties.setProperty(ModelDirectory.NODE_MODULES_PROPERTY, nodeModules.toString());

        // WHEN
        Path found = ModelDirectory.find(properties, Map.of(), temp.resolve("unrelated"));

        // THEN
        assertThat(found).isEqualTo(models);
    }

    @Test
    void find_shouldSearchParentDirectories_whenNothingConfigured() throws IOException {
        // GIVEN a checkout with node_modules at its root, and a working directory two levels below
        Path models = modelsIn(temp.resolve("node_modules").resolve(ModelDirectory.PACKAGE_MODELS));
        Path workingDirectory = Files.createDirectories(temp.resolve("local").resolve("sub"));

        // WHEN
        Path found = ModelDirectory.find(new Properties(), Map.of(), workingDirectory);

        // THEN
        assertThat(found).isEqualTo(models);
    }

    @Test
    @DisplayName("fails if the models are nowhere, naming every place it looked")
    void find_failsIfNotFound() {
        Path workingDirectory = temp.resolve("empty");

        assertThatThrownBy(() -> ModelDirectory.find(new Properties(), Map.of(), workingDirectory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(workingDirectory
                        .resolve("node_modules")
                        .resolve(ModelDirectory.PACKAGE_MODELS)
                        .toString())
                .hasMessageContaining(ModelDirectory.MODELS_PROPERTY)
                .hasMessageContaining(ModelDirectory.MODELS_ENV);
    }

    @Test
    @DisplayName("fails if the configured directory holds no model")
    void find_failsIfConfiguredDirectoryIsEmpty() {
        Properties properties = new Properties();
        properties.setProperty(ModelDirectory.MODELS_PROPERTY, temp.toString());

        assertThatThrownBy(() -> ModelDirectory.find(properties, Map.of(), temp))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(temp.toString())
                .hasMessageContaining("system property " + ModelDirectory.MODELS_PROPERTY);
    }
}
