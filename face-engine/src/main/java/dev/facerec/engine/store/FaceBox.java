package dev.facerec.engine.store;

/** A face's bounding box in ratios of the image's width and height, as Rekognition gives it. */
public record FaceBox(float left, float top, float width, float height) {}
