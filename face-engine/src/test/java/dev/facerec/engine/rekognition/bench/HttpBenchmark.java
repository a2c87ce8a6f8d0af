package dev.facerec.engine.rekognition.bench;

import dev.facerec.engine.analysis.AnalysisOptions;
import dev.facerec.engine.analysis.ImageException;
import dev.facerec.engine.analysis.OnnxFaceEngine;
import dev.facerec.engine.analysis.bench.TypicalPhotos;
import dev.facerec.engine.rekognition.RekognitionServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;

/**
 * End-to-end throughput over HTTP through the AWS SDK: IndexFaces and SearchFacesByImage on the 1920-px group
 * photos of {@code @vladmandic/face-api} (2.5 MP, 3–5 faces each) and, when {@code ../shared/faces} is present, on
 * its baseline JPEGs of 1–3 MP (mostly one to three faces: typical photos), {@code clients} requests at a time.
 * Also the engine alone on the same photos (what the protocol adds is the difference), start-up time and resident
 * memory. Prints figures; asserts nothing. Command in docs/rekognition-compatibility.md.
 */
public final class HttpBenchmark {

    private HttpBenchmark() {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path nodeModules = Path.of(System.getProperty("facerec.nodeModules", "node_modules"));
        List<byte[]> photos = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            photos.add(TypicalPhotos.read(nodeModules.resolve("@vladmandic/face-api/demo/sample" + i + ".jpg")));
        }
        Path data = Files.createTempDirectory("http-bench");

        long start = System.nanoTime();
        try (OnnxFaceEngine engine = new OnnxFaceEngine();
                RekognitionServer server = RekognitionServer.builder()
                        .engine(engine)
                        .dataDirectory(data)
                        .build()
                        .start();
                RekognitionClient client = client(server.endpoint())) {
            client.createCollection(r -> r.collectionId("bench"));
            System.out.printf(
                    "start-up (engine + server + first call): %d ms; %d cores; %d requests, %d clients%n",
                    (System.nanoTime() - start) / 1_000_000,
                    Runtime.getRuntime().availableProcessors(),
                    requests,
                    clients);

            run(
                    "warm-up IndexFaces",
                    photos,
                    12,
                    clients,
                    photo -> client.indexFaces(r -> r.collectionId("bench").image(image(photo)))
                            .faceRecords()
                            .size());
            System.out.println("face-api group photos (1920 px, 2.5 MP, 3-5 faces):");
            measure(engine, client, photos, requests, clients);
            List<byte[]> typical = TypicalPhotos.oneToThreeMegapixels().stream()
                    .filter(p -> !TypicalPhotos.isProgressive(p))
                    .toList();
            if (typical.isEmpty()) {
                System.out.println("shared/faces not found: the 1-3 MP photos are skipped");
            } else {
                System.out.printf(
                        "shared 1-3 MP baseline JPEGs (%d photos, %.2f MP on average):%n",
                        typical.size(),
                        typical.stream()
                                        .mapToLong(TypicalPhotos::pixels)
                                        .average()
                                        .orElse(0)
                                / 1e6);
                measure(engine, client, typical, Math.max(requests, typical.size()), clients);
            }
            System.out.printf(
                    "resident memory (client and server in one JVM): %d MB; heap in use %d MB%n",
                    residentMb(),
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void measure(
            OnnxFaceEngine engine, RekognitionClient client, List<byte[]> photos, int requests, int clients)
            throws Exception {
        run("  engine alone (EMBED)", photos, requests, clients, photo -> embed(engine, photo));
        run(
                "  IndexFaces",
                photos,
                requests,
                clients,
                photo -> client.indexFaces(r -> r.collectionId("bench").image(image(photo)))
                        .faceRecords()
                        .size());
        run("  SearchFacesByImage", photos, requests, clients, photo -> search(client, photo));
    }

    /** 1 when the photo's largest face matched someone, 0 when not or when the photo shows no face. */
    private static int search(RekognitionClient client, byte[] photo) {
        try {
            return client.searchFacesByImage(r -> r.collectionId("bench").image(image(photo)))
                            .faceMatches()
                            .isEmpty()
                    ? 0
                    : 1;
        } catch (InvalidParameterException e) {
            return 0; // no face in the photo: answered like Rekognition, still a request
        }
    }

    private static void run(String name, List<byte[]> photos, int requests, int clients, ToIntFunction<byte[]> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger faces = new AtomicInteger();
        long[] nanos = new long[requests];
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long t = System.nanoTime();
                    faces.addAndGet(call.applyAsInt(photos.get(i % photos.size())));
                    nanos[i] = System.nanoTime() - t;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(nanos);
        System.out.printf(
                "%-24s %6.2f images/s  p50 %5d ms  p99 %5d ms  (%d faces counted, %.0f ms a face)%n",
                name,
                requests / seconds,
                nanos[requests / 2] / 1_000_000,
                nanos[(int) Math.ceil(requests * 0.99) - 1] / 1_000_000,
                faces.get(),
                faces.get() == 0 ? 0.0 : seconds * 1000 * clients / faces.get());
    }

    private static int embed(OnnxFaceEngine engine, byte[] photo) {
        try {
            return engine.analyze(photo, AnalysisOptions.EMBED).faces().size();
        } catch (ImageException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Image image(byte[] bytes) {
        return Image.builder().bytes(SdkBytes.fromByteArray(bytes)).build();
    }

    private static RekognitionClient client(URI endpoint) {
        return RekognitionClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static long residentMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
            }
        }
        return -1;
    }
}
