package dev.facerec.functions.recognize;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.recognition.RecognizedFace;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes the {@link RecognitionEvent} of a recognised photo to the bus named by {@code EVENT_BUS_NAME} (a name or
 * an ARN, set by the construct), with names only when {@code EVENTS_INCLUDE_NAMES} is {@code true}. Without
 * {@code EVENT_BUS_NAME} nothing is published. A failed entry throws, so that Lambda retries the photo.
 */
public final class EventPublisher {

    /** Publishes nothing. */
    public static final EventPublisher NONE = new EventPublisher(null, null, false);

    private final EventBridgeClient client;
    private final String busName;
    private final boolean includeNames;

    public EventPublisher(EventBridgeClient client, String busName, boolean includeNames) {
        this.client = client;
        this.busName = busName;
        this.includeNames = includeNames;
    }

    /** The publisher the environment describes: a client configured the ordinary way, or {@link #NONE}. */
    public static EventPublisher fromEnvironment(Map<String, String> env) {
        String bus = env.get("EVENT_BUS_NAME");
        if (bus == null || bus.isBlank()) {
            return NONE;
        }
        EventBridgeClient client = AwsClients.configured(EventBridgeClient.builder());
        return new EventPublisher(client, bus, Boolean.parseBoolean(env.get("EVENTS_INCLUDE_NAMES")));
    }

    /**
     * Sends the event of a recognised photo (see {@link RecognitionEvent#detail}); builds nothing when events are off.
     *
     * @throws IllegalStateException when EventBridge refused the entry (its error code, never the detail)
     */
    public void publish(S3ObjectEvent source, String resultKey, Instant processedAt, List<RecognizedFace> faces) {
        if (client == null) {
            return;
        }
        String detail = RecognitionEvent.detail(source, resultKey, processedAt, faces, includeNames);
        send(RecognitionEvent.DETAIL_TYPE, detail, "arn:aws:s3:::" + source.bucket() + "/" + source.key());
    }

    /** Whether names may go into events ({@code EVENTS_INCLUDE_NAMES}). */
    public boolean includeNames() {
        return includeNames;
    }

    /**
     * Sends one event of source {@value RecognitionEvent#SOURCE}; nothing when events are off.
     *
     * @throws IllegalStateException when EventBridge refused the entry (its error code, never the detail)
     */
    public void send(String detailType, String detail, String resourceArn) {
        if (client == null) {
            return;
        }
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(RecognitionEvent.SOURCE)
                .detailType(detailType)
                .detail(detail)
                .resources(resourceArn)
                .build();
        PutEventsResponse response = client.putEvents(b -> b.entries(entry));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            PutEventsResultEntry failed = response.entries().get(0);
            throw new IllegalStateException(
                    "EventBridge refused the event: " + failed.errorCode() + " " + failed.errorMessage());
        }
    }
}
