package dev.facerec.twin.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule expression as EventBridge reads it: {@code rate(value unit)} (units minute, hour, day; singular for
 * 1, plural otherwise) or {@code cron(minutes hours day-of-month month day-of-week year)} in UTC.
 */
final class ScheduleExpression {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) ([a-z]+)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");
    private static final Map<String, Duration> UNITS =
            Map.of("minute", Duration.ofMinutes(1), "hour", Duration.ofHours(1), "day", Duration.ofDays(1));

    private final Duration rate;
    private final CronSchedule cron;

    private ScheduleExpression(Duration rate, CronSchedule cron) {
        this.rate = rate;
        this.cron = cron;
    }

    /** Parses an expression, or fails naming the rule and what is wrong. */
    static ScheduleExpression parse(String ruleName, String expression) {
        Matcher rate = RATE.matcher(expression.trim());
        if (rate.matches()) {
            long value = Long.parseLong(rate.group(1));
            String unit = rate.group(2);
            String singular = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
            if (value < 1 || !UNITS.containsKey(singular) || (value == 1) != singular.equals(unit)) {
                throw invalid(
                        ruleName,
                        expression,
                        "a rate is a positive number and minute(s), hour(s) or day(s), "
                                + "singular for 1 and plural otherwise");
            }
            return new ScheduleExpression(UNITS.get(singular).multipliedBy(value), null);
        }
        Matcher cron = CRON.matcher(expression.trim());
        if (cron.matches()) {
            try {
                return new ScheduleExpression(null, CronSchedule.parse(cron.group(1)));
            } catch (IllegalArgumentException e) {
                throw invalid(ruleName, expression, e.getMessage());
            }
        }
        throw invalid(ruleName, expression, "expected rate(value unit) or cron(fields)");
    }

    /** When the schedule fires next after {@code after}, or {@code null} when it never does. */
    Instant next(Instant after) {
        return rate != null ? after.plus(rate) : cron.next(after);
    }

    private static IllegalArgumentException invalid(String ruleName, String expression, String reason) {
        return new IllegalArgumentException(
                "rule " + ruleName + " has an invalid ScheduleExpression '" + expression + "': " + reason);
    }
}
