package dev.facerec.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;

/**
 * Props of {@link FaceCameras}: the pipeline whose collection and table the cameras use, the cameras, and how their
 * video becomes frames (Kinesis Video Streams image generation) and frames become sightings.
 */
public final class FaceCamerasProps {

    /** Default of {@link #getFramesPrefix()}. */
    public static final String DEFAULT_FRAMES_PREFIX = "frames/";
    /** The shortest sampling interval image generation accepts (API reference, ImageGenerationConfiguration). */
    public static final int MIN_SAMPLING_INTERVAL_MILLIS = 200;

    private final FaceRecognition faces;
    private final List<String> cameras;
    private final Duration videoRetention;
    private final IKey encryptionKey;
    private final String framesPrefix;
    private final Duration samplingInterval;
    private final Number widthPixels;
    private final Number heightPixels;
    private final Number jpegQuality;
    private final Duration frameRetention;
    private final Duration sightingGap;
    private final Duration sightingRetention;
    private final Number maxConcurrency;
    private final Number trackMatchThreshold;

    private FaceCamerasProps(Builder b) {
        this.faces = b.faces;
        this.cameras = b.cameras == null ? null : List.copyOf(b.cameras);
        this.videoRetention = b.videoRetention;
        this.encryptionKey = b.encryptionKey;
        this.framesPrefix = b.framesPrefix;
        this.samplingInterval = b.samplingInterval;
        this.widthPixels = b.widthPixels;
        this.heightPixels = b.heightPixels;
        this.jpegQuality = b.jpegQuality;
        this.frameRetention = b.frameRetention;
        this.sightingGap = b.sightingGap;
        this.sightingRetention = b.sightingRetention;
        this.maxConcurrency = b.maxConcurrency;
        this.trackMatchThreshold = b.trackMatchThreshold;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The pipeline (required): its bucket receives the frames, its collection and table identify and record. */
    public FaceRecognition getFaces() {
        return faces;
    }

    /**
     * The cameras (required, 1 to 50): each is a Kinesis video stream of that name ({@code [a-zA-Z0-9_.-]}, 1–256),
     * unique in the account and region.
     */
    public List<String> getCameras() {
        return cameras;
    }

    /**
     * How long each stream keeps its video (whole hours). Image generation needs stored fragments.
     *
     * @default Duration.hours(24)
     */
    public Duration getVideoRetention() {
        return videoRetention;
    }

    /**
     * The key that encrypts the streams' video at rest.
     *
     * @default - the AWS managed key {@code alias/aws/kinesisvideo}
     */
    public IKey getEncryptionKey() {
        return encryptionKey;
    }

    /**
     * The key prefix image generation delivers frames under; must not overlap the pipeline's other prefixes.
     *
     * @default "frames/"
     */
    public String getFramesPrefix() {
        return framesPrefix;
    }

    /**
     * How often image generation takes a frame of a tagged fragment; at least 200 ms.
     *
     * @default Duration.millis(500) (2 frames per second)
     */
    public Duration getSamplingInterval() {
        return samplingInterval;
    }

    /**
     * Width of the frames, 1–3840 (with only a height, the aspect ratio is kept).
     *
     * @default 1280
     */
    public Number getWidthPixels() {
        return widthPixels;
    }

    /**
     * Height of the frames, 1–2160.
     *
     * @default 720
     */
    public Number getHeightPixels() {
        return heightPixels;
    }

    /**
     * JPEG quality of the frames, 1–100.
     *
     * @default 80
     */
    public Number getJpegQuality() {
        return jpegQuality;
    }

    /**
     * How long frames stay in the bucket (whole days; a lifecycle rule on the frames prefix). Sightings keep their
     * own retention and name the best frame's key, which is gone after this.
     *
     * @default Duration.days(1)
     */
    public Duration getFrameRetention() {
        return frameRetention;
    }

    /**
     * The longest a person may be out of view (or unrecognised) and still be in the same sighting.
     *
     * @default Duration.seconds(10)
     */
    public Duration getSightingGap() {
        return sightingGap;
    }

    /**
     * How long a sighting row lives after its last frame (DynamoDB TTL, whole days).
     *
     * @default Duration.days(30)
     */
    public Duration getSightingRetention() {
        return sightingRetention;
    }

    /**
     * Invocations of the frames function at once (the event source mapping's MaximumConcurrency, at least 2): each
     * frame with faces makes 1 + faces Rekognition calls, so about TPS quota ÷ (1 + faces per frame).
     *
     * @default 2
     */
    public Number getMaxConcurrency() {
        return maxConcurrency;
    }

    /**
     * The similarity (percent; at or above the pipeline's {@code faceMatchThreshold} it changes nothing) from which a face that is not named
     * may still continue the open sighting of the person it resembles on that camera (an enrolled person turned away
     * or blurred for a frame). It never names anyone nor starts a sighting. Rekognition's own default match
     * threshold (80): below it, strangers resemble enrolled people too often (60 % was measured for one).
     *
     * @default 80
     */
    public Number getTrackMatchThreshold() {
        return trackMatchThreshold;
    }

    /** Builds {@link FaceCamerasProps}. */
    public static final class Builder {
        private FaceRecognition faces;
        private List<String> cameras;
        private Duration videoRetention;
        private IKey encryptionKey;
        private String framesPrefix;
        private Duration samplingInterval;
        private Number widthPixels;
        private Number heightPixels;
        private Number jpegQuality;
        private Duration frameRetention;
        private Duration sightingGap;
        private Duration sightingRetention;
        private Number maxConcurrency;
        private Number trackMatchThreshold;

        private Builder() {}

        public Builder faces(FaceRecognition value) {
            this.faces = value;
            return this;
        }

        public Builder cameras(List<String> value) {
            this.cameras = value;
            return this;
        }

        public Builder videoRetention(Duration value) {
            this.videoRetention = value;
            return this;
        }

        public Builder encryptionKey(IKey value) {
            this.encryptionKey = value;
            return this;
        }

        public Builder framesPrefix(String value) {
            this.framesPrefix = value;
            return this;
        }

        public Builder samplingInterval(Duration value) {
            this.samplingInterval = value;
            return this;
        }

        public Builder widthPixels(Number value) {
            this.widthPixels = value;
            return this;
        }

        public Builder heightPixels(Number value) {
            this.heightPixels = value;
            return this;
        }

        public Builder jpegQuality(Number value) {
            this.jpegQuality = value;
            return this;
        }

        public Builder frameRetention(Duration value) {
            this.frameRetention = value;
            return this;
        }

        public Builder sightingGap(Duration value) {
            this.sightingGap = value;
            return this;
        }

        public Builder sightingRetention(Duration value) {
            this.sightingRetention = value;
            return this;
        }

        public Builder maxConcurrency(Number value) {
            this.maxConcurrency = value;
            return this;
        }

        public Builder trackMatchThreshold(Number value) {
            this.trackMatchThreshold = value;
            return this;
        }

        public FaceCamerasProps build() {
            return new FaceCamerasProps(this);
        }
    }
}
