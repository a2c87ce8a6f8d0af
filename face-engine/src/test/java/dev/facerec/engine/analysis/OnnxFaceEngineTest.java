package dev.facerec.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.facerec.engine.analysis.bench.CropConsistency;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine on the group photos that {@code @vladmandic/face-api} ships; one engine for the whole class. */
class OnnxFaceEngineTest {

    private static final AnalysisOptions EVERYTHING = new AnalysisOptions(true, true, Integer.MAX_VALUE);

    private static OnnxFaceEngine engine;

    @BeforeAll
    static void loadModels() {
        engine = new OnnxFaceEngine();
    }

    @AfterAll
    static void closeModels() {
        engine.close();
    }

    private static float similarity(float[] a, float[] b) {
        return engine.similarityScale().toPercent(SimilarityScale.cosine(a, b));
    }

    @ParameterizedTest(name = "sample{0}.jpg holds {1} faces")
    @CsvSource({"1, 3", "2, 3", "3, 3", "4, 4", "5, 5", "6, 4"})
    void analyze_shouldFindEveryPerson_whenGroupPhoto(int sample, int people) throws ImageException {
        AnalyzedImage image = engine.analyze(TestImages.sample(sample), AnalysisOptions.DETECT);

        assertThat(image.faces()).hasSize(people);
    }

    @Test
    void analyze_shouldGiveGeometryAsRatiosOfOrientedImage_whenFacesFound() throws ImageException {
        // WHEN
        AnalyzedImage image = engine.analyze(TestImages.sample(3), AnalysisOptions.DETECT);

        // THEN the size is the file's, faces come most confident first, and every landmark lies near its face
        BufferedImage original = TestImages.decode(TestImages.sample(3));
        assertThat(image.width()).isEqualTo(original.getWidth());
        assertThat(image.height()).isEqualTo(original.getHeight());
        List<Float> confidences =
                image.faces().stream().map(DetectedFace::confidence).toList();
        assertThat(confidences).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        for (DetectedFace face : image.faces()) {
            DetectedFace.Box box = face.box();
            assertThat(face.confidence()).isBetween(50f, 100f);
            assertThat(face.landmarks()).hasSize(30).allSatisfy(l -> {
                assertThat(l.x()).isBetween(box.left() - box.width() / 2, box.left() + box.width() * 1.5f);
                assertThat(l.y()).isBetween(box.top() - box.height() / 2, box.top() + box.height() * 1.5f);
            });
            assertThat(landmark(face, "eyeLeft").x())
                    .isLessThan(landmark(face, "eyeRight").x());
            assertThat(landmark(face, "nose").y())
                    .isBetween(
                            landmark(face, "eyeLeft").y(),
                            landmark(face, "mouthLeft").y());
            assertThat(face.quality().brightness()).isBetween(0f, 100f);
            assertThat(face.quality().sharpness()).isBetween(0f, 100f);
            assertThat(face.pose().yaw()).isBetween(-90f, 90f);
            assertThat(face.attributes()).isNull();
            assertThat(face.embedding()).isNull();
        }
    }

