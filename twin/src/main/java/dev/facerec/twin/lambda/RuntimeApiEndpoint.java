package dev.facerec.twin.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.facerec.engine.http.LoopbackHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (version 2018-06-01) for one execution environment, as the sandbox offers it at
 * {@code AWS_LAMBDA_RUNTIME_API}: {@code GET /runtime/invocation/next} long-polls for the next invocation,
 * {@code POST /runtime/invocation/{id}/response} and {@code /error} answer it, {@code POST /runtime/init/error}
 * reports a failed start. Under SnapStart the runtime, once initialised and its {@code beforeCheckpoint} hooks run,
 * asks {@code GET /runtime/restore/next}, which answers when the environment is "restored" ({@link #restore()}); a
 * failed {@code afterRestore} hook is reported to {@code POST /runtime/restore/error}.
 */
final class RuntimeApiEndpoint implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Pattern ANSWER = Pattern.compile("invocation/([^/]+)/(response|error)");

    private static final long POLL_MILLIS = 200;

    private final HttpServer server;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<byte[]> initError = new CompletableFuture<>();
    private final CompletableFuture<Void> checkpointReached = new CompletableFuture<>();
    private final CompletableFuture<Void> restored = new CompletableFuture<>();
    private volatile boolean closed;

    RuntimeApiEndpoint(ExecutorService executor) {
        try {
            server = LoopbackHttpServer.create(0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a Lambda Runtime API endpoint", e);
        }
        server.createContext(PREFIX, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    void submit(Invocation invocation) {
        inFlight.put(invocation.requestId(), invocation);
        pending.add(invocation);
    }

    /**
     * Completes with the error document the runtime posted to {@code /runtime/init/error} (or, after a restore, to
     * {@code /runtime/restore/error}).
     */
    CompletableFuture<byte[]> initError() {
        return initError;
    }

    /** Completes when the runtime asks {@code /runtime/restore/next}: its init and checkpoint hooks are done. */
    CompletableFuture<Void> checkpointReached() {
        return checkpointReached;
    }

    /** Answers the runtime's {@code /runtime/restore/next}: it runs its {@code afterRestore} hooks, then polls. */
    void restore() {
        restored.complete(null);
    }

    @Override
    public void close() {
        closed = true;
        restored.cancel(false);
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if ("GET".equals(method) && "invocation/next".equals(path)) {
                next(exchange);
                return;
            }
            if ("GET".equals(method) && "restore/next".equals(path)) {
                restoreNext(exchange);
                return;
            }
            Matcher answer = ANSWER.matcher(path);
            if ("POST".equals(method) && answer.matches()) {
                answer(exchange, answer.group(1), "error".equals(answer.group(2)));
            } else if ("POST".equals(method) && ("init/error".equals(path) || "restore/error".equals(path))) {
                initError.complete(readBody(exchange));
                accepted(exchange);
            } else {
                respond(exchange, 404, "{\"errorType\":\"NotFound\",\"errorMessage\":\"unknown Runtime API path\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation = awaitInvocation();
        if (invocation == null) {
            respond(exchange, 500, "{\"errorType\":\"ServiceException\",\"errorMessage\":\"shutting down\"}");
            return;
        }
        long deadline = invocation.pickUp();
        var headers = exchange.getResponseHeaders();
        headers.add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", invocation.functionArn());
        headers.add(
                "Lambda-Runtime-Trace-Id",
                "Root=1-00000000-" + invocation.requestId().replace("-", "").substring(0, 24)
                        + ";Parent=0000000000000000;Sampled=0");
        headers.add("Content-Type", "application/json");
        byte[] body = invocation.payload();
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void restoreNext(HttpExchange exchange) throws IOException {
        checkpointReached.complete(null);
        try {
            restored.join();
        } catch (CancellationException | CompletionException e) {
            respond(exchange, 500, "{\"errorType\":\"ServiceException\",\"errorMessage\":\"shutting down\"}");
            return;
        }
        exchange.sendResponseHeaders(200, -1);
    }

    private Invocation awaitInvocation() {
        try {
            Invocation invocation = null;
            while (invocation == null && !closed) {
                invocation = pending.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
            return invocation;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void answer(HttpExchange exchange, String requestId, boolean error) throws IOException {
        Invocation invocation = inFlight.remove(requestId);
        byte[] body = readBody(exchange);
        if (invocation == null) {
            respond(exchange, 400, "{\"errorType\":\"InvalidRequestID\",\"errorMessage\":\"unknown request id\"}");
            return;
        }
        invocation.complete(
                error
                        ? new InvocationResult(requestId, body, InvocationResult.UNHANDLED)
                        : InvocationResult.success(requestId, body));
        accepted(exchange);
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        respond(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
