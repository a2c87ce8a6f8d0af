package dev.facerec.twin.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {

    private static final Instant WEDNESDAY_NOON = Instant.parse("2026-12-09T12:00:00Z");

    @Test
    void next_shouldAddTheRate_whenTheExpressionIsARate() {
        // WHEN / THEN
        assertThat(ScheduleExpression.parse("r", "rate(5 minutes)").next(WEDNESDAY_NOON))
                .isEqualTo(Instant.parse("2026-12-09T12:05:00Z"));
        assertThat(ScheduleExpression.parse("r", "rate(1 day)").next(WEDNESDAY_NOON))
                .isEqualTo(Instant.parse("2026-12-10T12:00:00Z"));
    }

    @Test
    void next_shouldBeTomorrowAtThree_whenTheCronIsDailyAtThree() {
        // WHEN / THEN
        assertThat(ScheduleExpression.parse("r", "cron(0 3 * * ? *)").next(WEDNESDAY_NOON))
                .isEqualTo(Instant.parse("2026-12-10T03:00:00Z"));
    }

    @Test
    void next_shouldSkipTheWeekend_whenTheCronNamesWeekdays() {
        // GIVEN Friday 23:50
        Instant fridayNight = Instant.parse("2026-12-11T23:50:00Z");

        // WHEN / THEN every 15 minutes from 8 to 9 on MON-FRI: next is Monday 08:00
        assertThat(ScheduleExpression.parse("r", "cron(0/15 8 ? * MON-FRI *)").next(fridayNight))
                .isEqualTo(Instant.parse("2026-12-14T08:00:00Z"));
        assertThat(ScheduleExpression.parse("r", "cron(0/15 8 ? * 2-6 *)").next(Instant.parse("2026-12-14T08:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-14T08:15:00Z"));
    }

    @Test
    void next_shouldBeNull_whenTheYearsArePast() {
        // WHEN / THEN
        assertThat(ScheduleExpression.parse("r", "cron(0 0 1 JAN ? 2020)").next(WEDNESDAY_NOON))
                .isNull();
    }

    @Test
    @DisplayName("fails if a rate's unit does not agree with its value, naming the rule")
    void parse_shouldFail_whenTheRateUnitIsWrong() {
        // WHEN / THEN
        assertThatThrownBy(() -> ScheduleExpression.parse("cleanup", "rate(1 days)"))
                .hasMessageStartingWith("rule cleanup has an invalid ScheduleExpression 'rate(1 days)'");
        assertThatThrownBy(() -> ScheduleExpression.parse("cleanup", "rate(5 minute)"))
                .hasMessageContaining("singular for 1 and plural otherwise");
    }

    @Test
    @DisplayName("fails if a cron sets both days or uses a wildcard the twin does not emulate")
    void parse_shouldFail_whenTheCronIsInvalidOrUnsupported() {
        // WHEN / THEN
        assertThatThrownBy(() -> ScheduleExpression.parse("c", "cron(0 3 * * * *)"))
                .hasMessageContaining("exactly one of day-of-month and day-of-week must be ?");
        assertThatThrownBy(() -> ScheduleExpression.parse("c", "cron(0 3 L * ? *)"))
                .hasMessageContaining("does not emulate the L, W and # wildcards");
        assertThatThrownBy(() -> ScheduleExpression.parse("c", "cron(0 24 * * ? *)"))
                .hasMessageContaining("the hours field has 24, outside 0-23");
        assertThatThrownBy(() -> ScheduleExpression.parse("c", "cron(0 3 * * ?)"))
                .hasMessageContaining("6 fields");
    }
}