    private static DetectedFace.Landmark landmark(DetectedFace face, String type) {
        return face.landmarks().stream()
                .filter(l -> l.type().equals(type))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void analyze_shouldMatchTheSamePersonOnly_whenFaceCroppedFromGroupPhoto() throws ImageException {
        // GIVEN every face of sample1, and the first one cropped out of the photo with a margin
        byte[] group = TestImages.sample(1);
        AnalyzedImage all = engine.analyze(group, AnalysisOptions.EMBED);
        DetectedFace enrolled = all.faces().get(0);
        byte[] cropped = TestImages.encode(TestImages.crop(TestImages.decode(group), enrolled.box(), 0.6f), "jpg");

        // WHEN
        AnalyzedImage crop = engine.analyze(cropped, AnalysisOptions.EMBED);

        // THEN the crop holds one face, very similar to the enrolled one and below the default threshold for the others
        assertThat(crop.faces()).hasSize(1);
        float[] probe = crop.faces().get(0).embedding();
        assertThat(probe).hasSize(engine.embeddingDimension());
        assertThat(similarity(probe, enrolled.embedding())).isGreaterThan(95f);
        for (DetectedFace other : all.faces().subList(1, all.faces().size())) {
            assertThat(similarity(probe, other.embedding())).isLessThan(80f);
        }
        for (DetectedFace stranger :
                engine.analyze(TestImages.sample(2), AnalysisOptions.EMBED).faces()) {
            assertThat(similarity(probe, stranger.embedding())).isLessThan(80f);
        }
    }

    /**
     * A face cut out of a group photo must get the embedding it has in the photo: the recognition function searches
     * with such crops, and people are often enrolled from crops.
     */
    @ParameterizedTest(name = "sample{0}.jpg")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void analyze_shouldEmbedAFaceAlike_whenCroppedOutOfItsPhoto(int sample) {
        // WHEN every face of the photo is cut out with margins of 0.3, 0.5 and 0.8 of its box, re-encoded as JPEG and
        // analysed again
        List<CropConsistency.Result> results =
                CropConsistency.measure(engine, TestImages.sample(sample), 0.3f, 0.5f, 0.8f);

        // THEN each crop shows that face, with an embedding close to the photo's (the full profile in sample2, turned
        // more than 60°, is left out: a frontal model cannot embed a profile reliably, and QualityFilter MEDIUM or
        // HIGH refuses it as EXTREME_POSE)
        assertThat(results).isNotEmpty().noneMatch(CropConsistency.Result::skipped);
        assertThat(results)
                .filteredOn(r -> Math.abs(r.yaw()) <= 60)
                .allSatisfy(r -> assertThat(r.cosine())
                        .as("cosine of the face at %s in a crop with margin %s", r.box(), r.margin())
                        .isGreaterThanOrEqualTo(0.8f));
    }

    @Test
    void analyze_shouldGiveUnitEmbeddings_whenRequested() throws ImageException {
        AnalyzedImage image = engine.analyze(TestImages.sample(5), AnalysisOptions.EMBED);

        assertThat(image.faces()).allSatisfy(face -> {
            double norm = 0;
            for (float v : face.embedding()) {
                norm += v * v;
            }
            assertThat(norm).isCloseTo(1.0, within(1e-4));
            assertThat(face.attributes()).isNull();
        });
    }

    @Test
    void analyze_shouldEmbedOnlyTheLargestFace_whenEmbedLargestIsOne() throws ImageException {
        // WHEN
        AnalyzedImage image = engine.analyze(TestImages.sample(4), new AnalysisOptions(false, true, 100, 1));

        // THEN every face is described, only the one with the largest box carries a vector
        assertThat(image.faces()).hasSizeGreaterThan(1);
        DetectedFace largest = image.faces().stream()
                .max(java.util.Comparator.comparingDouble(
                        f -> f.box().width() * f.box().height()))
                .orElseThrow();
        assertThat(image.faces()).filteredOn(f -> f.embedding() != null).containsExactly(largest);
    }

    @Test
    void analyze_shouldApplyExifOrientation_whenJpegSaysRotated() throws ImageException {
        // GIVEN a face cropped upright, and the same pixels stored turned a quarter clockwise with orientation 8
        // ("turn 90° counter-clockwise to display")
        byte[] group = TestImages.sample(6);
        DetectedFace face =
                engine.analyze(group, AnalysisOptions.DETECT).faces().get(0);
        BufferedImage upright = TestImages.crop(TestImages.decode(group), face.box(), 0.8f);
        byte[] uprightJpeg = TestImages.jpegWithOrientation(upright, 1);
        byte[] turnedJpeg = TestImages.jpegWithOrientation(TestImages.rotateClockwise(upright), 8);

        // WHEN
        AnalyzedImage expected = engine.analyze(uprightJpeg, AnalysisOptions.EMBED);
        AnalyzedImage actual = engine.analyze(turnedJpeg, AnalysisOptions.EMBED);

        // THEN the engine sees the upright image: same size, same box, same person
        assertThat(actual.width()).isEqualTo(upright.getWidth());
        assertThat(actual.height()).isEqualTo(upright.getHeight());
        assertThat(actual.faces()).hasSize(1);
        DetectedFace.Box box = actual.faces().get(0).box();
        DetectedFace.Box want = expected.faces().get(0).box();
        assertThat(box.left()).isCloseTo(want.left(), within(0.03f));
        assertThat(box.top()).isCloseTo(want.top(), within(0.03f));
        assertThat(box.width()).isCloseTo(want.width(), within(0.03f));
        assertThat(similarity(
                        actual.faces().get(0).embedding(),
                        expected.faces().get(0).embedding()))
                .isGreaterThan(95f);
    }

    @Test
    void analyze_shouldDescribeFaces_whenAttributesRequested() throws ImageException {
        AnalyzedImage image = engine.analyze(TestImages.sample(6), AnalysisOptions.DETECT_ALL_ATTRIBUTES);

        assertThat(image.faces()).isNotEmpty().allSatisfy(face -> {
            FaceAttributes a = face.attributes();
            assertThat(a.ageLow()).isLessThan(a.ageHigh()).isBetween(5, 70);
            assertThat(a.gender()).isIn("Male", "Female");
            assertThat(a.genderConfidence()).isBetween(50f, 100f);
            assertThat(a.emotions())
                    .extracting(FaceAttributes.Emotion::type)
                    .containsExactlyInAnyOrder("HAPPY", "SAD", "ANGRY", "DISGUSTED", "SURPRISED", "FEAR");
            assertThat(a.emotions())
                    .extracting(FaceAttributes.Emotion::confidence)
                    .isSortedAccordingTo((x, y) -> Float.compare(y, x));
            assertThat(a.eyesOpenConfidence()).isBetween(50f, 100f);
            assertThat(a.mouthOpenConfidence()).isBetween(50f, 100f);
            assertThat(a.smileConfidence()).isBetween(50f, 100f);
            assertThat(face.embedding()).isNull();
        });
        // the women in sample6 laugh into the camera
        long happy = image.faces().stream()
                .filter(f -> f.attributes().emotions().get(0).type().equals("HAPPY")
                        && f.attributes().smile())
                .count();
        assertThat(happy).isGreaterThanOrEqualTo(3);
    }

    @Test
    void analyze_shouldKeepTheMostConfidentFaces_whenMaxFacesGiven() throws ImageException {
        AnalyzedImage all = engine.analyze(TestImages.sample(5), AnalysisOptions.DETECT);

        AnalyzedImage two = engine.analyze(TestImages.sample(5), new AnalysisOptions(false, false, 2));

        assertThat(two.faces()).hasSize(2);
        assertThat(two.faces().get(0).box()).isEqualTo(all.faces().get(0).box());
        assertThat(two.faces().get(1).box()).isEqualTo(all.faces().get(1).box());
    }

    @Test
    void analyze_shouldGiveTheSameResults_whenCalledConcurrently() throws Exception {
        // GIVEN the results of one call per photo, one after the other
        int[] samples = {1, 2, 3, 4};
        List<AnalyzedImage> sequential = new ArrayList<>();
        for (int s : samples) {
            sequential.add(engine.analyze(TestImages.sample(s), EVERYTHING));
        }

        // WHEN each photo is analysed twice more, all at once on four threads
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<AnalyzedImage>> futures = new ArrayList<>();
        try {
            for (int round = 0; round < 2; round++) {
                for (int s : samples) {
                    Callable<AnalyzedImage> call = () -> engine.analyze(TestImages.sample(s), EVERYTHING);
                    futures.add(pool.submit(call));
                }
            }
            // THEN every concurrent result equals the sequential one
            for (int i = 0; i < futures.size(); i++) {
                AnalyzedImage expected = sequential.get(i % samples.length);
                AnalyzedImage actual = futures.get(i).get();
                assertThat(actual.faces()).hasSameSizeAs(expected.faces());
                for (int f = 0; f < expected.faces().size(); f++) {
                    assertThat(actual.faces().get(f).box())
                            .isEqualTo(expected.faces().get(f).box());
                    assertThat(Arrays.equals(
                                    actual.faces().get(f).embedding(),
                                    expected.faces().get(f).embedding()))
                            .isTrue();
                    assertThat(actual.faces().get(f).attributes())
                            .isEqualTo(expected.faces().get(f).attributes());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("fails if the image is a GIF")
    void analyze_failsIfGif() {
        byte[] gif = TestImages.encode(new BufferedImage(100, 100, BufferedImage.TYPE_BYTE_INDEXED), "gif");

        assertRefused(gif, ImageException.Kind.INVALID_IMAGE_FORMAT);
    }

    @Test
    @DisplayName("fails if the image is a WebP")
    void analyze_failsIfWebp() {
        byte[] webp =
                "RIFF\u0024\u0000\u0000\u0000WEBPVP8 \u0018\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);

        assertRefused(webp, ImageException.Kind.INVALID_IMAGE_FORMAT);
    }

    @Test
    @DisplayName("fails if the bytes are text")
    void analyze_failsIfText() {
        assertRefused("not an image at all".getBytes(StandardCharsets.UTF_8), ImageException.Kind.INVALID_IMAGE_FORMAT);
    }

    @Test
    @DisplayName("fails if the bytes are empty")
    void analyze_failsIfEmpty() {
        assertRefused(new byte[0], ImageException.Kind.INVALID_IMAGE_FORMAT);
    }

    @Test
    @DisplayName("fails if the JPEG is truncated")
    void analyze_failsIfTruncatedJpeg() {
        byte[] sample = TestImages.sample(1);

        assertRefused(Arrays.copyOf(sample, sample.length / 2), ImageException.Kind.INVALID_IMAGE_FORMAT);
    }

    @Test
    @DisplayName("fails if the image is 79 x 79 pixels")
    void analyze_failsIfSmallerThan80Pixels() {
        byte[] png = TestImages.encode(new BufferedImage(79, 79, BufferedImage.TYPE_3BYTE_BGR), "png");

        assertRefused(png, ImageException.Kind.IMAGE_TOO_SMALL);
    }

    @Test
    @DisplayName("fails if a PNG header claims 100000 x 100000 pixels, before decoding any")
    void analyze_failsIfLargerThan10000Pixels() {
        assertRefused(TestImages.pngHeaderOnly(100_000, 100_000), ImageException.Kind.IMAGE_TOO_LARGE);
    }

    @Test
    void analyze_shouldAccept_whenImageIsExactly80Pixels() throws ImageException {
        byte[] png = TestImages.encode(new BufferedImage(80, 80, BufferedImage.TYPE_3BYTE_BGR), "png");

        AnalyzedImage image = engine.analyze(png, AnalysisOptions.DETECT);

        assertThat(image.faces()).isEmpty();
        assertThat(image.width()).isEqualTo(80);
    }

    private static void assertRefused(byte[] bytes, ImageException.Kind kind) {
        assertThatThrownBy(() -> engine.analyze(bytes, AnalysisOptions.DETECT))
                .isInstanceOf(ImageException.class)
                .satisfies(e -> assertThat(((ImageException) e).kind()).isEqualTo(kind))
                .hasMessageNotContaining("null");
    }
}
