package dev.facerec.twin.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * EventBridge's six-field cron ({@code minutes hours day-of-month month day-of-week year}, UTC) with the wildcards
 * {@code , - * ? /}, month names JAN-DEC and day names SUN-SAT (1 = Sunday). One of day-of-month and day-of-week
 * must be {@code ?}. The {@code L}, {@code W} and {@code #} wildcards are refused: the twin does not emulate them.
 */
final class CronSchedule {

    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final int LAST_YEAR = 2199;

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final BitSet years;

    private CronSchedule(String[] fields) {
        minutes = field("minutes", fields[0], 0, 59, List.of());
        hours = field("hours", fields[1], 0, 23, List.of());
        daysOfMonth = "?".equals(fields[2]) ? null : field("day-of-month", fields[2], 1, 31, List.of());
        months = field("month", fields[3], 1, 12, MONTHS);
        daysOfWeek = "?".equals(fields[4]) ? null : field("day-of-week", fields[4], 1, 7, DAYS);
        years = field("year", fields[5], 1970, LAST_YEAR, List.of());
    }

    static CronSchedule parse(String text) {
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 6) {
            throw new IllegalArgumentException("a cron expression has 6 fields, this one has " + fields.length);
        }
        if ("?".equals(fields[2]) == "?".equals(fields[4])) {
            throw new IllegalArgumentException("exactly one of day-of-month and day-of-week must be ?");
        }
        return new CronSchedule(fields);
    }

    /** The first minute after {@code after} that the expression matches, or {@code null} after year 2199. */
    Instant next(Instant after) {
        LocalDateTime time = LocalDateTime.ofInstant(after, ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1);
        while (time.getYear() <= LAST_YEAR) {
            if (!years.get(time.getYear()) || !months.get(time.getMonthValue()) || !dayMatches(time)) {
                time = time.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(time.getHour())) {
                time = time.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(time.getMinute())) {
                time = time.plusMinutes(1);
            } else {
                return time.toInstant(ZoneOffset.UTC);
            }
        }
        return null;
    }

    private boolean dayMatches(LocalDateTime time) {
        if (daysOfMonth != null) {
            return daysOfMonth.get(time.getDayOfMonth());
        }
        return daysOfWeek.get(time.getDayOfWeek().getValue() % 7 + 1);
    }

    private static BitSet field(String name, String text, int min, int max, List<String> names) {
        BitSet values = new BitSet();
        for (String part : text.split(",")) {
            String upper = part.toUpperCase(Locale.ROOT);
            boolean named = names.stream().anyMatch(upper::contains);
            if (upper.contains("#") || (!named && upper.matches(".*[LW].*"))) {
                throw new IllegalArgumentException(
                        "the " + name + " field uses " + part + ": the twin does not emulate the L, W and # wildcards");
            }
            String[] stepped = part.split("/", 2);
            int step = stepped.length == 2 ? number(name, stepped[1], 1, max, List.of()) : 1;
            int from;
            int to;
            if ("*".equals(stepped[0])) {
                from = min;
                to = max;
            } else if (stepped[0].contains("-")) {
                String[] range = stepped[0].split("-", 2);
                from = number(name, range[0], min, max, names);
                to = number(name, range[1], min, max, names);
            } else {
                from = number(name, stepped[0], min, max, names);
                to = stepped.length == 2 ? max : from;
            }
            if (from > to) {
                throw new IllegalArgumentException("the " + name + " field has the empty range " + part);
            }
            for (int value = from; value <= to; value += step) {
                values.set(value);
            }
        }
        return values;
    }

    private static int number(String name, String text, int min, int max, List<String> names) {
        int index = names.indexOf(text.toUpperCase(Locale.ROOT));
        int value;
        if (index >= 0) {
            value = index + min;
        } else {
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the " + name + " field has " + text + ", not a number");
            }
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("the " + name + " field has " + value + ", outside " + min + "-" + max);
        }
        return value;
    }
}
