package dev.facerec.test;

import dev.facerec.app.FaceRecognitionApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** Synthesizes the real app's stack, as {@code cdk synth} does, into a cloud assembly directory. */
final class AppSynthesizer {

    private AppSynthesizer() {}

    private static Path shared;

    /** The app synthesized once per JVM (into a temporary directory), shared by the test classes. */
    static synchronized Path sharedAssembly() throws IOException {
        if (shared == null) {
            long start = System.nanoTime();
            shared = synthesize(Files.createTempDirectory("facerec-it-cdk.out"));
            System.out.printf("synthesized in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
        return shared;
    }

    /**
     * Writes the cloud assembly of the app's {@code FaceRecognition} stack, as the app builds it without context
     * (the identity API on), to {@code outdir} and returns it.
     */
    static Path synthesize(Path outdir) {
        App app = new App(AppProps.builder().outdir(outdir.toString()).build());
        FaceRecognitionApp.stack(app);
        app.synth();
        return outdir;
    }
}
