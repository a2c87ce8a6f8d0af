package dev.facerec.infra;

import software.amazon.awscdk.Duration;

/**
 * The sightings log of {@link FaceRecognition} ({@link FaceRecognitionProps#getSightingsLog()}): every face seen in
 * a recognised photo, known or not, is indexed into the Rekognition collection of the photo's UTC day
 * ({@code <collectionId>-log-YYYYMMDD}) with a row saying where and when; a daily schedule deletes the collections of
 * days older than the {@link #getRetention() retention}; a function answers "where was this face seen" over the
 * kept days (see docs/construct.md, "Sightings log").
 *
 * <p><b>Privacy cost.</b> With the log on, the face vector of <em>every</em> person in every recognised photo —
 * passers-by who never enrolled, never consented and are not on any list — is stored for up to the retention, and
 * anyone who may invoke the search function can find out where and when a face was seen from a single photo of it.
 * That is the processing of biometric data to identify people (GDPR Art. 9), of people who cannot be asked first:
 * it needs its own legal basis (the consent that covers enrolment does not cover strangers), a data protection
 * impact assessment, notices at the places photographed, a published retention (Illinois BIPA requires one and
 * written consent), and restricted access to the search function. Erasing a person (deleting their enrolment
 * photos) does not reach the log: their sightings stay until their days expire. Keep the retention as short as the
 * purpose allows. Off unless set.
 */
public final class SightingsLogOptions {

    /** The longest {@link #getRetention()}, in days. */
    public static final int MAX_RETENTION_DAYS = 31;
    /** Default of {@link #getSearchPrefix()}. */
    public static final String DEFAULT_SEARCH_PREFIX = "sightings-search/";

    private final Duration retention;
    private final String searchPrefix;

    private SightingsLogOptions(Builder builder) {
        this.retention = builder.retention;
        this.searchPrefix = builder.searchPrefix;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * How many UTC days of sightings are kept, today included: required, whole days from 1 to
     * {@value #MAX_RETENTION_DAYS}. A day's collection is deleted by the first daily run (00:05 UTC) after it has
     * left the retention, so a face is kept at most the retention plus a few minutes; its rows expire by DynamoDB TTL
     * at the same moment (TTL deletes within days; the search never reads rows of days it does not search). The cap
     * is a month: the log records strangers, whose sightings should be short-lived, and a search makes one
     * SearchFacesByImage call per day searched, so 31 days are 31 calls (about 6 s at Rekognition's default 5 TPS).
     */
    public Duration getRetention() {
        return retention;
    }

    /**
     * The key prefix of the bucket that search images named by key must be under; the search function may read
     * nothing else. It must not overlap the enrol, recognise or results prefixes: a search image must trigger no
     * function (it would be logged as a sighting). Delete search images once searched.
     *
     * @default "sightings-search/"
     */
    public String getSearchPrefix() {
        return searchPrefix;
    }

    /** Builds {@link SightingsLogOptions}. */
    public static final class Builder {
        private Duration retention;
        private String searchPrefix;

        private Builder() {}

        /** @see SightingsLogOptions#getRetention() */
        public Builder retention(Duration value) {
            this.retention = value;
            return this;
        }

        /** @see SightingsLogOptions#getSearchPrefix() */
        public Builder searchPrefix(String value) {
            this.searchPrefix = value;
            return this;
        }

        public SightingsLogOptions build() {
            return new SightingsLogOptions(this);
        }
    }
}
