package dev.facerec.twin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.TwinState;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code forget}: erases a person the product's way, through the running stack's identity API
 * ({@code DELETE /people/{personId}}, the same erasure as consent withdrawal and the retention schedule): their faces
 * and user, every version and delete marker of their photos and consent document, their rows, the results that name
 * them (redacted) and their sightings. Prints the erasure receipt the API answers (it names nobody). A stack without
 * the identity API offers no erasure of one person on demand: the command then says so and deletes nothing.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "forget",
        description = "Erase a person completely through the identity API (DELETE /people/PERSON: faces, user, every"
                + " version of their photos and consent document, rows, results, sightings) and print the receipt.")
final class ForgetCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    DataOption data;

    @Parameters(index = "0", description = "The person's id.")
    String personId;

    @Override
    public Integer call() throws Exception {
        TwinState state = RunningTwin.state(data.directory);
        if (!IdentityApiCall.deployed(state)) {
            System.err.println("twin: the running stack has no identity API (output ApiEndpoint), and without it a"
                    + " person is erased only by the retention schedule or with the whole tenant; nothing was"
                    + " deleted. Deploy the app with the API on (the default; -c facerec:identityApi=false turns it"
                    + " off) and run forget again.");
            return 2;
        }
        JsonNode receipt = IdentityApiCall.delete(state, "/people/" + personId);
        if (receipt == null) {
            return 1;
        }
        JsonNode removed = receipt.path("removed");
        System.out.println(personId + " erased: " + removed.path("faces").asLong() + " face(s), "
                + removed.path("photoVersions").asLong() + " photo version(s), "
                + removed.path("consentVersions").asLong() + " consent document version(s), "
                + removed.path("rows").asLong() + " row(s); "
                + removed.path("resultsRedacted").asLong()
                + " result(s) redacted, " + removed.path("sightings").asLong() + " sighting(s) deleted");
        System.out.println("erasure receipt:");
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(receipt));
        return 0;
    }
}
