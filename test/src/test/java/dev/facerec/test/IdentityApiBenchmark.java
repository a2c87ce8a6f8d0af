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
import dev.facerec.twin.lambda.InvocationResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rekognition.model.QualityFilter;

/**
 * Cold start and latency of the identity API on the twin, two pipelines in one stack measured in the same run: one as
 * the template has it (SnapStart on the published version the API invokes, emulated by the twin: the version's
 * environment is initialised and its priming hook run before the first request; its {@code JAVA_TOOL_OPTIONS}), one
 * with the JVM defaults and no SnapStart (both deleted from its template). For each, the latency of the first verify
 * request of a new environment (Template: a new version published and the alias moved to it; Defaults: the function
 * replaced, which stops its environments), several times, then warm p50/p99 of verify and identify on one-face photos
 * of 1–3 MP from the shared evaluation set (people enrolled from another photo of theirs). Prints figures (also to
 * {@code target/identity-api-benchmark.txt}); asserts nothing; skipped without {@code ../shared/faces}. Not an IT:
 * run it on purpose (command in docs/api.md).
 */
class IdentityApiBenchmark {

    private static final String STACK = "IdentityBench";
    private static final int COLD_STARTS = Integer.getInteger("bench.coldStarts", 5);
    private static final int WARM_REQUESTS = Integer.getInteger("bench.warmRequests", 40);
    private static final int PEOPLE = Integer.getInteger("bench.people", 6);
    private static final List<String> VARIANTS = List.of("Template", "Defaults");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;

    private final SignedHttp http = new SignedHttp("us-east-1");

    /** A one-face photo of an enrolled person. */
    private record Probe(String personId, byte[] photo) {}

