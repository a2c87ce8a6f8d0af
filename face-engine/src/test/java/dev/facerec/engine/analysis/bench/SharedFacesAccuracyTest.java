package dev.facerec.engine.analysis.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.facerec.engine.analysis.OnnxFaceEngine;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A guard on the similarity scale with real photos: the 61 deepface portraits of {@code ../shared/faces}. Skipped
 * where that folder is absent (a fresh clone); the full figures come from {@link AccuracyBenchmark}.
 */
class SharedFacesAccuracyTest {

    @Test
    void similarityScale_shouldSeparatePeopleAtDefaultThreshold_whenDeepfacePortraits() {
        Optional<FaceSet> faces = FaceSet.locate();
        assumeTrue(faces.isPresent(), "shared/faces not found next to the working directory or a parent: skipped");

        try (OnnxFaceEngine engine = new OnnxFaceEngine()) {
            // GIVEN the embeddings of every deepface portrait
            List<EmbeddedPhoto> photos =
                    EmbeddedPhoto.embedAll(engine, faces.get().ofKind("deepface"), 2);

            // WHEN every same- and different-person pair is scored
            PairStatistics pairs = Verification.pairs(photos);

            // THEN Rekognition's default threshold 80 accepts nearly every same pair and very few different ones
            float threshold = engine.similarityScale().toCosine(80);
            assertThat(photos.stream().filter(p -> p.embedding() == null)).hasSizeLessThanOrEqualTo(1); // img47 is WebP
            assertThat(pairs.sameCount()).isGreaterThan(100);
            assertThat(pairs.auc()).isGreaterThan(0.999);
            assertThat(pairs.trueAcceptRate(threshold)).isGreaterThanOrEqualTo(0.98);
            assertThat(pairs.falseAcceptRate(threshold)).isLessThanOrEqualTo(0.01);
        }
    }
}
