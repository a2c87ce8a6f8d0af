package dev.facerec.engine.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds faces with the Ultra-Light RFB-320 detector ({@code fr_detect}): one pass over the whole image (aspect
 * kept, padded to 4:3), then, for small faces, passes over overlapping tiles at a finer scale. The model's boxes
 * come decoded (x1, y1, x2, y2 in 0..1 of its 320 × 240 input) and its scores softmaxed; detections above the
 * threshold are merged by non-maximum suppression.
 */
final class FaceDetector {

    static final int INPUT_WIDTH = 320;
    static final int INPUT_HEIGHT = 240;
    private static final int ANCHORS = 4420;

    /** Tiles are not used when they would enlarge the image more than this. */
    private static final double MAX_TILE_UPSCALE = 1.5;
    /** A face lower than this share of the image's height in the whole-image pass makes the tiles run. */
    private static final double SMALL_FACE = 1 / 10.0;
    /** Faces below this score do not count as found when deciding whether to run the tiles. */
    private static final float TILE_TRIGGER_SCORE = 0.9f;
    /** Neighbouring tiles overlap by this share of a tile; faces from tiles must be no taller than it. */
    private static final double TILE_OVERLAP = 0.35;

    private final OnnxModel model;
    private final float threshold;
    private final float tileThreshold;
    private final float nmsIou;
    private final double tileZoom;

    /**
     * @param threshold     score a face found by the whole-image pass needs
     * @param tileThreshold score a face found only in a tile needs
     * @param nmsIou        overlap above which two boxes are one face
     * @param tileZoom      how many times finer than the whole-image pass the tiles look; 0 or 1: no tiles
     */
    FaceDetector(OnnxModel model, float threshold, float tileThreshold, float nmsIou, double tileZoom) {
        this.model = model;
        this.threshold = threshold;
        this.tileThreshold = tileThreshold;
        this.nmsIou = nmsIou;
        this.tileZoom = tileZoom;
    }

    /** All faces in {@code image}, highest score first. */
    List<Detection> detect(RgbImage image) {
        // The whole image, padded with black on the right or at the bottom to the model's 4:3: squeezing a portrait
        // crop to 4:3 would flatten its faces, and their boxes would move with the photo's shape.
        double wholeScale = Math.max(image.width() / (double) INPUT_WIDTH, image.height() / (double) INPUT_HEIGHT);
        List<Detection> whole = detectIn(image, 0, 0, INPUT_WIDTH * wholeScale, INPUT_HEIGHT * wholeScale, false, 1);
        double tileScale = tileZoom > 1 ? wholeScale / tileZoom : 0;
        if (tileScale * MAX_TILE_UPSCALE < 1 || !mayHoldSmallFaces(whole, image.height())) {
            return suppress(whole);
        }
        // Shrink once to the tiles' scale: the tiles then read a small raster.
        RgbImage base = image;
        double factor = 1;
        if (tileScale > 1) {
            int w = (int) Math.round(image.width() / tileScale);
            int h = (int) Math.round(image.height() / tileScale);
            base = Resampler.resize(image, 0, 0, image.width(), image.height(), w, h, Resampler.Border.REPLICATE);
            factor = image.width() / (double) w;
        }
        double tileW = INPUT_WIDTH * Math.min(1, tileScale);
        double tileH = INPUT_HEIGHT * Math.min(1, tileScale);
        List<Detection> found = new ArrayList<>(whole);
        for (double ty : tileStarts(base.height(), tileH)) {
            for (double tx : tileStarts(base.width(), tileW)) {
                found.addAll(detectIn(base, tx, ty, tileW, tileH, true, factor));
            }
        }
        return suppress(found);
    }

    /**
     * Whether the tiles are worth their cost: when the whole-image pass found no face, or a face small enough that
     * smaller ones it cannot see may be around (a crowd), but not for portraits and close group shots.
     */
    private static boolean mayHoldSmallFaces(List<Detection> whole, int imageHeight) {
        return whole.stream().allMatch(d -> d.score() < TILE_TRIGGER_SCORE)
                || whole.stream()
                        .anyMatch(d -> d.score() >= TILE_TRIGGER_SCORE && d.height() < imageHeight * SMALL_FACE);
    }

    private static double[] tileStarts(int length, double tile) {
        if (tile >= length) {
            return new double[] {0};
        }
        double overlap = tile * TILE_OVERLAP;
        int count = (int) Math.ceil((length - overlap) / (tile - overlap));
        double[] starts = new double[count];
        for (int i = 0; i < count; i++) {
            starts[i] = count == 1 ? 0 : i * (length - tile) / (count - 1);
        }
        return starts;
    }

    /** Detections inside the window (x, y, w, h) of {@code image}, in its pixels × {@code factor}. */
    private List<Detection> detectIn(
            RgbImage image, double x, double y, double w, double h, boolean tile, double factor) {
        RgbImage input = Resampler.resize(image, x, y, w, h, INPUT_WIDTH, INPUT_HEIGHT, Resampler.Border.BLACK);
        float[][] out = model.run(PixelNormalization.CENTRED_RGB.chw(input), "scores", "boxes");
        float[] scores = out[0];
        float[] boxes = out[1];
        List<Detection> found = new ArrayList<>();
        double edge = 0.01;
        for (int a = 0; a < ANCHORS; a++) {
            float score = scores[a * 2 + 1];
            if (score < (tile ? tileThreshold : threshold)) {
                continue;
            }
            float bx1 = boxes[a * 4];
            float by1 = boxes[a * 4 + 1];
            float bx2 = boxes[a * 4 + 2];
            float by2 = boxes[a * 4 + 3];
            if (tile
                    && (by2 - by1 > TILE_OVERLAP
                            || bx1 < edge && x > 0
                            || by1 < edge && y > 0
                            || bx2 > 1 - edge && x + w < image.width()
                            || by2 > 1 - edge && y + h < image.height())) {
                continue;
            }
            found.add(new Detection(
                    (float) ((x + bx1 * w) * factor),
                    (float) ((y + by1 * h) * factor),
                    (float) ((x + bx2 * w) * factor),
                    (float) ((y + by2 * h) * factor),
                    score));
        }
        return found;
    }

    /**
     * Non-maximum suppression: keeps the best box of each overlapping group (IoU above the limit), and drops a box
     * lying mostly inside a better one (a face part found in a tile).
     */
    private List<Detection> suppress(List<Detection> candidates) {
        List<Detection> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            boolean keep = true;
            for (Detection k : kept) {
                if (d.iou(k) > nmsIou || d.intersection(k) > 0.6f * Math.min(d.area(), k.area())) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(d);
            }
        }
        return kept;
    }
}
