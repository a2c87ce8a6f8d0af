package dev.facerec.functions.testing;

import static dev.facerec.functions.testing.SyntheticImages.face;

import java.util.Arrays;
import java.util.List;

/** The bad inputs of issue 2 that both functions must reject from the object alone, with their reasons. */
public final class BadImages {

    /** Rekognition's byte limit for S3 objects, plus one. */
    public static final int OVER_LIMIT = 15 * 1024 * 1024 + 1;

    private BadImages() {}

    /** Each bad input once. */
    public static List<BadImage> all() {
        return List.of(
                new BadImage("fails if the object is empty", "empty.jpg", new byte[0], "NOT_AN_IMAGE"),
                new BadImage("fails if a text file is named .jpg", "notes.jpg", SyntheticImages.text(), "NOT_AN_IMAGE"),
                new BadImage(
                        "fails if the JPEG is truncated",
                        "cut.jpg",
                        SyntheticImages.truncatedJpeg(400, 400, 0.5, face(FaceColor.RED, 100, 100, 150)),
                        "NOT_AN_IMAGE"),
                new BadImage(
                        "fails if the image is a GIF",
                        "anim.gif",
                        SyntheticImages.gif(300, 300, face(FaceColor.RED, 50, 50, 150)),
                        "NOT_AN_IMAGE"),
                new BadImage("fails if the image is a WebP", "photo.webp", SyntheticImages.webp(), "NOT_AN_IMAGE"),
                new BadImage(
                        "fails if the image is 79x79 pixels", "tiny.jpg", SyntheticImages.jpeg(79, 79), "TOO_SMALL"),
                new BadImage(
                        "fails if the object is over the 15 MB limit",
                        "huge.jpg",
                        Arrays.copyOf(SyntheticImages.jpeg(200, 200), OVER_LIMIT),
                        "TOO_LARGE"),
                new BadImage(
                        "fails if a PNG header claims 100000x100000 pixels",
                        "bomb.png",
                        SyntheticImages.pngClaiming(100_000, 100_000),
                        "TOO_LARGE"),
                new BadImage(
                        "fails if the photo shows no face", "wall.jpg", SyntheticImages.jpeg(300, 300), "NO_FACE"));
    }
}
