package dev.facerec.functions.erasure;

import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.erasure.Mentions;
import dev.facerec.functions.core.erasure.PersonErasure;
import dev.facerec.functions.core.sightings.SightingsLogConfig;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.tenant.Tenant;
import dev.facerec.functions.index.IndexFacesHandler;
import dev.facerec.functions.recognize.EventPublisher;
import dev.facerec.functions.recognize.RecognizeFacesHandler;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.RunOnceAfter;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TestClients;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The race between a recognition that identified a person and that person's erasure, forced deterministically
 * through an interceptor on the recognition function's own DynamoDB client: the whole erasure runs right after a
 * given call of the recognition returns. Whether the erasure comes after the recognition's name lookup (before any
 * write) or after its mention rows (before the result), nothing names the erased person afterwards: no mention,
 * result row or sighting, and a result document that answers the face as {@code ERASED}, while the other person of
 * the group photo stays named. The photo ends RECOGNIZED, logged once with the reason and without ids.
 */
class RecognitionErasureRaceTest extends WithColorFaceEngine {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FunctionConfig CONFIG = FunctionConfig.defaults(FunctionServices.TABLE);
    private static final SightingsLogConfig LOG = new SightingsLogConfig(FunctionServices.COLLECTION, 7);
    private static final Tenant SHARED = Tenant.shared(FunctionServices.COLLECTION);

    /** Which call of the recognition the erasure follows, and the erasure, run once. */
    private final RunOnceAfter hook = new RunOnceAfter();

    private final DynamoDbClient intercepted = TestClients.dynamoDb(services.dynamoDbEndpoint(), hook);

    @AfterEach
    void closeClient() {
        intercepted.close();
    }

    @Test
    void personErasedAfterTheNameLookup_isNamedNowhere() throws IOException {
        // GIVEN Uma and Ugo enrolled, and Uma's erasure to run right after the recognition has read their names
        recogniseWhileErasing(
                "uma", FaceColor.MAGENTA, "ugo", FaceColor.CYAN, request -> request instanceof BatchGetItemRequest);
    }

    @Test
    void personErasedAfterTheMentionRows_isNamedNowhere() throws IOException {
        // GIVEN Ida and Ivo enrolled, and Ida's erasure to run right after the recognition wrote their mention rows
        // (the erasure follows Ida's mention before the result exists, then deletes it)
        recogniseWhileErasing(
                "ida", FaceColor.GREEN, "ivo", FaceColor.YELLOW, RecognitionErasureRaceTest::writesMentions);
    }

    /** Each case has its own people and colours: the services (and the collection) are the class's. */
    private void recogniseWhileErasing(
            String erased, FaceColor erasedColor, String kept, FaceColor keptColor, Predicate<SdkRequest> after)
            throws IOException {
        enrol("enroll/" + erased + "/a.jpg", erasedColor);
        enrol("enroll/" + kept + "/a.jpg", keptColor);
        Uploaded group = services.upload(
                "recognize/door/" + erased + ".png",
                SyntheticImages.png(600, 300, face(erasedColor, 20, 60, 150), face(keptColor, 220, 60, 150)),
                Map.of());
        hook.arm(after, () -> eraser().erase(SHARED, erased, "test"));

        // WHEN the group photo is recognised, the erasure running in between
        TestContext context = new TestContext();
        JsonNode answer = invoke(
                recognition(),
                "object-created-template.json",
                services.createdEvent(group, services.nextSequencer()),
                context);

        // THEN the erasure ran, and no row names the erased person (mention, result row, sighting); the other is
        // still named
        assertThat(hook.pending()).isNull();
        assertThat(services.rowsNaming(erased)).isEmpty();
        assertThat(services.rowsNaming(kept)).isNotEmpty();
        // AND the result document answers the erased person's face as ERASED and keeps the other's identity
        JsonNode result = JSON.readTree(services.s3()
                .getObjectAsBytes(b -> b.bucket(FunctionServices.BUCKET).key("results/door/" + erased + ".png.json"))
                .asByteArray());
        assertThat(result.toString()).doesNotContain("\"" + erased + "\"").contains("\"" + kept + "\"");
        assertThat(result.findValuesAsText("status")).containsExactlyInAnyOrder("ERASED", "IDENTIFIED");
        assertThat(result.path("identifiedCount").asInt()).isEqualTo(1);
        // AND the photo ended RECOGNIZED, logged once with the reason, naming nobody
        assertThat(answer.path("outcomes").get(0).asText()).isEqualTo("RECOGNIZED");
        assertThat(context.lines())
                .singleElement()
                .asString()
                .contains("outcome=RECOGNIZED", "reason=PERSON_ERASED")
                .doesNotContain(erased, kept);
    }

    /** Whether a write of the recognition puts mention rows (in a transaction or a batch). */
    private static boolean writesMentions(SdkRequest request) {
        Stream<Map<String, AttributeValue>> items = Stream.empty();
        if (request instanceof TransactWriteItemsRequest transaction) {
            items = transaction.transactItems().stream()
                    .filter(item -> item.put() != null)
                    .map(item -> item.put().item());
        } else if (request instanceof BatchWriteItemRequest batch) {
            items = batch.requestItems().values().stream()
                    .flatMap(List::stream)
                    .filter(write -> write.putRequest() != null)
                    .map(write -> write.putRequest().item());
        }
        return items.anyMatch(item -> item.get(TableKeys.SK).s().startsWith(Mentions.SK_PREFIX));
    }

    private static void enrol(String key, FaceColor color) throws IOException {
        Uploaded photo = services.upload(key, SyntheticImages.jpeg(300, 300, face(color, 70, 60, 160)), Map.of());
        assertThat(created(
                        new IndexFacesHandler(
                                new AwsClients(services.s3(), services.dynamoDb(), services.rekognition()),
                                CONFIG,
                                Clock.systemUTC()),
                        services.createdEvent(photo, services.nextSequencer())))
                .isEqualTo("INDEXED");
    }

    private RecognizeFacesHandler recognition() {
        return new RecognizeFacesHandler(
                new AwsClients(services.s3(), intercepted, services.rekognition()),
                CONFIG,
                Clock.systemUTC(),
                EventPublisher.NONE,
                LOG);
    }

    private static PersonErasure eraser() {
        return new PersonErasure(
                new AwsClients(services.s3(), services.dynamoDb(), services.rekognition()),
                CONFIG,
                FunctionServices.BUCKET,
                PersonErasure.DEFAULT_CONSENT_PREFIX,
                Clock.systemUTC());
    }
}
