package dev.facerec.functions.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local HTTP endpoint that speaks Amazon Rekognition's JSON 1.1 wire protocol ({@code POST /},
 * {@code X-Amz-Target: RekognitionService.<Operation>}, {@code application/x-amz-json-1.1}), for pointing a real
 * {@code RekognitionClient} at with {@code endpointOverride}. Each operation answers through a responder that
 * computes the reply from the request (see {@link ColorFaceRekognition} for a whole collection); faults are injected
 * per operation with {@link #failNext}. Every request is recorded.
 *
 * <p>Kept after the real local engine exists: it injects faults (throttling, 5xx, invalid parameters) that a real
 * engine cannot be made to produce.
 */
public final class RekognitionStub implements AutoCloseable {

  private static final String TARGET_PREFIX = "RekognitionService.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, Function<JsonNode, StubReply>> responders = new ConcurrentHashMap<>();
  private final Map<String, Deque<StubReply>> faults = new ConcurrentHashMap<>();
  private final Map<String, List<JsonNode>> requests = new ConcurrentHashMap<>();
  private final Map<String, Deque<Runnable>> interleavings = new ConcurrentHashMap<>();

  private RekognitionStub(HttpServer server) {
    this.server = server;
  }

  /** Starts a stub on 127.0.0.1 and a free port. */
  public static RekognitionStub start() {
    try {
      // Nagle's algorithm off, as the twin's servers have it: otherwise every reply waits up to 40 ms for the
      // client's delayed acknowledgement of its headers (JVM-wide, read when the first JDK server is made)
      if (System.getProperty("sun.net.httpserver.nodelay") == null) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
      }
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      RekognitionStub stub = new RekognitionStub(server);
      server.createContext("/", stub::handle);
      server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "rekognition-stub");
        thread.setDaemon(true);
        return thread;
      }));
      server.start();
      return stub;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Rekognition stub", e);
    }
  }

  /** The endpoint to give {@code RekognitionClient.builder().endpointOverride(...)}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers {@code operation} (e.g. {@code IndexFaces}) through {@code responder}. */
  public RekognitionStub on(String operation, Function<JsonNode, StubReply> responder) {
    responders.put(operation, responder);
    return this;
  }

  /** The next {@code times} calls of {@code operation} fail with {@code fault}, before the responder is asked. */
  public RekognitionStub failNext(String operation, int times, StubReply fault) {
    Deque<StubReply> queue = faults.computeIfAbsent(operation, k -> new ArrayDeque<>());
    synchronized (queue) {
      for (int i = 0; i < times; i++) {
        queue.add(fault);
      }
    }
    return this;
  }

  /**
   * The next call of {@code operation} is answered (its effect on the responder's state is done), then
   * {@code action} runs, and only then is the reply sent: a way to let another invocation act at exactly that point
   * of the caller's work.
   */
  public RekognitionStub afterNext(String operation, Runnable action) {
    Deque<Runnable> queue = interleavings.computeIfAbsent(operation, k -> new ArrayDeque<>());
    synchronized (queue) {
      queue.add(action);
    }
    return this;
  }

  /** The bodies of the requests received for {@code operation}, in order. */
  public List<JsonNode> requests(String operation) {
    List<JsonNode> received = requests.get(operation);
    if (received == null) {
      return List.of();
    }
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** Forgets recorded requests, pending faults and interleavings (responders stay). */
  public void reset() {
    requests.clear();
    faults.clear();
    interleavings.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
        send(exchange, StubReply.error(400, "UnknownOperationException", "expected POST with X-Amz-Target"));
        return;
      }
      String operation = target.substring(TARGET_PREFIX.length());
      JsonNode request;
      try (InputStream body = exchange.getRequestBody()) {
        request = JSON.readTree(body);
      }
      List<JsonNode> received = requests.computeIfAbsent(operation, k -> new ArrayList<>());
      synchronized (received) {
        received.add(request);
      }
      StubReply reply = answer(operation, request);
      Deque<Runnable> queue = interleavings.get(operation);
      Runnable action = null;
      if (queue != null) {
        synchronized (queue) {
          action = queue.poll();
        }
      }
      if (action != null) {
        action.run();
      }
      send(exchange, reply);
    }
  }

  private StubReply answer(String operation, JsonNode request) {
    Deque<StubReply> queue = faults.get(operation);
    if (queue != null) {
      synchronized (queue) {
        StubReply fault = queue.poll();
        if (fault != null) {
          return fault;
        }
      }
    }
    Function<JsonNode, StubReply> responder = responders.get(operation);
    if (responder == null) {
      return StubReply.error(400, "UnknownOperationException", "the stub has no responder for " + operation);
    }
    try {
      return responder.apply(request);
    } catch (RuntimeException e) {
      return StubReply.error(500, "InternalServerError", "stub responder failed: " + e);
    }
  }

  private static void send(HttpExchange exchange, StubReply reply) throws IOException {
    byte[] body = JSON.writeValueAsBytes(reply.body());
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    exchange.sendResponseHeaders(reply.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
