package dev.facerec.twin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A synthesized cloud assembly ({@code cdk.out}): its stacks, read from {@code manifest.json}, and its file assets,
 * read from the asset manifests ({@code *.assets.json}) or, for stacks of CDK's legacy synthesizer, from the stacks'
 * {@code aws:cdk:asset} metadata ({@link LegacyAssets}).
 */
public final class CloudAssembly {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final List<StackArtifact> stacks;
    private final AssetLocator assets;

    private CloudAssembly(Path directory, List<StackArtifact> stacks, AssetLocator assets) {
        this.directory = directory;
        this.stacks = List.copyOf(stacks);
        this.assets = assets;
    }

    /** Reads {@code directory/manifest.json}; a missing or empty assembly is an error that says to synthesize. */
    public static CloudAssembly read(Path directory) {
        Path manifest = directory.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            throw new TemplateException("no cloud assembly in " + directory.toAbsolutePath()
                    + ": synthesize the app first (npx cdk synth)");
        }
        JsonNode artifacts = readJson(manifest).path("artifacts");
        List<StackArtifact> stacks = new ArrayList<>();
        Map<String, Path> assets = new HashMap<>();
        artifacts.fields().forEachRemaining(entry -> {
            JsonNode artifact = entry.getValue();
            String type = artifact.path("type").asText();
            JsonNode properties = artifact.path("properties");
            if ("aws:cloudformation:stack".equals(type)) {
                stacks.add(new StackArtifact(
                        entry.getKey(),
                        directory.resolve(properties.path("templateFile").asText()),
                        LegacyAssets.read(directory, metadata(directory, artifact), assets)));
            } else if ("cdk:asset-manifest".equals(type)) {
                readAssets(directory, directory.resolve(properties.path("file").asText()), assets);
            }
        });
        if (stacks.isEmpty()) {
            throw new TemplateException("the cloud assembly in " + directory + " has no stack");
        }
        return new CloudAssembly(directory, stacks, new AssetLocator(assets));
    }

    private static void readAssets(Path directory, Path assetManifest, Map<String, Path> assets) {
        readJson(assetManifest).path("files").fields().forEachRemaining(file -> {
            Path source = directory.resolve(
                    file.getValue().path("source").path("path").asText());
            file.getValue()
                    .path("destinations")
                    .forEach(destination ->
                            assets.put(destination.path("objectKey").asText(), source));
        });
    }

    /**
     * A stack artifact's metadata, inline ({@code metadata}) and in its {@code additionalMetadataFile} (if the file is
     * there: the twin needs only the asset entries of legacy stacks).
     */
    private static JsonNode metadata(Path directory, JsonNode artifact) {
        ObjectNode metadata = JSON.createObjectNode();
        if (artifact.path("metadata").isObject()) {
            metadata.setAll((ObjectNode) artifact.get("metadata"));
        }
        Path file = artifact.hasNonNull("additionalMetadataFile")
                ? directory.resolve(artifact.get("additionalMetadataFile").asText())
                : null;
        if (file != null && Files.isRegularFile(file) && readJson(file) instanceof ObjectNode more) {
            metadata.setAll(more);
        }
        return metadata;
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public Path directory() {
        return directory;
    }

    public List<StackArtifact> stacks() {
        return stacks;
    }

    /** The stack of that name, or an error listing the stacks there are. */
    public StackArtifact stack(String name) {
        return stacks.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new TemplateException("no stack " + name + " in " + directory + "; it has "
                        + stacks.stream().map(StackArtifact::name).toList()));
    }

    public AssetLocator assets() {
        return assets;
    }
}
