package dev.facerec.functions.core.sightings;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sightings log's settings, passed by the construct as environment variables to the recognition function and to
 * the sightings functions (see docs/construct.md, "Sightings log"): every face of a recognised photo is indexed into
 * the collection of its UTC day, {@code <prefix>-log-YYYYMMDD}, and a day's collection is kept while the day is one of
 * the {@code retentionDays} most recent UTC days (today included).
 *
 * @param prefix        the collection id prefix ({@value #PREFIX_VARIABLE}; the pipeline's collection id), or
 *                      {@code null} when the log is off
 * @param retentionDays how many UTC days, today included, are kept ({@value #RETENTION_VARIABLE}, 1 to
 *                      {@value #MAX_RETENTION_DAYS}); 0 when the log is off
 */
public record SightingsLogConfig(String prefix, int retentionDays) {

    public static final String PREFIX_VARIABLE = "SIGHTINGS_LOG_PREFIX";
    public static final String RETENTION_VARIABLE = "SIGHTINGS_LOG_RETENTION_DAYS";
    /** The longest retention the construct accepts (see docs/construct.md). */
    public static final int MAX_RETENTION_DAYS = 31;
    /** What separates the prefix from the day in a collection id. */
    public static final String LOG_INFIX = "-log-";
    /** The log is off: nothing is indexed. */
    public static final SightingsLogConfig OFF = new SightingsLogConfig(null, 0);

    private static final Pattern PREFIX = Pattern.compile("[a-zA-Z0-9_.\\-]{1,242}");
    private static final Pattern DAY_DIGITS = Pattern.compile("[0-9]{8}");
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    public SightingsLogConfig {
        if (prefix != null || retentionDays != 0) {
            if (prefix == null || !PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException(PREFIX_VARIABLE + " must match [a-zA-Z0-9_.-]{1,242} (a collection"
                        + " id that leaves room for '-log-YYYYMMDD'), got '" + prefix + "'");
            }
            if (retentionDays < 1 || retentionDays > MAX_RETENTION_DAYS) {
                throw new IllegalArgumentException(RETENTION_VARIABLE + " must be a whole number of days from 1 to "
                        + MAX_RETENTION_DAYS + ", got " + retentionDays);
            }
        }
    }

    /**
     * The settings an environment map describes: {@link #OFF} without {@value #RETENTION_VARIABLE}, otherwise both
     * variables are required.
     */
    public static SightingsLogConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        String retention = env.get(RETENTION_VARIABLE);
        if (retention == null || retention.isBlank()) {
            return OFF;
        }
        int days;
        try {
            days = Integer.parseInt(retention.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    RETENTION_VARIABLE + " must be a whole number of days, got '" + retention + "'", e);
        }
        return new SightingsLogConfig(env.get(PREFIX_VARIABLE), days);
    }

    /** Whether faces are logged. */
    public boolean enabled() {
        return prefix != null;
    }

    /** The UTC day of an instant: the day whose collection a sighting at that instant goes to. */
    public static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The collection of a day: {@code <prefix>-log-YYYYMMDD}. */
    public String collectionId(LocalDate day) {
        requireEnabled();
        return prefix + LOG_INFIX + DAY.format(day);
    }

    /**
     * The day of one of this log's collections; empty for any other collection id (another prefix, another log's
     * collection whose prefix merely starts with this one, anything after the eight digits, an impossible date).
     */
    public Optional<LocalDate> dayOf(String collectionId) {
        requireEnabled();
        String start = prefix + LOG_INFIX;
        if (collectionId == null || !collectionId.startsWith(start)) {
            return Optional.empty();
        }
        String digits = collectionId.substring(start.length());
        if (!DAY_DIGITS.matcher(digits).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(digits, DAY));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The days a search over {@code days} days covers, most recent first: {@code today} and the days before it. */
    public List<LocalDate> recentDays(LocalDate today, int days) {
        requireEnabled();
        if (days < 1 || days > retentionDays) {
            throw new IllegalArgumentException(
                    "days must be a whole number from 1 to the retention, " + retentionDays + ", got " + days);
        }
        List<LocalDate> out = new ArrayList<>(days);
        for (int i = 0; i < days; i++) {
            out.add(today.minusDays(i));
        }
        return out;
    }

    /** Whether a day's collection has outlived the retention: it is not one of the kept days ending {@code today}. */
    public boolean isExpired(LocalDate day, LocalDate today) {
        requireEnabled();
        return !day.isAfter(today.minusDays(retentionDays));
    }

    /** When a day leaves the kept days (epoch seconds): the TTL of its rows. */
    public long expiresAt(LocalDate day) {
        requireEnabled();
        return day.plusDays(retentionDays).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    private void requireEnabled() {
        if (!enabled()) {
            throw new IllegalStateException("the sightings log is off");
        }
    }
}