    @Test
    void printFigures() throws Exception {
        Path faces = TypicalProbes.locate().orElse(null);
        Assumptions.assumeTrue(faces != null, "the shared photos (../shared/faces, or -Dfacerec.faces) are absent");
        synthesize();
        StringBuilder report = new StringBuilder();
        try (Twin twin = Twin.start(TwinSettings.defaults(directory.resolve("data")), line -> {})) {
            StackRecord record = twin.deploy(CloudAssembly.read(directory.resolve("cdk.out")), STACK, Map.of());
            List<Probe> probes = enrol(twin, record, TypicalProbes.byIdentity(faces));
            Map<String, List<Double>> cold = Map.of("Template", new ArrayList<>(), "Defaults", new ArrayList<>());
            for (int round = 0; round < COLD_STARTS; round++) {
                List<String> order = new ArrayList<>(VARIANTS);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (String variant : order) {
                    newEnvironment(twin, record.outputs().get(variant + "Function"), variant);
                    cold.get(variant).add(verify(record, variant, probes.get(round % probes.size())));
                }
            }
            report.append(String.format(
                    Locale.ROOT,
                    "identity API on the twin: %d cold starts and %d warm requests per variant, %d one-face probes"
                            + " of 1-3 MP (%d people), %d CPUs%n",
                    COLD_STARTS,
                    WARM_REQUESTS,
                    probes.size(),
                    probes.stream().map(Probe::personId).distinct().count(),
                    Runtime.getRuntime().availableProcessors()));
            report.append(String.format(
                    Locale.ROOT,
                    "%-9s %28s %22s %22s%n",
                    "variant",
                    "first verify ms (median/min/max)",
                    "verify ms (p50/p99)",
                    "identify ms (p50/p99)"));
            Map<String, double[]> figures = new HashMap<>();
            for (String variant : VARIANTS) {
                double[] row = warmFigures(record, variant, probes, cold.get(variant));
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
            double[] engine = engineAlone(twin, record, probes);
            report.append(String.format(
                    Locale.ROOT,
                    "engine alone (SearchUsersByImage from this JVM, as verify calls it): p50 %.0f / p99 %.0f ms%n",
                    engine[0],
                    engine[1]));
            for (String variant : VARIANTS) {
                double[] direct = directInvoke(twin, record, variant, probes);
                report.append(String.format(
                        Locale.ROOT,
                        "%-9s verify p50 by layer: invoking the alias directly %.0f ms, of which the handler %.0f ms%n",
                        variant,
                        direct[0],
                        direct[1]));
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

    /** The app: two pipelines, "Template" as the construct makes it, "Defaults" without SnapStart and JVM options. */
    private static void synthesize() {
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
                CfnFunction function = (CfnFunction)
                        faces.getIdentityApi().getFunction().getNode().getDefaultChild();
                function.addPropertyDeletionOverride("Environment.Variables.JAVA_TOOL_OPTIONS");
                function.addPropertyDeletionOverride("SnapStart");
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
    }

    /**
     * A new execution environment for the next request, as after a deployment: for the SnapStart variant a new
     * version (the twin initialises it and runs its hooks before publishing returns) with the alias moved to it; for
     * the other the function replaced, which stops its warm environments.
     */
    private static void newEnvironment(Twin twin, String function, String variant) {
        if (variant.equals("Template")) {
            String version = twin.lambda().publishVersion(function);
            twin.lambda().putAlias(function, "live", version);
        } else {
            twin.lambda().putFunction(twin.lambda().function(function).orElseThrow());
        }
    }

    /** First-request median, min, max of {@code cold}, then warm verify and identify p50 and p99. */
    private double[] warmFigures(StackRecord record, String variant, List<Probe> probes, List<Double> cold)
            throws Exception {
        for (int i = 0; i < 5; i++) {
            verify(record, variant, probes.get(i % probes.size()));
        }
        List<Double> verifies = new ArrayList<>();
        List<Double> identifies = new ArrayList<>();
        for (int i = 0; i < WARM_REQUESTS; i++) {
            Probe probe = probes.get(i % probes.size());
            verifies.add(verify(record, variant, probe));
            identifies.add(timed(record, variant, "/identify", probe.photo()));
        }
        return new double[] {
            percentile(cold, 50),
            Collections.min(cold),
            Collections.max(cold),
            percentile(verifies, 50),
            percentile(verifies, 99),
            percentile(identifies, 50),
            percentile(identifies, 99)
        };
    }

    /**
     * Enrols the first {@link #PEOPLE} people from their first photo in both pipelines; returns their other photos in
     * which the engine finds exactly one face.
     */
    private static List<Probe> enrol(Twin twin, StackRecord record, Map<String, List<Path>> byIdentity)
            throws Exception {
        List<Probe> probes = new ArrayList<>();
        int person = 0;
        for (List<Path> photos : byIdentity.values()) {
            if (person == PEOPLE) {
                break;
            }
            String personId = "person-" + person++;
            for (String variant : VARIANTS) {
                try (Pipeline pipeline = Pipeline.named(twin, record.outputs(), variant)) {
                    String key = "enroll/" + personId + "/1.jpg";
                    pipeline.recordConsent(personId);
                    pipeline.upload(key, Files.readAllBytes(photos.get(0)), Map.of());
                    pipeline.awaitStatus(key, "INDEXED", "REJECTED");
                }
            }
            try (Pipeline pipeline = Pipeline.named(twin, record.outputs(), VARIANTS.get(0))) {
                for (Path photo : photos.subList(1, Math.min(photos.size(), 4))) {
                    byte[] bytes = Files.readAllBytes(photo);
                    if (pipeline.detectFaces(bytes).size() == 1) {
                        probes.add(new Probe(personId, bytes));
                    }
                }
            }
        }
        if (probes.isEmpty()) {
            throw new IllegalStateException("no one-face probe of 1-3 MP among the shared photos");
        }
        return probes;
    }

    /** p50 and p99 of the verify's Rekognition call made directly to the twin's engine: the API's share without it. */
    private static double[] engineAlone(Twin twin, StackRecord record, List<Probe> probes) {
        try (Pipeline pipeline = Pipeline.named(twin, record.outputs(), VARIANTS.get(0))) {
            List<Double> latencies = new ArrayList<>();
            for (int i = 0; i < WARM_REQUESTS + 5; i++) {
                SdkBytes photo =
                        SdkBytes.fromByteArray(probes.get(i % probes.size()).photo());
                long start = System.nanoTime();
                pipeline.rekognition()
                        .searchUsersByImage(b -> b.collectionId(pipeline.collectionId())
                                .image(image -> image.bytes(photo))
                                .userMatchThreshold(0f)
                                .maxUsers(500)
                                .qualityFilter(QualityFilter.AUTO));
                if (i >= 5) {
                    latencies.add((System.nanoTime() - start) / 1e6);
                }
            }
            return new double[] {percentile(latencies, 50), percentile(latencies, 99)};
        }
    }

    /**
     * p50 of a verify invoked on the function's alias directly (the API Gateway event built here, no HTTP API, no
     * SigV4), and p50 of the handler's own time for those requests (its {@code ms=} log lines).
     */
    private static double[] directInvoke(Twin twin, StackRecord record, String variant, List<Probe> probes)
            throws IOException {
        String function = record.outputs().get(variant + "Function");
        int logged = handlerMillis(twin, function).size();
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < WARM_REQUESTS; i++) {
            Probe probe = probes.get(i % probes.size());
            Map<String, Object> event = Map.of(
                    "version",
                    "2.0",
                    "routeKey",
                    "POST /people/{personId}/verify",
                    "rawPath",
                    "/people/" + probe.personId() + "/verify",
                    "headers",
                    Map.of("content-type", "image/jpeg"),
                    "pathParameters",
                    Map.of("personId", probe.personId()),
                    "requestContext",
                    Map.of("http", Map.of("method", "POST")),
                    "body",
                    Base64.getEncoder().encodeToString(probe.photo()),
                    "isBase64Encoded",
                    true);
            byte[] payload = JSON.writeValueAsBytes(event);
            long start = System.nanoTime();
            InvocationResult result = twin.lambda().invoke(function + ":live", payload);
            latencies.add((System.nanoTime() - start) / 1e6);
            if (result.failed()) {
                throw new IllegalStateException("direct verify failed: " + result.payloadText());
            }
        }
        List<Double> handler = handlerMillis(twin, function);
        return new double[] {percentile(latencies, 50), percentile(handler.subList(logged, handler.size()), 50)};
    }

    /** The handler's {@code ms=} of every verify in the function's log, in order. */
    private static List<Double> handlerMillis(Twin twin, String function) throws IOException {
        List<Double> millis = new ArrayList<>();
        Matcher matcher = Pattern.compile("verify\\\\?\" status=200 ms=(\\d+)").matcher("");
        for (String line : Files.readAllLines(twin.lambda().logFile(function))) {
            if (matcher.reset(line).find()) {
                millis.add(Double.parseDouble(matcher.group(1)));
            }
        }
        return millis;
    }

    /** One verify of the probe claiming its own person; the latency in ms. */
    private double verify(StackRecord record, String variant, Probe probe) throws Exception {
        return timed(record, variant, "/people/" + probe.personId() + "/verify", probe.photo());
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
