package dev.facerec.functions.core.sightings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SightingsLogConfigTest {

    private static final SightingsLogConfig WEEK = new SightingsLogConfig("doors", 7);
    private static final LocalDate TODAY = LocalDate.parse("2026-12-07");

    @Test
    void fromEnvironment_shouldBeOff_whenNoRetentionIsSet() {
        assertThat(SightingsLogConfig.fromEnvironment(Map.of(SightingsLogConfig.PREFIX_VARIABLE, "doors")))
                .isEqualTo(SightingsLogConfig.OFF);
        assertThat(SightingsLogConfig.OFF.enabled()).isFalse();
    }

    @Test
    void fromEnvironment_shouldReadBothVariables() {
        SightingsLogConfig config = SightingsLogConfig.fromEnvironment(
                Map.of(SightingsLogConfig.PREFIX_VARIABLE, "doors", SightingsLogConfig.RETENTION_VARIABLE, " 7 "));

        assertThat(config).isEqualTo(WEEK);
        assertThat(config.enabled()).isTrue();
    }

    @Test
    void fromEnvironment_shouldRefuseBadValues_namingTheVariable() {
        assertThatThrownBy(() -> SightingsLogConfig.fromEnvironment(Map.of(SightingsLogConfig.RETENTION_VARIABLE, "7")))
                .hasMessageContaining(SightingsLogConfig.PREFIX_VARIABLE);
        assertThatThrownBy(() -> SightingsLogConfig.fromEnvironment(Map.of(
                        SightingsLogConfig.PREFIX_VARIABLE, "doors", SightingsLogConfig.RETENTION_VARIABLE, "a week")))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> new SightingsLogConfig("doors", 32)).hasMessageContaining("from 1 to 31, got 32");
        assertThatThrownBy(() -> new SightingsLogConfig("doors", 0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> new SightingsLogConfig("x".repeat(243), 7)).hasMessageContaining("242");
    }

    @Test
    void collectionId_shouldNameTheUtcDayOfTheSighting() {
        // 23:30 in New York on 6 December is 04:30 UTC on 7 December
        LocalDate day = SightingsLogConfig.dayOf(Instant.parse("2026-12-07T04:30:00Z"));

        assertThat(WEEK.collectionId(day)).isEqualTo("doors-log-20261207");
    }

    @Test
    void dayOf_shouldRecogniseOnlyThisLogsCollections() {
        assertThat(WEEK.dayOf("doors-log-20261207")).contains(TODAY);
        assertThat(WEEK.dayOf("doors")).isEmpty();
        assertThat(WEEK.dayOf("doorsx-log-20261207")).isEmpty();
        assertThat(WEEK.dayOf("doors-log-2026120")).isEmpty();
        assertThat(WEEK.dayOf("doors-log-20261207-copy")).isEmpty();
        assertThat(WEEK.dayOf("doors-log-20261207-log-20261207")).isEmpty();
        assertThat(WEEK.dayOf("doors-log-20260230")).isEmpty();
        assertThat(WEEK.dayOf("other-log-20261207")).isEmpty();
    }

    @Test
    void isExpired_shouldKeepTheRetentionsMostRecentDays_todayIncluded() {
        assertThat(WEEK.isExpired(TODAY, TODAY)).isFalse();
        assertThat(WEEK.isExpired(TODAY.minusDays(6), TODAY)).isFalse();
        assertThat(WEEK.isExpired(TODAY.minusDays(7), TODAY)).isTrue();
        assertThat(WEEK.isExpired(LocalDate.parse("2020-01-01"), TODAY)).isTrue();
        assertThat(WEEK.isExpired(TODAY.plusDays(1), TODAY)).isFalse();
    }

    @Test
    void expiresAt_shouldBeTheStartOfTheFirstDayAfterTheRetention() {
        assertThat(WEEK.expiresAt(TODAY))
                .isEqualTo(Instant.parse("2026-12-14T00:00:00Z").getEpochSecond());
        assertThat(WEEK.isExpired(TODAY, TODAY.plusDays(7))).isTrue();
        assertThat(WEEK.isExpired(TODAY, TODAY.plusDays(6))).isFalse();
    }

    @Test
    void recentDays_shouldStartToday_andRefuseMoreThanTheRetention() {
        assertThat(WEEK.recentDays(TODAY, 3)).containsExactly(TODAY, TODAY.minusDays(1), TODAY.minusDays(2));
        assertThatThrownBy(() -> WEEK.recentDays(TODAY, 8)).hasMessageContaining("from 1 to the retention, 7");
        assertThatThrownBy(() -> WEEK.recentDays(TODAY, 0)).hasMessageContaining("got 0");
    }
}
