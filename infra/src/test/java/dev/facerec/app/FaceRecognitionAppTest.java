package dev.facerec.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.infra.FaceCollection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The app that cdk.json runs: one environment-agnostic stack, configured from the context. */
class FaceRecognitionAppTest {

    @Test
    void stack_shouldBeEnvironmentAgnosticAndUseTheContext_whenCollectionIdAndRemovalPolicyAreGiven() {
        // GIVEN an app with the documented context values (as `cdk synth -c facerec:...=...` passes them)
        App app = new App(AppProps.builder()
                .context(Map.of("facerec:collectionId", "members", "facerec:removalPolicy", "DESTROY"))
                .build());

        // WHEN
        FaceRecognitionStack stack = FaceRecognitionApp.stack(app);

        // THEN
        assertThat(stack.getStackName()).isEqualTo("FaceRecognition");
        assertThat(stack.getEnvironment()).isEqualTo("aws://unknown-account/unknown-region");
        Template template = Template.fromStack(stack);
        template.hasResource(
                FaceCollection.RESOURCE_TYPE,
                Map.of(
                        "Properties",
                        Match.objectLike(Map.of("CollectionId", "members", "RemovalPolicy", "destroy")),
                        "DeletionPolicy",
                        "Delete"));
    }

    @Test
    @DisplayName("fails if the facerec:removalPolicy context value is neither retain nor destroy")
    void stack_shouldFail_whenRemovalPolicyContextIsUnknown() {
        App app = new App(AppProps.builder()
                .context(Map.of("facerec:removalPolicy", "snapshot"))
                .build());

        assertThatThrownBy(() -> FaceRecognitionApp.stack(app))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Context facerec:removalPolicy must be 'retain' or 'destroy', got 'snapshot'");
    }

    @Test
    void template_shouldBeTheSameWithAndWithoutTheFeatureFlagsOfCdkJson_whenSynthesized() throws IOException {
        // GIVEN the context of the repository's cdk.json (every feature flag of aws-cdk-lib set), and an empty one
        Map<String, Object> cdkJson = new ObjectMapper()
                .readValue(Path.of("..", "cdk.json").toFile(), new TypeReference<Map<String, Object>>() {});
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) cdkJson.get("context");
        assertThat(context).containsKey("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy");

        // WHEN the app's stack is synthesized under each
        Map<String, Object> flagged = Template.fromStack(FaceRecognitionApp.stack(
                        new App(AppProps.builder().context(context).build())))
                .toJSON();
        Map<String, Object> plain =
                Template.fromStack(FaceRecognitionApp.stack(new App())).toJSON();

        // THEN the templates are equal: what `cdk deploy` deploys is what the tests (which set no flag) check, and
        // users of the library get the same resources whatever flags their own apps set
        assertThat(flagged).isEqualTo(plain);
    }
}
