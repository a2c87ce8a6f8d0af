package dev.facerec.twin.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code forget}: deletes a person's enrolment photos, waits until their faces are gone from the collection and the
 * table, then deletes every stored version of those photos too (the bucket is versioned: a plain delete only hides
 * a photo behind a delete marker, and a face photo is biometric data).
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "forget",
        description = "Delete a person's enrolment photos (every version); their faces are " + "removed with them.")
final class ForgetCommand implements Callable<Integer> {

    @Mixin
    DataOption data;

    @Parameters(index = "0", description = "The person's id.")
    String personId;

    @Override
    public Integer call() throws Exception {
        try (RunningTwin twin = RunningTwin.connect(data.directory)) {
            String prefix = twin.output("EnrollPrefix") + personId + "/";
            List<String> keys =
                    twin
                            .s3()
                            .listObjectsV2Paginator(b -> b.bucket(twin.bucket()).prefix(prefix))
                            .contents()
                            .stream()
                            .map(S3Object::key)
                            .toList();
            if (keys.isEmpty()) {
                System.out.println("no enrolment photos of " + personId);
                return 1;
            }
            keys.forEach(
                    key -> twin.s3().deleteObject(b -> b.bucket(twin.bucket()).key(key)));
            Progress.await(
                    "removing the faces of " + personId,
                    RunningTwin.WAIT,
                    () -> twin.dynamoDb()
                                            .query(b -> b.tableName(twin.table())
                                                    .keyConditionExpression("pk = :pk AND begins_with(sk, :face)")
                                                    .expressionAttributeValues(Map.of(
                                                            ":pk",
                                                            AttributeValue.fromS("PERSON#" + personId),
                                                            ":face",
                                                            AttributeValue.fromS("FACE#"))))
                                            .count()
                                    == 0
                            ? Boolean.TRUE
                            : null);
            int versions = purgeVersions(twin, prefix);
            System.out.println(personId + ": " + keys.size() + " photo(s) deleted (" + versions
                    + " stored version(s) with them), faces removed");
        }
        return 0;
    }

    /** Deletes every version and delete marker under the prefix for good; returns how many versions there were. */
    private static int purgeVersions(RunningTwin twin, String prefix) {
        int versions = 0;
        for (ListObjectVersionsResponse page : twin.s3()
                .listObjectVersionsPaginator(b -> b.bucket(twin.bucket()).prefix(prefix))) {
            for (var version : page.versions()) {
                twin.s3()
                        .deleteObject(
                                b -> b.bucket(twin.bucket()).key(version.key()).versionId(version.versionId()));
                versions++;
            }
            page.deleteMarkers()
                    .forEach(marker -> twin.s3()
                            .deleteObject(b ->
                                    b.bucket(twin.bucket()).key(marker.key()).versionId(marker.versionId())));
        }
        return versions;
    }
}
