package dev.facerec.functions.recognize;

import dev.facerec.functions.core.aws.AwsClients;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
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
        EventBridgeClient client = EventBridgeClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(AwsClients.STANDARD_RETRIES)
                .build();
        return new EventPublisher(client, bus, Boolean.parseBoolean(env.get("EVENTS_INCLUDE_NAMES")));
    }

    /** Whether names go into the events. */
    public boolean includeNames() {
        return includeNames;
    }

    /**
     * Sends one event with the given detail (see {@link RecognitionEvent#detail}).
     *
     * @throws IllegalStateException when EventBridge refused the entry (its error code, never the detail)
     */
    public void publish(String detail, String resourceArn) {
        if (client == null) {
            return;
        }
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(RecognitionEvent.SOURCE)
                .detailType(RecognitionEvent.DETAIL_TYPE)
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
