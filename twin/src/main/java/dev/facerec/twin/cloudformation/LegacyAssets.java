package dev.facerec.twin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file assets of a stack synthesized with CDK's legacy synthesizer: {@code aws:cdk:asset} entries in the stack's
 * metadata, each with the names of the three template parameters through which {@code cdk deploy} tells the stack
 * where it uploaded the asset (bucket, {@code S3VersionKey} as {@code prefix||file}, artifact hash). The twin gives
 * those parameters the values the CLI would, for a bucket of its own, and registers each asset under that key.
 */
final class LegacyAssets {

    /** The bucket name the twin gives legacy asset parameters; assets are found by key, whatever the bucket. */
    static final String BUCKET = "cdk-twin-assets";

    private static final String PREFIX = "assets/";

    private LegacyAssets() {}

    /**
     * Reads the asset entries of one stack's metadata ({@code path → [entries]}) and returns the parameter values;
     * each asset is added to {@code assets} under its object key.
     */
    static Map<String, String> read(Path directory, JsonNode metadata, Map<String, Path> assets) {
        Map<String, String> parameters = new LinkedHashMap<>();
        metadata.forEach(entries -> entries.forEach(entry -> {
            if (!"aws:cdk:asset".equals(entry.path("type").asText())) {
                return;
            }
            JsonNode asset = entry.path("data");
            if (!asset.hasNonNull("s3KeyParameter")) {
                return;
            }
            String path = asset.path("path").asText();
            String file = asset.path("id").asText()
                    + extension(path, asset.path("packaging").asText());
            assets.put(PREFIX + file, directory.resolve(path));
            parameters.put(asset.path("s3BucketParameter").asText(), BUCKET);
            parameters.put(asset.path("s3KeyParameter").asText(), PREFIX + "||" + file);
            if (asset.hasNonNull("artifactHashParameter")) {
                parameters.put(
                        asset.path("artifactHashParameter").asText(),
                        asset.path("sourceHash").asText());
            }
        }));
        return parameters;
    }

    /** The CLI's file name suffix for an uploaded asset: a directory is zipped, a file keeps its extension. */
    private static String extension(String path, String packaging) {
        if (!"file".equals(packaging)) {
            return ".zip";
        }
        int dot = path.lastIndexOf('.');
        return dot < 0 || path.lastIndexOf('/') > dot ? "" : path.substring(dot);
    }
}
