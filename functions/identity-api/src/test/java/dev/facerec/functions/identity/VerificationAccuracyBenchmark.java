package dev.facerec.functions.identity;

import static dev.facerec.functions.identity.ApiFixture.body;
import static dev.facerec.functions.identity.ApiFixture.event;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.index.IndexFacesHandler;
import dev.facerec.functions.testing.EventFixtures;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithOnnxFaceEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Verification's true- and false-accept rates on the shared identity photos ({@code ../shared/faces/identities},
 * never copied into the repository), through the identity API's handler on the ONNX face engine: every person with
 * at least two photos is enrolled from one photo (the first that enrolment indexes); each of their other photos is
 * verified as that person (genuine) and as the next enrolled person (impostor). Decisions at 99 and at 80 follow the
 * API's rule (similarity at or above the threshold, and nobody scoring higher). Prints figures, asserts nothing;
 * skipped when the photos are absent. Command in docs/api.md.
 */
class VerificationAccuracyBenchmark extends WithOnnxFaceEngine {

    private static final float[] THRESHOLDS = {99f, 80f};

    @Test
    void printFigures() throws IOException {
        Path faces = locate();
        Assumptions.assumeTrue(faces != null, "../shared/faces is absent: nothing to measure");
        Map<String, List<Path>> people = identities(faces);
        IndexFacesHandler enrolment = new IndexFacesHandler(
                ApiFixture.clients(services), FunctionConfig.defaults(FunctionServices.TABLE), Clock.systemUTC());
        IdentityApiHandler api = ApiFixture.handler(services, 80f);

        Map<String, List<Path>> probes = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, List<Path>> person : people.entrySet()) {
            String personId = "p" + n++;
            List<Path> photos = new ArrayList<>(person.getValue());
            while (!photos.isEmpty() && !enrol(enrolment, personId, photos.remove(0))) {
                // try the person's next photo
            }
            if (!photos.isEmpty()) {
                probes.put(personId, photos);
            }
        }
        List<String> enrolled = new ArrayList<>(probes.keySet());
        int[] genuine = new int[THRESHOLDS.length];
        int[] impostor = new int[THRESHOLDS.length];
        int genuineTrials = 0;
        int impostorTrials = 0;
        Map<String, Integer> undecided = new LinkedHashMap<>();
        for (int i = 0; i < enrolled.size(); i++) {
            String personId = enrolled.get(i);
            String other = enrolled.get((i + 1) % enrolled.size());
            for (Path photo : probes.get(personId)) {
                byte[] bytes = Files.readAllBytes(photo);
                JsonNode asSelf = verify(api, personId, bytes);
                if (asSelf == null || asSelf.has("reason")) {
                    undecided.merge(
                            asSelf == null ? "refused" : asSelf.path("reason").asText(), 1, Integer::sum);
                    continue;
                }
                JsonNode asOther = verify(api, other, bytes);
                genuineTrials++;
                impostorTrials++;
                for (int t = 0; t < THRESHOLDS.length; t++) {
                    genuine[t] += accepted(asSelf, THRESHOLDS[t]) ? 1 : 0;
                    impostor[t] += asOther != null && accepted(asOther, THRESHOLDS[t]) ? 1 : 0;
                }
            }
        }
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "verification on %d enrolled people (one photo each): %d genuine and %d impostor probes;"
                        + " probes without a decision: %s%n",
                enrolled.size(),
                genuineTrials,
                impostorTrials,
                undecided));
        for (int t = 0; t < THRESHOLDS.length; t++) {
            report.append(String.format(
                    Locale.ROOT,
                    "threshold %.0f: true-accept %.1f %% (%d/%d), false-accept %.2f %% (%d/%d)%n",
                    THRESHOLDS[t],
                    100.0 * genuine[t] / genuineTrials,
                    genuine[t],
                    genuineTrials,
                    100.0 * impostor[t] / impostorTrials,
                    impostor[t],
                    impostorTrials));
        }
        System.out.print(report);
        Files.writeString(Path.of("target", "verification-accuracy.txt"), report.toString());
    }

    /** The API's decision at {@code threshold} from an answer made with a lower one. */
    private static boolean accepted(JsonNode answer, float threshold) {
        return answer.has("similarity")
                && answer.path("similarity").asDouble() >= threshold
                && !answer.path("otherPersonScoredHigher").asBoolean();
    }

    private static JsonNode verify(IdentityApiHandler api, String personId, byte[] photo) {
        APIGatewayV2HTTPResponse response = api.handleRequest(
                event(IdentityApiHandler.VERIFY, Map.of("personId", personId), "application/octet-stream", photo, null),
                new TestContext());
        return response.getStatusCode() == 200 ? body(response) : null;
    }

    private static boolean enrol(IndexFacesHandler enrolment, String personId, Path photo) throws IOException {
        String key = "enroll/" + personId + "/" + photo.getFileName();
        Uploaded uploaded = services.upload(key, Files.readAllBytes(photo), Map.of());
        JsonNode outcome = ApiFixture.JSON.valueToTree(enrolment.handleRequest(
                EventFixtures.s3Event(
                        "object-created-template.json", services.createdEvent(uploaded, services.nextSequencer())),
                new TestContext()));
        return outcome.path("outcomes").get(0).asText().equals("INDEXED");
    }

    /** Identity → photos, for identities with at least two photos, from {@code manifest.tsv}. */
    private static Map<String, List<Path>> identities(Path faces) throws IOException {
        Map<String, List<Path>> byIdentity = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(faces.resolve("manifest.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split("\t", -1);
            if (row.length > 2 && row[1].equals("identity")) {
                byIdentity.computeIfAbsent(row[2], k -> new ArrayList<>()).add(faces.resolve(row[0]));
            }
        }
        byIdentity.values().removeIf(photos -> photos.size() < 2);
        return byIdentity;
    }

    private static Path locate() {
        String explicit = System.getProperty("facerec.faces");
        if (explicit != null) {
            return Path.of(explicit);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("faces");
            if (Files.isRegularFile(candidate.resolve("manifest.tsv"))) {
                return candidate;
            }
        }
        return null;
    }
}
