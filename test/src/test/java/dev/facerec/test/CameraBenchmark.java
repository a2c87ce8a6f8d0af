package dev.facerec.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.infra.FaceCameras;
import dev.facerec.infra.FaceCamerasProps;
import dev.facerec.infra.FaceRecognition;
import dev.facerec.infra.FaceRecognitionProps;
import dev.facerec.twin.Twin;
import dev.facerec.twin.camera.FramePlayback;
import dev.facerec.twin.camera.ImageGeneration;
import dev.facerec.twin.sqs.SqsClients;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Cameras on the twin, measured: a 10-second clip at 2 frames/s with four people walking through (two enrolled,
 * two strangers; faces of {@code @vladmandic/face-api}'s group photo on a plain corridor) played on 1, 2 and 4
 * cameras at once, first as a burst (every frame at once: the sustained frames/s the frames function keeps up with),
 * then in real time (2 frames/s per camera: the latency from a frame's arrival in the bucket to its "Sighting
 * Started" event, from the event message's SentTimestamp); for each run also the Rekognition calls per frame, the
 * sighting rows per person and camera, and the distinct events. Prints figures (also to
 * {@code target/camera-benchmark.txt}); asserts nothing. Not an IT: run it on purpose (command in docs/construct.md).
 */
class CameraBenchmark {

    private static final String STACK = "CameraBench";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FRAMES = 20;
    private static final List<String> OPERATIONS =
            List.of("DetectFaces", "SearchUsersByImage", "SearchFacesByImage", "CompareFaces", "IndexFaces");
    private static final List<String> CAMERAS = List.of("cam1", "cam2", "cam3", "cam4");

    @TempDir
    static Path directory;

    @Test
    void measure() throws Exception {
        try (TwinStack deployed = TwinStack.deploy(directory, STACK, stack -> {
                    FaceRecognition faces = new FaceRecognition(
                            stack,
                            "Faces",
                            FaceRecognitionProps.builder()
                                    .faceMatchThreshold(95)
                                    .build());
                    FaceCameras cameras = new FaceCameras(
                            stack,
                            "Cameras",
                            FaceCamerasProps.builder()
                                    .faces(faces)
                                    .cameras(CAMERAS)
                                    .build());
                    Queue sightings = new Queue(stack, "Sightings");
                    cameras.onSightingStarted(new SqsQueue(sightings));
                    Pipeline.exportOutputs(stack, "", faces);
                    Pipeline.output(stack, "SightingsUrl", sightings.getQueueUrl());
                });
                Pipeline pipeline = Pipeline.named(deployed.twin(), deployed.outputs(), "");
                SqsClient sqs = SqsClients.create(
                        URI.create(deployed.twin().endpoints().get("AWS_ENDPOINT_URL_SQS")), "us-east-1")) {
            Twin twin = deployed.twin();
            Path clip = clip(pipeline);
            List<String> lines = new ArrayList<>();
            lines.add("clip: " + FRAMES
                    + " frames at 2 frames/s, 4 people walking through (2 enrolled), 1280x720 frames");
            Instant base = Instant.parse("2026-12-07T12:00:00Z");
            int run = 0;
            for (int cameras : cameraCounts()) {
                for (boolean realTime : List.of(false, true)) {
                    Instant start = base.plus(Duration.ofHours(++run));
                    lines.add(measure(
                            twin,
                            pipeline,
                            sqs,
                            deployed.outputs().get("SightingsUrl"),
                            clip,
                            cameras,
                            realTime,
                            start));
                    System.out.println(lines.get(lines.size() - 1));
                }
            }
            String report = String.join(System.lineSeparator(), lines) + System.lineSeparator();
            System.out.print(report);
            Files.writeString(Path.of("target", "camera-benchmark.txt"), report);
        }
    }

    private static String measure(
            Twin twin,
            Pipeline pipeline,
            SqsClient sqs,
            String sightingsUrl,
            Path clip,
            int cameras,
            boolean realTime,
            Instant start)
            throws Exception {
        Map<String, Long> before = new ConcurrentHashMap<>();
        for (String camera : CAMERAS.subList(0, cameras)) {
            before.put(camera, version(pipeline, camera));
        }
        Map<String, Integer> callsBefore = calls(twin);
        Map<String, Instant> delivered = new ConcurrentHashMap<>();
        long begin = System.nanoTime();
        ExecutorService players = Executors.newFixedThreadPool(cameras);
        List<Future<List<FramePlayback.Delivered>>> plays = new ArrayList<>();
        for (String camera : CAMERAS.subList(0, cameras)) {
            ImageGeneration generation = ImageGeneration.of(
                    camera, twin.kinesisVideo().stream(camera).orElseThrow().imageGeneration());
            plays.add(players.submit(() -> new FramePlayback(pipeline.s3(), Clock.systemUTC())
                    .play(
                            generation,
                            twin.settings().accountId(),
                            camera,
                            clip,
                            start,
                            realTime,
                            d -> delivered.put(d.key(), d.deliveredAt()))));
        }
        int frames = 0;
        for (Future<List<FramePlayback.Delivered>> play : plays) {
            frames += play.get().size();
        }
        players.shutdown();
        int total = frames;
        Pipeline.await("the frames of " + cameras + " cameras", () -> {
            long merged = before.entrySet().stream()
                    .mapToLong(e -> version(pipeline, e.getKey()) - e.getValue())
                    .sum();
            return merged >= total ? merged : null;
        });
        double seconds = (System.nanoTime() - begin) / 1e9;
        List<Long> latencies = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int empty = 0; empty < 3; ) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(sightingsUrl)
                            .waitTimeSeconds(1)
                            .maxNumberOfMessages(10)
                            .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP))
                    .messages();
            empty = messages.isEmpty() ? empty + 1 : 0;
            for (Message message : messages) {
                JsonNode event = JSON.readTree(message.body());
                Instant arrived = delivered.get(event.at("/detail/frameKey").asText());
                if (!ids.add(event.at("/detail/id").asText())) {
                    arrived = null;
                }
                long sent = Long.parseLong(message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP));
                if (arrived != null) {
                    latencies.add(sent - arrived.toEpochMilli());
                }
                sqs.deleteMessage(d -> d.queueUrl(sightingsUrl).receiptHandle(message.receiptHandle()));
            }
        }
        Collections.sort(latencies);
        Map<String, Integer> callsAfter = calls(twin);
        String what = String.format(
                        "%d camera(s), %s: %d frames merged in %.1f s = %.2f frames/s",
                        cameras, realTime ? "real time (2 frames/s each)" : "burst", frames, seconds, frames / seconds)
                + String.format(
                        "; Rekognition calls per frame %.2f %s; sightings per camera %s",
                        (callsAfter.values().stream()
                                                .mapToInt(Integer::intValue)
                                                .sum()
                                        - callsBefore.values().stream()
                                                .mapToInt(Integer::intValue)
                                                .sum())
                                / (double) frames,
                        difference(callsBefore, callsAfter),
                        sightings(pipeline, CAMERAS.subList(0, cameras), start));
        return realTime
                ? what
                        + String.format(
                                "; frame arrival -> Sighting Started event: p50 %d ms, p99 %d ms (%d distinct events)",
                                percentile(latencies, 50), percentile(latencies, 99), latencies.size())
                : what;
    }

    /** The camera counts to measure: {@code -Dcamera.bench.cameras=1,2} (default 1, 2 and 4). */
    private static List<Integer> cameraCounts() {
        return Arrays.stream(System.getProperty("camera.bench.cameras", "1,2,4").split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList();
    }

    private static Map<String, Integer> calls(Twin twin) {
        Map<String, Integer> calls = new TreeMap<>();
        for (String operation : OPERATIONS) {
            calls.put(operation, twin.rekognition().faults().calls(operation));
        }
        return calls;
    }

    private static Map<String, Double> difference(Map<String, Integer> before, Map<String, Integer> after) {
        Map<String, Double> perOperation = new TreeMap<>();
        before.forEach((operation, count) -> {
            if (after.get(operation) > count) {
                perOperation.put(operation, (double) (after.get(operation) - count));
            }
        });
        return perOperation;
    }

    /** Per camera: the sightings started in this run, per person (P#…) and unknown (U). */
    private static Map<String, Map<String, Integer>> sightings(Pipeline pipeline, List<String> cameras, Instant start) {
        Map<String, Map<String, Integer>> perCamera = new TreeMap<>();
        String from = "SIGHTING#" + String.format("%015d", start.toEpochMilli());
        String to = "SIGHTING#"
                + String.format("%015d", start.plus(Duration.ofHours(1)).toEpochMilli());
        for (Map<String, AttributeValue> row : pipeline.scanTable()) {
            String pk = Pipeline.text(row, "pk");
            String sk = Pipeline.text(row, "sk");
            if (pk == null
                    || !pk.startsWith("CAMERA#")
                    || sk == null
                    || sk.compareTo(from) < 0
                    || sk.compareTo(to) >= 0) {
                continue;
            }
            String camera = pk.substring("CAMERA#".length());
            if (!cameras.contains(camera)) {
                continue;
            }
            String person = Pipeline.text(row, "personId");
            perCamera
                    .computeIfAbsent(camera, c -> new TreeMap<>())
                    .merge(person == null ? "unknown" : person, 1, Integer::sum);
        }
        return perCamera;
    }

    private static long version(Pipeline pipeline, String camera) {
        return pipeline.scanTable().stream()
                .filter(r ->
                        ("CAMERA#" + camera).equals(Pipeline.text(r, "pk")) && "STATE".equals(Pipeline.text(r, "sk")))
                .map(r -> Pipeline.text(r, "version"))
                .filter(v -> v != null)
                .mapToLong(Long::parseLong)
                .findFirst()
                .orElse(0);
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    /** Enrols two people of the group photo and films them and two strangers walking through. */
    private static Path clip(Pipeline pipeline) throws IOException, InterruptedException {
        byte[] group = GroupPhotos.read(GroupPhotos.sample(5));
        List<FaceDetail> faces = pipeline.detectFaces(group);
        List<byte[]> crops = IntStream.range(0, 4)
                .mapToObj(i -> GroupPhotos.crop(group, faces.get(i).boundingBox(), 0.5f))
                .toList();
        for (int i = 0; i < 2; i++) {
            String key = "enroll/person-" + i + "/face.jpg";
            pipeline.recordConsent("person-" + i);
            pipeline.upload(key, crops.get(i), Map.of());
            pipeline.awaitStatus(key, "INDEXED", "REJECTED");
        }
        for (int i = 2; i < 4; i++) {
            byte[] stranger = crops.get(i);
            float best = pipeline
                    .rekognition()
                    .searchUsersByImage(r -> r.collectionId(pipeline.collectionId())
                            .image(im -> im.bytes(SdkBytes.fromByteArray(stranger)))
                            .userMatchThreshold(0f)
                            .maxUsers(1))
                    .userMatches()
                    .stream()
                    .map(m -> m.similarity())
                    .findFirst()
                    .orElse(0f);
            System.out.printf("stranger %d resembles the closest enrolled person at %.1f %%%n", i - 1, best);
        }
        return CameraClips.clip(
                directory.resolve("walk.mp4"),
                2,
                FRAMES,
                List.of(
                        new CameraClips.Walker(crops.get(0), -0.1, 0.05, 0.12),
                        new CameraClips.Walker(crops.get(2), 0.95, 0.55, -0.12),
                        new CameraClips.Walker(crops.get(1), -0.1 - 10 * 0.12, 0.05, 0.12),
                        new CameraClips.Walker(crops.get(3), 0.95 + 10 * 0.12, 0.55, -0.12)));
    }
}
