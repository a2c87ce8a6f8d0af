package dev.facerec.twin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code demo}: with a running twin, recognises a group photo shipped by the npm package {@code @vladmandic/face-api}
 * (everyone unknown), enrols each face found as a person of their own from a crop, recognises the photo again
 * (everyone identified) and writes the annotated picture; then recognises another group photo of other people, in
 * which nobody may be identified. The package ships no second photo of the same people, so the enrolment crops come
 * from the photo that is recognised: the demo shows the pipeline, the accuracy figures come from the benchmarks.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "demo",
        description = "Enrol the people of a sample group photo and recognise them in it.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    DataOption data;

    @Option(names = "--photo", description = "The group photo (default: sample5.jpg of @vladmandic/face-api).")
    Path photo;

    @Option(
            names = "--others",
            description = "A group photo of other people (default: sample6.jpg of " + "@vladmandic/face-api).")
    Path others;

    @Option(
            names = "--out",
            defaultValue = "twin-demo",
            description = "Where crops and the annotated picture go " + "(default: ${DEFAULT-VALUE}).")
    Path output;

    @Override
    public Integer call() throws Exception {
        Path group = photo != null ? photo : SamplePhotos.group(5);
        Files.createDirectories(output);
        try (RunningTwin twin = RunningTwin.connect(data.directory)) {
            System.out.println("1. recognising " + group.getFileName() + " with nobody enrolled");
            JsonNode before = Uploads.recognize(twin, group, "demo-before-" + group.getFileName());
            if (before == null) {
                return 2;
            }
            List<RecognizedFace> faces = RecognizedFace.of(before);
            System.out.println("   " + faces.size() + " face(s), all unknown");
            System.out.println(
                    "2. enrolling each face as a person of its own, from a crop, after recording their consent");
            BufferedImage image = ImageIO.read(group.toFile());
            for (int i = 0; i < faces.size(); i++) {
                Path crop = output.resolve("person-" + (i + 1) + ".jpg");
                ImageIO.write(Crops.around(image, faces.get(i), 0.5), "jpg", crop.toFile());
                System.out.println("   "
                        + Uploads.describe(
                                crop, enrolWithConsent(twin, "demo-person-" + (i + 1), "Person " + (i + 1), crop)));
            }
            System.out.println("3. recognising " + group.getFileName() + " again");
            JsonNode after = Uploads.recognize(twin, group, "demo-" + group.getFileName());
            if (after == null) {
                return 2;
            }
            RecognizeCommand.report(group, after, output.resolve("demo-annotated.png"));
            Path strangers = others != null ? others : SamplePhotos.group(6);
            System.out.println(
                    "4. recognising " + strangers.getFileName() + ", other people: nobody may be identified");
            JsonNode elsewhere = Uploads.recognize(twin, strangers, "demo-others-" + strangers.getFileName());
            if (elsewhere == null) {
                return 2;
            }
            List<RecognizedFace> strangerFaces = RecognizedFace.of(elsewhere);
            long identified =
                    strangerFaces.stream().filter(RecognizedFace::identified).count();
            System.out.println("   " + strangerFaces.size() + " face(s), " + identified + " identified");
            if (identified > 0) {
                System.out.println("   unexpected: someone enrolled from " + group.getFileName() + " was matched");
                return 3;
            }
        }
        return 0;
    }

    /** Records the person's consent (the demo's purpose and policy), then enrols the crop. */
    private static Map<String, AttributeValue> enrolWithConsent(
            RunningTwin twin, String personId, String name, Path crop) throws InterruptedException {
        Uploads.recordConsent(twin, personId, "facerec twin demo", "demo-1");
        return Uploads.enroll(twin, personId, name, crop);
    }
}
