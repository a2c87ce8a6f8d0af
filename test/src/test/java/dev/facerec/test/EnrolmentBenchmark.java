package dev.facerec.test;

import dev.facerec.engine.rekognition.ErrorType;
import dev.facerec.twin.Twin;
import dev.facerec.twin.TwinSettings;
import dev.facerec.twin.cloudformation.CloudAssembly;
import dev.facerec.twin.cloudformation.StackRecord;
import dev.facerec.twin.sqs.SqsClients;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Bulk enrolment on the twin, measured (a command, not a test: it prints figures and fails only when a photo is
 * lost). The app's stack is deployed with its defaults (two event queues, mappings capped at 2); face crops of the
 * npm package {@code @vladmandic/face-api}'s group photos are uploaded in one burst under distinct keys and person
 * ids; every photo must end INDEXED or REJECTED with its reason, none in the dead-letter queue. Then the same burst
 * with a share of IndexFaces calls failing (throttling and 500s, the face engine's random faults). Figures: wall
 * time, throughput, and the ideal (per-photo time, measured one photo at a time, × count ÷ concurrency); with
 * faults: the calls faulted, the messages put back by the functions, the time lost.
 *
 * <pre>
 * test/bin/bench-enrolment 5000 0.3
 * </pre>
 */
public final class EnrolmentBenchmark {

    private static final int CALIBRATION = 10;
    private static final int UPLOADERS = 8;
    private static final long SEED = 20261207L;

    private final Twin twin;
    private final StackRecord stack;
    private final Pipeline pipeline;
    private final SqsClient sqs;
    private final List<byte[]> crops;
    private final int concurrency;

    private EnrolmentBenchmark(Twin twin, StackRecord stack) {
        this.twin = twin;
        this.stack = stack;
        this.pipeline = new Pipeline(twin, stack.outputs());
        this.sqs = SqsClients.create(URI.create(twin.endpoints().get("AWS_ENDPOINT_URL_SQS")), "us-east-1");
        this.crops = crops();
        this.concurrency = twin.lambda().concurrency(stack.outputs().get("IndexFunctionName"));
    }

    /** Arguments: the number of photos per burst (default 5000) and the share of faulted calls (default 0.3). */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        double faultRate = args.length > 1 ? Double.parseDouble(args[1]) : 0.3;
        Path directory = Files.createTempDirectory("facerec-bench");
        CloudAssembly assembly = CloudAssembly.read(AppSynthesizer.synthesize(directory.resolve("cdk.out")));
        try (Twin twin = Twin.start(TwinSettings.defaults(directory.resolve("data")), line -> {})) {
            EnrolmentBenchmark bench = new EnrolmentBenchmark(twin, twin.deploy(assembly, null, Map.of()));
            bench.run(count, faultRate);
        }
    }

    private void run(int count, double faultRate) throws Exception {
        System.out.printf(
                "%d face crops of the face-api samples; mapping concurrency %d; %d photos a burst%n",
                crops.size(), concurrency, count);
        burst("warm-up", CALIBRATION, false);
        double perPhoto = calibrate();
        System.out.printf("per-photo time, one at a time: %.0f ms%n", perPhoto * 1000);
        Burst clean = burst("clean", count, true);
        clean.print(perPhoto, concurrency);
        twin.rekognition().faults().clear();
        twin.rekognition()
                .faults()
                .failRandomly(
                        "IndexFaces", faultRate, List.of(ErrorType.THROTTLING, ErrorType.INTERNAL_SERVER_ERROR), SEED);
        long backoffsBefore = backoffs();
        Burst faulted = burst("faulted", count, true);
        int faultedCalls = twin.rekognition().faults().faulted("IndexFaces");
        int calls = twin.rekognition().faults().calls("IndexFaces");
        twin.rekognition().faults().clear();
        faulted.print(perPhoto, concurrency);
        System.out.printf(
                "faults: %d of %d IndexFaces calls (%.1f %%); messages put back by the function: %d;"
                        + " time lost against the clean burst: %.1f s (%.0f %%)%n",
                faultedCalls,
                calls,
                100.0 * faultedCalls / Math.max(1, calls),
                backoffs() - backoffsBefore,
                faulted.seconds() - clean.seconds(),
                100 * (faulted.seconds() - clean.seconds()) / clean.seconds());
    }

    /** Seconds per photo with one photo in flight: upload, wait for its row, next. */
    private double calibrate() throws Exception {
        consent("calibration", CALIBRATION);
        long start = System.nanoTime();
        for (int i = 0; i < CALIBRATION; i++) {
            String key = key("calibration", i);
            pipeline.upload(key, crops.get(i % crops.size()), Map.of());
            pipeline.awaitStatus(key, "INDEXED", "REJECTED");
        }
        return (System.nanoTime() - start) / 1e9 / CALIBRATION;
    }

    /** Uploads {@code count} photos at once and waits until every one has its final row. */
    private Burst burst(String name, int count, boolean check) throws Exception {
        consent(name, count);
        long start = System.nanoTime();
        ExecutorService uploaders = Executors.newFixedThreadPool(UPLOADERS);
        List<Future<?>> uploads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = key(name, i);
            byte[] photo = crops.get(i % crops.size());
            uploads.add(uploaders.submit(() -> pipeline.upload(key, photo, Map.of())));
        }
        for (Future<?> upload : uploads) {
            upload.get();
        }
        uploaders.shutdown();
        double uploaded = (System.nanoTime() - start) / 1e9;
        awaitDrained(stack.outputs().get("IndexQueueUrl"), start);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Integer> outcomes = new TreeMap<>();
        if (check) {
            for (int i = 0; i < count; i++) {
                Map<String, AttributeValue> row = pipeline.statusRow(key(name, i));
                String outcome = row == null
                        ? "NO ROW"
                        : Pipeline.text(row, "status")
                                + (row.containsKey("reason") ? " " + Pipeline.text(row, "reason") : "");
                outcomes.merge(outcome, 1, Integer::sum);
            }
        }
        int deadLetters = visibleAndInFlight(stack.outputs().get("DeadLetterQueueUrl"));
        Burst burst = new Burst(name, count, uploaded, seconds, outcomes, deadLetters);
        if (check
                && (deadLetters > 0
                        || outcomes.keySet().stream()
                                .anyMatch(o -> !o.startsWith("INDEXED") && !o.startsWith("REJECTED ")))) {
            burst.print(0, concurrency);
            throw new AssertionError(name + " burst: photos lost or dead-lettered");
        }
        return burst;
    }

    private record Burst(
            String name,
            int count,
            double uploadSeconds,
            double seconds,
            Map<String, Integer> outcomes,
            int deadLetters) {

        void print(double perPhoto, int concurrency) {
            double ideal = perPhoto * count / concurrency;
            System.out.printf(
                    "%s burst: %d photos uploaded in %.1f s, all rows in %.1f s: %.1f photos/s (%.0f photos/h);"
                            + " ideal %.1f s (%.0f %% of ideal); outcomes %s; dead letters %d%n",
                    name,
                    count,
                    uploadSeconds,
                    seconds,
                    count / seconds,
                    count / seconds * 3600,
                    ideal,
                    100 * ideal / seconds,
                    outcomes,
                    deadLetters);
        }
    }

    /** Waits (up to two hours) until the queue holds no message, printing the count every half minute. */
    private void awaitDrained(String queueUrl, long start) throws InterruptedException {
        long deadline = System.nanoTime() + 7_200_000_000_000L;
        long nextReport = System.nanoTime() + 30_000_000_000L;
        int left;
        while ((left = visibleAndInFlight(queueUrl)) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(left + " messages still queued after two hours");
            }
            if (System.nanoTime() > nextReport) {
                System.out.printf("  %.0f s: %d messages queued%n", (System.nanoTime() - start) / 1e9, left);
                nextReport += 30_000_000_000L;
            }
            Thread.sleep(500);
        }
    }

    private int visibleAndInFlight(String queueUrl) {
        return sqs
                .getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNamesWithStrings(
                                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings()
                .values()
                .stream()
                .mapToInt(Integer::parseInt)
                .sum();
    }

    /** Messages the enrolment function put back with a backoff (its log's BACKOFF lines). */
    private long backoffs() throws IOException {
        Path log = twin.lambda().logFile(stack.outputs().get("IndexFunctionName"));
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("outcome=BACKOFF")).count();
        }
    }

    /** Records the consent of the people of a burst, before its clock starts. */
    private void consent(String burst, int count) throws InterruptedException {
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            documents.add(pipeline.recordConsent("bench-" + burst + "-" + i));
        }
        for (String document : documents) {
            pipeline.awaitStatus(document, "RECORDED", "REJECTED");
        }
    }

    private String key(String burst, int i) {
        return stack.outputs().get("EnrollPrefix") + "bench-" + burst + "-" + i + "/face.jpg";
    }

    /** Every face of the six sample photos, cropped with half a face of margin. */
    private List<byte[]> crops() {
        List<byte[]> found = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            byte[] photo = GroupPhotos.read(GroupPhotos.sample(n));
            List<FaceDetail> faces = pipeline.detectFaces(photo);
            for (FaceDetail face : faces) {
                found.add(GroupPhotos.crop(photo, face.boundingBox(), 0.5f));
            }
        }
        return found;
    }
}
