package dev.facerec.local.rekognition.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.local.rekognition.engine.bench.CropConsistency;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A face cut out of a group photo must get the embedding it has in the photo: the recognition function searches
 * with such crops, and people are often enrolled from crops. Measured on every face of {@code @vladmandic/face-api}'s
 * samples, at three margins, through a JPEG re-encoding.
 */
class CropConsistencyTest {

  private static OnnxFaceEngine engine;

  @BeforeAll
  static void loadModels() {
    engine = new OnnxFaceEngine();
  }

  @AfterAll
  static void closeModels() {
    engine.close();
  }

  @ParameterizedTest(name = "sample{0}.jpg")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6})
  void analyze_shouldEmbedAFaceAlike_whenCroppedOutOfItsPhoto(int sample) {
    // WHEN every face of the photo is cut out with margins of 0.3, 0.5 and 0.8 of its box and analysed again
    List<CropConsistency.Result> results = CropConsistency.measure(engine, TestImages.sample(sample), 0.3f, 0.5f, 0.8f);

    // THEN each crop shows that face, with an embedding close to the photo's (the full profile in sample2, turned
    // more than 60°, is left out: a frontal model cannot embed a profile reliably, and QualityFilter MEDIUM or
    // HIGH refuses it as EXTREME_POSE)
    assertThat(results).isNotEmpty().noneMatch(CropConsistency.Result::skipped);
    assertThat(results).filteredOn(r -> Math.abs(r.yaw()) <= 60).allSatisfy(r ->
        assertThat(r.cosine()).as("cosine of the face at %s in a crop with margin %s", r.box(), r.margin())
            .isGreaterThanOrEqualTo(0.8f));
  }
}
