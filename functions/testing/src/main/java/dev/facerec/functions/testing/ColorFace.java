package dev.facerec.functions.testing;

import java.awt.Rectangle;

/**
 * A face of a synthetic image: a square of one colour, painted by {@link SyntheticImages} and found again by
 * {@link ColorFaces}.
 *
 * @param color the subject
 * @param box   where it is, in pixels
 */
public record ColorFace(FaceColor color, Rectangle box) {}
