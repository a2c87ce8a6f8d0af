package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.s3.Bucket;

/** A bucket made in another stack of the app: the dependency cycle it causes, and the documented way around it. */
class CrossStackBucketTest {

    @Test
    @DisplayName("fails if the bucket object belongs to another stack (a dependency cycle), naming the way out")
    void construct_shouldFail_whenTheBucketBelongsToAnotherStack() {
        // GIVEN a bucket made in a storage stack
        App app = new App();
        Bucket photos =
                Bucket.Builder.create(new Stack(app, "Storage"), "Photos").build();
        Stack faces = new Stack(app, "Faces");

        // WHEN / THEN
        assertThatThrownBy(() -> new FaceRecognition(
                        faces,
                        "Faces",
                        FaceRecognitionProps.builder().existingBucket(photos).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("existingBucket belongs to the stack Storage");
    }

    @Test
    void construct_shouldSynthesize_whenTheBucketIsImportedByNameInItsOwnStack() {
        // GIVEN the same bucket, imported by name in the pipeline's stack
        App app = new App();
        Bucket photos = Bucket.Builder.create(new Stack(app, "Storage"), "Photos")
                .bucketName("my-photos")
                .build();
        Stack faces = new Stack(app, "Faces");
        faces.addDependency(photos.getStack());

        // WHEN / THEN
        assertThatCode(() -> {
                    new FaceRecognition(
                            faces,
                            "Faces",
                            FaceRecognitionProps.builder()
                                    .existingBucket(Bucket.fromBucketName(faces, "Photos", "my-photos"))
                                    .build());
                    app.synth();
                })
                .doesNotThrowAnyException();
    }
}
