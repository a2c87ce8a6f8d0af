package dev.facerec.infra;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.TimeConversionOptions;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.kms.IKey;

/** {@link FaceCamerasProps} with every default applied and every rule checked (all problems in one error). */
record ResolvedCameras(
        FaceRecognition faces,
        List<String> cameras,
        int videoRetentionHours,
        IKey encryptionKey,
        String framesPrefix,
        int samplingIntervalMillis,
        Number widthPixels,
        Number heightPixels,
        Number jpegQuality,
        int frameRetentionDays,
        int sightingGapSeconds,
        int sightingRetentionDays,
        Number maxConcurrency,
        Number trackMatchThreshold) {

    /** A Kinesis video stream name (API reference, CreateStream). */
    static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.\\-]{1,256}");

    static final int MAX_CAMERAS = 50;

    static ResolvedCameras resolve(FaceCamerasProps props, String path) {
        List<String> problems = new ArrayList<>();
        if (props == null) {
            throw InvalidProps.of("FaceCamerasProps", path, List.of("props are required: faces and cameras"));
        }
        FaceRecognition faces = props.getFaces();
        if (faces == null) {
            problems.add("faces is required: the FaceRecognition whose collection identifies the people seen");
        } else if (faces.settings().perTenant()) {
            problems.add("cameras need a pipeline with one shared collection, not collectionStrategy PER_TENANT");
        }
        List<String> cameras = props.getCameras() == null ? List.of() : props.getCameras();
        if (cameras.isEmpty() || cameras.size() > MAX_CAMERAS) {
            problems.add("cameras must name 1 to " + MAX_CAMERAS + " cameras, got " + cameras.size());
        }
        for (String camera : cameras) {
            if (camera == null
                    || !Token.isUnresolved(camera)
                            && !STREAM_NAME.matcher(camera).matches()) {
                problems.add("a camera name is a stream name of 1-256 characters of a-z, A-Z, 0-9, '_', '.' or '-',"
                        + " got '" + camera + "'");
            }
        }
        if (new HashSet<>(cameras).size() != cameras.size()) {
            problems.add("camera names must be unique, got " + cameras);
        }
        String framesPrefix = or(props.getFramesPrefix(), FaceCamerasProps.DEFAULT_FRAMES_PREFIX);
        ResolvedProps.checkPrefix("framesPrefix", framesPrefix, problems);
        if (faces != null) {
            Map.of(
                            "enrollPrefix", faces.getEnrollPrefix(),
                            "recognizePrefix", faces.getRecognizePrefix(),
                            "resultsPrefix", faces.getResultsPrefix())
                    .forEach((name, other) -> {
                        if (ResolvedProps.overlap(framesPrefix, other)) {
                            problems.add("framesPrefix '" + framesPrefix + "' overlaps " + name + " '" + other
                                    + "': frames must reach the frames function only");
                        }
                    });
        }
        Duration sampling = or(props.getSamplingInterval(), Duration.millis(500));
        int samplingMillis = millis(sampling);
        if (samplingMillis < FaceCamerasProps.MIN_SAMPLING_INTERVAL_MILLIS) {
            problems.add("samplingInterval must be at least " + FaceCamerasProps.MIN_SAMPLING_INTERVAL_MILLIS
                    + " ms (Kinesis Video Streams' least), got " + samplingMillis + " ms");
        }
        Duration videoRetention = or(props.getVideoRetention(), Duration.hours(24));
        int videoHours = videoRetention
                .toHours(TimeConversionOptions.builder().integral(false).build())
                .intValue();
        if (videoHours < 1 || videoRetention.toMinutes().intValue() != videoHours * 60) {
            problems.add("videoRetention must be a whole number of hours, at least 1 (image generation reads stored"
                    + " fragments), got " + videoRetention.toHumanString());
        }
        Number width = or(props.getWidthPixels(), 1280);
        Number height = or(props.getHeightPixels(), 720);
        Number quality = or(props.getJpegQuality(), 80);
        ResolvedProps.checkWhole("widthPixels", width, 1, 3840, problems);
        ResolvedProps.checkWhole("heightPixels", height, 1, 2160, problems);
        ResolvedProps.checkWhole("jpegQuality", quality, 1, 100, problems);
        Duration frameRetention = or(props.getFrameRetention(), Duration.days(1));
        ResolvedProps.checkWholeDays("frameRetention", frameRetention, 1, 365, problems);
        Duration sightingRetention = or(props.getSightingRetention(), Duration.days(30));
        ResolvedProps.checkWholeDays("sightingRetention", sightingRetention, 1, 3650, problems);
        Duration gap = or(props.getSightingGap(), Duration.seconds(10));
        int gapSeconds = gap.toSeconds().intValue();
        if (gapSeconds < 1 || gapSeconds > 3600) {
            problems.add("sightingGap must be from 1 second to 1 hour, got " + gap.toHumanString());
        }
        Number maxConcurrency = or(props.getMaxConcurrency(), ResolvedProps.MIN_MAX_CONCURRENCY);
        ResolvedProps.checkWhole("maxConcurrency", maxConcurrency, ResolvedProps.MIN_MAX_CONCURRENCY, 1000, problems);
        Number trackThreshold = or(props.getTrackMatchThreshold(), 80);
        ResolvedProps.checkWhole("trackMatchThreshold", trackThreshold, 0, 100, problems);
        if (!problems.isEmpty()) {
            throw InvalidProps.of("FaceCamerasProps", path, problems);
        }
        return new ResolvedCameras(
                faces,
                List.copyOf(cameras),
                videoHours,
                props.getEncryptionKey(),
                framesPrefix,
                samplingMillis,
                width,
                height,
                quality,
                frameRetention.toDays().intValue(),
                gapSeconds,
                sightingRetention.toDays().intValue(),
                maxConcurrency,
                trackThreshold);
    }

    private static int millis(Duration duration) {
        return duration.toMilliseconds(
                        TimeConversionOptions.builder().integral(false).build())
                .intValue();
    }

    private static <T> T or(T value, T fallback) {
        return Objects.requireNonNullElse(value, fallback);
    }
}
