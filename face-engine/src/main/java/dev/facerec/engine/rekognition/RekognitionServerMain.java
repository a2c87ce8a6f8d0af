package dev.facerec.engine.rekognition;

import dev.facerec.engine.analysis.OnnxFaceEngine;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local Rekognition on its own:
 * {@code RekognitionServerMain [--data-dir DIR] [--port N] [--s3-endpoint URL] [--models DIR]}. Without
 * {@code --data-dir} nothing is kept. Stops cleanly on SIGTERM / Ctrl-C.
 */
public final class RekognitionServerMain {

    private static final String USAGE =
            "usage: RekognitionServerMain [--data-dir DIR] [--port N (0: any free port)] [--s3-endpoint URL] "
                    + "[--models DIR]";

    private RekognitionServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        RekognitionServer.Builder builder = RekognitionServer.builder().port(8765);
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data-dir" -> builder.dataDirectory(Path.of(required(value, args[i])));
                case "--port" -> builder.port(Integer.parseInt(required(value, args[i])));
                case "--s3-endpoint" -> builder.s3Endpoint(URI.create(required(value, args[i])));
                case "--models" -> builder.engine(new OnnxFaceEngine(Path.of(required(value, args[i]))));
                default -> {
                    System.err.println("unknown argument " + args[i] + "\n" + USAGE);
                    System.exit(2);
                }
            }
            i++;
        }
        RekognitionServer server = builder.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }));
        System.out.printf(
                "Rekognition endpoint: %s (ready in %d ms)%n",
                server.endpoint(), (System.nanoTime() - started) / 1_000_000);
        stopped.await();
    }

    private static String required(String value, String flag) {
        if (value == null) {
            System.err.println(flag + " needs a value\n" + USAGE);
            System.exit(2);
        }
        return value;
    }
}
