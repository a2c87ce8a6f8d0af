package dev.facerec.twin.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code enroll}: uploads photos of one person under the enrol prefix and reports how each was indexed. */
@Command(
        mixinStandardHelpOptions = true,
        name = "enroll",
        description = "Enrol a person from one or more photos (one face each).")
final class EnrollCommand implements Callable<Integer> {

    @Mixin
    DataOption data;

    @Parameters(index = "0", description = "The person's id: letters, digits, _ . - : (up to 128).")
    String personId;

    @Parameters(index = "1..*", arity = "1..*", description = "Photos (JPEG or PNG) showing only this person.")
    List<Path> photos;

    @Option(names = "--name", description = "The display name (stored as object metadata 'name').")
    String name;

    @Option(
            names = "--consent",
            paramLabel = "PURPOSE",
            description = "First record the person's consent to PURPOSE (a consent document, captured by the operator"
                    + " 'twin-cli'). Without it, a pipeline that requires consent rejects the photos (NO_CONSENT).")
    String consentPurpose;

    @Option(
            names = "--policy",
            defaultValue = "1",
            description =
                    "The privacy policy version the person consented to, with --consent (default: ${DEFAULT-VALUE}).")
    String policyVersion;

    @Override
    public Integer call() throws Exception {
        int rejected = 0;
        try (RunningTwin twin = RunningTwin.connect(data.directory)) {
            if (consentPurpose != null) {
                Map<String, AttributeValue> consent =
                        Uploads.recordConsent(twin, personId, consentPurpose, policyVersion);
                System.out.println(Uploads.describe(Path.of(personId + ".json"), consent));
                if (!"RECORDED".equals(RunningTwin.text(consent, "status"))) {
                    return 2;
                }
            }
            for (Path photo : photos) {
                Map<String, AttributeValue> status = Uploads.enroll(twin, personId, name, photo);
                rejected += "REJECTED".equals(RunningTwin.text(status, "status")) ? 1 : 0;
                System.out.println(Uploads.describe(photo, status));
            }
        }
        return rejected == 0 ? 0 : 2;
    }
}
