package dev.facerec.twin.events;

import com.sun.net.httpserver.HttpServer;
import dev.facerec.engine.http.LoopbackHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The twin's EventBridge endpoint: an HTTP server on 127.0.0.1 in front of an {@link EventsService}, so that the
 * AWS SDK's {@code EventBridgeClient} pointed at {@link #endpoint()} ({@code AWS_ENDPOINT_URL_EVENTBRIDGE}) works
 * unchanged.
 */
public final class EventBridgeServer implements AutoCloseable {

    private final HttpServer http;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "eventbridge-http");
        thread.setDaemon(true);
        return thread;
    });

    private EventBridgeServer(int port) throws IOException {
        http = LoopbackHttpServer.create(port, 64);
        http.setExecutor(executor);
    }

    /**
     * Takes a port (0: a free one) without answering yet, so that the endpoint can be given to the functions that the
     * service delivers to before the service exists.
     */
    public static EventBridgeServer bind(int port) {
        try {
            return new EventBridgeServer(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the EventBridge server", e);
        }
    }

    /** Starts answering for the service. */
    public EventBridgeServer serve(EventsService service) {
        http.createContext("/", new EventBridgeHttpHandler(service));
        http.start();
        return this;
    }

    /** The URL for {@code AWS_ENDPOINT_URL_EVENTBRIDGE} and {@code endpointOverride}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** The URL that fires a scheduled rule now: POST {@code {"Rule": name or ARN}}. */
    public static URI runScheduleUri(URI endpoint) {
        return endpoint.resolve(EventBridgeHttpHandler.RUN_SCHEDULE_PATH);
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
