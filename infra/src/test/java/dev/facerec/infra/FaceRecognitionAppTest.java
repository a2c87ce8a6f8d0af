package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        App app = new App(AppProps.builder().context(Map.of(
                "facerec:collectionId", "members", "facerec:removalPolicy", "DESTROY")).build());

        // WHEN
        FaceRecognitionStack stack = FaceRecognitionApp.stack(app);

        // THEN
        assertThat(stack.getStackName()).isEqualTo("FaceRecognition");
        assertThat(stack.getEnvironment()).isEqualTo("aws://unknown-account/unknown-region");
        Template template = Template.fromStack(stack);
        template.hasResource(FaceCollection.RESOURCE_TYPE, Map.of(
                "Properties", Match.objectLike(Map.of("CollectionId", "members", "RemovalPolicy", "destroy")),
                "DeletionPolicy", "Delete"));
    }

    @Test
    @DisplayName("fails if the facerec:removalPolicy context value is neither retain nor destroy")
    void stack_shouldFail_whenRemovalPolicyContextIsUnknown() {
        App app = new App(AppProps.builder().context(Map.of("facerec:removalPolicy", "snapshot")).build());

        assertThatThrownBy(() -> FaceRecognitionApp.stack(app))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Context facerec:removalPolicy must be 'retain' or 'destroy', got 'snapshot'");
    }
}
