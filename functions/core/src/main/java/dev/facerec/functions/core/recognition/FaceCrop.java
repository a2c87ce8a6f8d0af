package dev.facerec.functions.core.recognition;

import java.awt.Rectangle;

/**
 * One face cut out of a photo for a search ({@link FaceCropper}).
 *
 * @param jpeg   the encoded crop
 * @param region the crop's rectangle in image pixels
 * @param face   the face's rectangle in image pixels
 */
public record FaceCrop(byte[] jpeg, Rectangle region, Rectangle face) {}
