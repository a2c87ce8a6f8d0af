package dev.facerec.functions.collection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ARNs as Rekognition answers them: CreateCollection without the leading {@code arn:}, DescribeCollection with. */
class CollectionStateTest {

    @Test
    void of_shouldAddTheArnPrefix_whenCreateCollectionAnswersWithoutIt() {
        // WHEN
        CollectionState state =
                CollectionState.of("faces-1", "aws:rekognition:us-east-1:000000000000:collection/faces-1", "7.0");

        // THEN
        assertThat(state.arn()).isEqualTo("arn:aws:rekognition:us-east-1:000000000000:collection/faces-1");
    }

    @Test
    void of_shouldKeepTheArn_whenDescribeCollectionAnswersWithThePrefix() {
        // WHEN
        CollectionState state =
                CollectionState.of("faces-1", "arn:aws:rekognition:us-east-1:000000000000:collection/faces-1", "7.0");

        // THEN
        assertThat(state.arn()).isEqualTo("arn:aws:rekognition:us-east-1:000000000000:collection/faces-1");
        assertThat(state.faceModelVersion()).isEqualTo("7.0");
    }
}
