package dev.facerec.functions.sightings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.functions.core.sightings.SightingsLogConfig;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daily expiry against the local Rekognition server: exactly this log's expired days go, and only them. */
class ExpireSightingsHandlerTest extends WithColorFaceEngine {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T00:05:00Z"), ZoneOffset.UTC);
    private static final List<String> KEPT_OTHERS = List.of(
            "doors",
            "doorsx-log-20200101",
            "other-log-20200101",
            "doors-log-20200101-copy",
            "doors-log-2020",
            "doors-log-20260230");

    private final ExpireSightingsHandler handler =
            new ExpireSightingsHandler(services.rekognition(), new SightingsLogConfig("doors", 7), CLOCK);

    @Test
    void handleRequest_shouldDeleteOnlyThisLogsDaysOlderThanTheRetention_andBeIdempotent() {
        // GIVEN this log's days (two expired: an old one and the first day out of a week ending today) and others'
        // collections that resemble them
        for (String id :
                List.of("doors-log-20200101", "doors-log-20261130", "doors-log-20261201", "doors-log-20261207")) {
            create(id);
        }
        KEPT_OTHERS.forEach(ExpireSightingsHandlerTest::create);

        // WHEN the schedule fires
        TestContext context = new TestContext();
        Map<String, Object> answer = handler.handleRequest(Map.of("detail-type", "Scheduled Event"), context);

        // THEN the two expired days are gone, everything else is kept
        assertThat(answer)
                .containsEntry("today", "2026-12-07")
                .containsEntry("deleted", List.of("2020-01-01", "2026-11-30"))
                .containsEntry("kept", List.of("2026-12-01", "2026-12-07"));
        assertThat(collections())
                .contains("doors-log-20261201", "doors-log-20261207")
                .containsAll(KEPT_OTHERS)
                .doesNotContain("doors-log-20200101", "doors-log-20261130");
        assertThat(context.lines()).containsExactly("function=expire-sightings outcome=DONE deleted=2 kept=2");

        // AND a second run has nothing to delete
        assertThat(handler.handleRequest(Map.of(), new TestContext())).containsEntry("deleted", List.of());
    }

    @Test
    void handleRequest_shouldCountADayAsDeleted_whenAConcurrentRunDeletedItFirst() {
        // GIVEN an expired day that another run deletes between this run's listing and its deletion
        create("doors-log-20211111");
        services.faults()
                .afterNext(
                        "ListCollections",
                        () -> services.rekognition().deleteCollection(b -> b.collectionId("doors-log-20211111")));

        // WHEN / THEN the run succeeds
        assertThat(handler.handleRequest(Map.of(), new TestContext()))
                .extractingByKey("deleted")
                .asList()
                .contains("2021-11-11");
        assertThat(collections()).doesNotContain("doors-log-20211111");
    }

    private static void create(String collectionId) {
        services.rekognition().createCollection(b -> b.collectionId(collectionId));
    }

    private static List<String> collections() {
        return services.rekognition().listCollectionsPaginator(b -> {}).collectionIds().stream()
                .toList();
    }
}
