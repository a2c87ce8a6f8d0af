package dev.facerec.test;

import dev.facerec.app.FaceRecognitionApp;
import dev.facerec.app.FaceRecognitionStack;
import dev.facerec.infra.FaceRecognitionProps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;

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

    /** Writes the cloud assembly of the app's {@code FaceRecognition} stack to {@code outdir} and returns it. */
    static Path synthesize(Path outdir) {
        App app = new App(AppProps.builder().outdir(outdir.toString()).build());
        new FaceRecognitionStack(
                app,
                FaceRecognitionApp.STACK_NAME,
                StackProps.builder().build(),
                FaceRecognitionProps.builder().build());
        app.synth();
        return outdir;
    }
}
