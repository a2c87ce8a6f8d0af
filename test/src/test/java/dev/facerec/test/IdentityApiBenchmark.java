package dev.facerec.test;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.infra.FaceRecognition;
import dev.facerec.infra.FaceRecognitionProps;
import dev.facerec.infra.IdentityApiOptions;
import dev.facerec.twin.Twin;
import dev.facerec.twin.TwinSettings;
import dev.facerec.twin.apigateway.SignedHttp;
import dev.facerec.twin.cloudformation.CloudAssembly;
import dev.facerec.twin.cloudformation.StackRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;

/**
 * Cold start and latency of the identity API on the twin: two pipelines in one stack, one with the template's JVM
 * settings ({@code JAVA_TOOL_OPTIONS}) and one with the JVM defaults (the variable deleted), in the same run. For each,
 * the latency of the first verify request after a new function JVM starts (the function is replaced, which stops its
 * warm environments), several times, then warm p50/p99 of verify and identify on the 1920-px group photos of
 * {@code @vladmandic/face-api} (2.5 MP). Prints figures (also to {@code target/identity-api-benchmark.txt}); asserts
 * nothing. Not an IT: run it on purpose (command in docs/api.md).
 */
class IdentityApiBenchmark {

    private static final String STACK = "IdentityBench";
    private static final int COLD_STARTS = Integer.getInteger("bench.coldStarts", 5);
    private static final int WARM_REQUESTS = Integer.getInteger("bench.warmRequests", 40);
    private static final List<String> VARIANTS = List.of("Template", "Defaults");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;

    private final SignedHttp http = new SignedHttp("us-east-1");

    @Test
    void printFigures() throws Exception {
        App app = new App(AppProps.builder()
                .outdir(directory.resolve("cdk.out").toString())
                .build());
        Stack stack = new Stack(app, STACK);
        for (String variant : VARIANTS) {
            FaceRecognition faces = new FaceRecognition(
                    stack,
                    variant,
                    FaceRecognitionProps.builder()
                            .identityApi(IdentityApiOptions.builder()
                                    .throttlingRateLimit(1000)
                                    .throttlingBurstLimit(1000)
                                    .build())
                            .build());
            if (variant.equals("Defaults")) {
                ((CfnFunction) faces.getIdentityApi().getFunction().getNode().getDefaultChild())
                        .addPropertyDeletionOverride("Environment.Variables.JAVA_TOOL_OPTIONS");
            }
            Pipeline.exportOutputs(stack, variant, faces);
            Pipeline.output(
                    stack,
                    variant + "ApiEndpoint",
                    faces.getIdentityApi().getHttpApi().getApiEndpoint());
            Pipeline.output(
                    stack,
                    variant + "Function",
                    faces.getIdentityApi().getFunction().getFunctionName());
        }
        app.synth();

        StringBuilder report = new StringBuilder();
        try (Twin twin = Twin.start(TwinSettings.defaults(directory.resolve("data")), line -> {})) {
            StackRecord record = twin.deploy(CloudAssembly.read(directory.resolve("cdk.out")), STACK, Map.of());
            byte[] probe = GroupPhotos.read(GroupPhotos.sample(3));
            List<byte[]> photos = new ArrayList<>();
            for (int n = 1; n <= 6; n++) {
                photos.add(GroupPhotos.read(GroupPhotos.sample(n)));
            }
            for (String variant : VARIANTS) {
                enrol(twin, record, variant, probe);
            }
            Map<String, List<Double>> cold = Map.of("Template", new ArrayList<>(), "Defaults", new ArrayList<>());
            for (int round = 0; round < COLD_STARTS; round++) {
                List<String> order = new ArrayList<>(VARIANTS);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (String variant : order) {
                    String function = record.outputs().get(variant + "Function");
                    twin.lambda().putFunction(twin.lambda().function(function).orElseThrow());
                    cold.get(variant).add(verify(record, variant, probe));
                }
            }
            report.append(String.format(
                    Locale.ROOT,
                    "identity API on the twin: %d cold starts and %d warm requests per variant, %d CPUs%n",
                    COLD_STARTS,
                    WARM_REQUESTS,
                    Runtime.getRuntime().availableProcessors()));
            report.append(String.format(
                    Locale.ROOT,
                    "%-9s %28s %22s %22s%n",
                    "JVM",
                    "first verify ms (median/min/max)",
                    "verify ms (p50/p99)",
                    "identify ms (p50/p99)"));
            Map<String, double[]> figures = new java.util.HashMap<>();
            for (String variant : VARIANTS) {
                for (int i = 0; i < 5; i++) {
                    verify(record, variant, probe);
                }
                List<Double> verifies = new ArrayList<>();
                List<Double> identifies = new ArrayList<>();
                for (int i = 0; i < WARM_REQUESTS; i++) {
                    verifies.add(verify(record, variant, probe));
                    identifies.add(identify(record, variant, photos.get(i % photos.size())));
                }
                double[] row = {
                    percentile(cold.get(variant), 50),
                    Collections.min(cold.get(variant)),
                    Collections.max(cold.get(variant)),
                    percentile(verifies, 50),
                    percentile(verifies, 99),
                    percentile(identifies, 50),
                    percentile(identifies, 99)
                };
                figures.put(variant, row);
                report.append(String.format(
                        Locale.ROOT,
                        "%-9s %14.0f / %5.0f / %5.0f %14.0f / %5.0f %14.0f / %5.0f%n",
                        variant,
                        row[0],
                        row[1],
                        row[2],
                        row[3],
                        row[4],
                        row[5],
                        row[6]));
            }
            double[] template = figures.get("Template");
            double[] defaults = figures.get("Defaults");
            report.append(String.format(
                    Locale.ROOT,
                    "ratio template/defaults: first request %.2f, warm verify p50 %.2f, warm identify p50 %.2f%n",
                    template[0] / defaults[0],
                    template[3] / defaults[3],
                    template[5] / defaults[5]));
        }
        System.out.print(report);
        Path out = Path.of("target", "identity-api-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    private static void enrol(Twin twin, StackRecord record, String variant, byte[] group) throws Exception {
        try (Pipeline pipeline = Pipeline.named(twin, record.outputs(), variant)) {
            List<FaceDetail> faces = pipeline.detectFaces(group);
            for (int i = 0; i < 2; i++) {
                String key = "enroll/person-" + i + "/face.jpg";
                pipeline.upload(key, GroupPhotos.crop(group, faces.get(i).boundingBox(), 0.5f), Map.of());
                pipeline.awaitStatus(key, "INDEXED", "REJECTED");
            }
        }
    }

    /** One verify of the group photo (its largest face) claiming person-0; the latency in ms. */
    private double verify(StackRecord record, String variant, byte[] photo) throws Exception {
        return timed(record, variant, "/people/person-0/verify", photo);
    }

    private double identify(StackRecord record, String variant, byte[] photo) throws Exception {
        return timed(record, variant, "/identify", photo);
    }

    private double timed(StackRecord record, String variant, String path, byte[] photo)
            throws IOException, InterruptedException {
        URI uri = URI.create(record.outputs().get(variant + "ApiEndpoint") + path);
        long start = System.nanoTime();
        HttpResponse<String> response = http.send("POST", uri, "image/jpeg", photo);
        double ms = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                    + JSON.readTree(response.body()).path("code").asText());
        }
        return ms;
    }

    private static double percentile(List<Double> values, int percent) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
