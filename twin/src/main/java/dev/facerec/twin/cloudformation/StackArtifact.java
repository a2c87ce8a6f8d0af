package dev.facerec.twin.cloudformation;

import java.nio.file.Path;
import java.util.Map;

/**
 * A stack of a cloud assembly.
 *
 * @param name the stack name (the artifact id)
 * @param templateFile its template
 * @param assetParameters the values {@code cdk deploy} would give the template's asset parameters (stacks of CDK's
 *     legacy synthesizer take each asset's location as {@code AssetParameters…} parameters); empty for stacks of the
 *     default synthesizer, whose templates name their assets' S3 keys themselves
 */
public record StackArtifact(String name, Path templateFile, Map<String, String> assetParameters) {

    public StackArtifact {
        assetParameters = Map.copyOf(assetParameters);
    }

    public Template template() {
        return Template.read(templateFile);
    }
}
