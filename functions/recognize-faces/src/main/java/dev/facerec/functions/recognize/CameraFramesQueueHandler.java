package dev.facerec.functions.recognize;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.consent.ConsentSettings;
import dev.facerec.functions.core.handler.SqsS3EventHandler;
import dev.facerec.functions.recognize.camera.CameraFrameService;
import dev.facerec.functions.recognize.camera.CameraSettings;

/**
 * Lambda entry point of the cameras ({@code dev.facerec.functions.recognize.CameraFramesQueueHandler::handleRequest}):
 * the S3 notifications of the frames Kinesis Video Streams image generation delivers, through a queue; the work is
 * {@link CameraFrameService}'s. Same jar as recognition: it reuses its recognition code and event publisher.
 */
public final class CameraFramesQueueHandler extends SqsS3EventHandler {

    /** Used by Lambda: clients and settings from the environment, built once per container. */
    public CameraFramesQueueHandler() {
        this(
                AwsClients.fromEnvironment(),
                FunctionConfig.fromEnvironment(System.getenv()),
                CameraSettings.fromEnvironment(System.getenv()),
                EventPublisher.fromEnvironment(System.getenv()),
                ConsentSettings.fromEnvironment(System.getenv()));
    }

    public CameraFramesQueueHandler(
            AwsClients clients,
            FunctionConfig config,
            CameraSettings settings,
            EventPublisher events,
            ConsentSettings consent) {
        super("camera-frames", new CameraFrameService(clients, config, settings, events, consent)::process);
    }
}
