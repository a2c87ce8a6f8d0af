package dev.facerec.twin.cloudformation;

import java.nio.file.Path;
import java.util.Map;

/** Maps the S3 object keys of a cloud assembly's file assets to the files or directories in {@code cdk.out}. */
public final class AssetLocator {

    private final Map<String, Path> byObjectKey;

    public AssetLocator(Map<String, Path> byObjectKey) {
        this.byObjectKey = Map.copyOf(byObjectKey);
    }

    /** The asset uploaded as {@code s3://bucket/key} in a real deployment. */
    public Path locate(String bucket, String key, String where) {
        Path asset = byObjectKey.get(key);
        if (asset == null) {
            throw new TemplateException(where + " refers to s3://" + bucket + "/" + key
                    + ", which is not an asset of this cloud assembly: synthesize again (cdk synth)");
        }
        return asset;
    }
}
