package dev.facerec.engine.analysis;

/**
 * An image ready for analysis.
 *
 * @param pixels the oriented raster, possibly decoded at reduced size
 * @param width  width of the oriented image at full size, pixels
 * @param height height of the oriented image at full size, pixels
 */
record DecodedImage(RgbImage pixels, int width, int height) {}
