package dev.facerec.functions.index;

import static dev.facerec.functions.index.IndexFixture.clients;
import static dev.facerec.functions.index.IndexFixture.config;
import static dev.facerec.functions.index.IndexFixture.personRow;
import static dev.facerec.functions.index.IndexFixture.statusRow;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Watch lists: set on the person row from {@code x-amz-meta-lists}, replaced by a later photo, validated. */
class IndexFacesWatchListTest extends WithColorFaceEngine {

    private final IndexFacesHandler handler = new IndexFacesHandler(clients(services), config(), Clock.systemUTC());

    @Test
    void handleRequest_shouldRecordTheListsOnThePerson_whenThePhotoCarriesThem() throws IOException {
        // GIVEN a photo with lists metadata
        Uploaded photo = upload("enroll/w1/one.jpg", FaceColor.RED, Map.of("lists", "vip,block"));

        // WHEN
        String outcome = created(handler, services.createdEvent(photo, services.nextSequencer()));

        // THEN the person row names the lists, sorted
        assertThat(outcome).isEqualTo("INDEXED");
        assertThat(lists(personRow(services, "w1"))).containsExactly("block", "vip");
    }

    @Test
    void handleRequest_shouldReplaceOrKeepTheLists_whenALaterPhotoCarriesOrOmitsThem() throws IOException {
        // GIVEN a person enrolled on the block list
        Uploaded first = upload("enroll/w2/one.jpg", FaceColor.GREEN, Map.of("lists", "block"));
        created(handler, services.createdEvent(first, services.nextSequencer()));

        // WHEN a second photo without lists, then a third with other lists, are enrolled
        Uploaded second = upload("enroll/w2/two.jpg", FaceColor.GREEN, Map.of());
        created(handler, services.createdEvent(second, services.nextSequencer()));
        List<String> afterSecond = lists(personRow(services, "w2"));
        Uploaded third = upload("enroll/w2/three.jpg", FaceColor.GREEN, Map.of("lists", "vip"));
        created(handler, services.createdEvent(third, services.nextSequencer()));

        // THEN the photo without metadata kept them, the one with metadata replaced them
        assertThat(afterSecond).containsExactly("block");
        assertThat(lists(personRow(services, "w2"))).containsExactly("vip");
        assertThat(AttributeValues.num(personRow(services, "w2"), "faceCount", -1))
                .isEqualTo(3);
    }

    @Test
    void handleRequest_shouldRejectThePhotoBeforeIndexing_whenAListNameIsInvalid() throws IOException {
        // GIVEN a photo whose lists metadata has an upper-case name
        List<String> facesBefore = services.collectionFaceIds();
        Uploaded photo = upload("enroll/w3/one.jpg", FaceColor.BLUE, Map.of("lists", "Block"));

        // WHEN
        String outcome = created(handler, services.createdEvent(photo, services.nextSequencer()));

        // THEN it is rejected for its metadata, nothing was indexed and no person row exists
        Map<String, AttributeValue> status = statusRow(services, photo.key());
        assertThat(outcome).isEqualTo("REJECTED");
        assertThat(AttributeValues.str(status, "reason")).isEqualTo("INVALID_METADATA");
        assertThat(services.collectionFaceIds()).containsExactlyInAnyOrderElementsOf(facesBefore);
        assertThat(personRow(services, "w3")).isEmpty();
        assertThat(services.faults().calls("IndexFaces")).isZero();
    }

    private static Uploaded upload(String key, FaceColor color, Map<String, String> metadata) throws IOException {
        return services.upload(key, SyntheticImages.jpeg(300, 300, face(color, 50, 50, 150)), metadata);
    }

    private static List<String> lists(Map<String, AttributeValue> person) {
        AttributeValue value = person.get("lists");
        return value == null ? null : value.l().stream().map(AttributeValue::s).toList();
    }
}
