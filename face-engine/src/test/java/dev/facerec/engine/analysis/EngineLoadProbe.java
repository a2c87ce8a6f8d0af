package dev.facerec.engine.analysis;

/** Run in a JVM of its own by {@link OrtEnvironmentsTest}: loads the engine and says so. */
final class EngineLoadProbe {

    private EngineLoadProbe() {}

    public static void main(String[] args) {
        try (OnnxFaceEngine engine = new OnnxFaceEngine()) {
            System.out.println("loaded " + engine.faceModelVersion());
        }
    }
}
