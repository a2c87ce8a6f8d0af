package dev.facerec.functions.collection;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** Plays the pre-signed S3 URL CloudFormation hands out: records every PUT; can refuse the next ones. */
final class ResponseUrlServer implements AutoCloseable {

    /** A PUT received: its headers and its JSON body. */
    record Delivery(String method, Map<String, List<String>> headers, Map<String, JsonNode> body) {

        String field(String name) {
            JsonNode node = body.get(name);
            return node == null || node.isNull() ? null : node.asString();
        }

        Map<String, String> data() {
            Map<String, String> data = new java.util.TreeMap<>();
            body.get("Data").asObject().forEach((name, value) -> data.put(name, value.asString()));
            return data;
        }
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Deque<Integer> refusals = new ArrayDeque<>();

    ResponseUrlServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A URL shaped like CloudFormation's (path and signed query), on this server. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort()
                + "/cloudformation-custom-resource-response-useast1/stack%7CFaces%7Crequest?X-Amz-Signature=abc";
    }

    /** The next {@code count} PUTs are answered with HTTP {@code status}. */
    synchronized void refuseNext(int count, int status) {
        for (int i = 0; i < count; i++) {
            refusals.add(status);
        }
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    void reset() {
        deliveries.clear();
        synchronized (this) {
            refusals.clear();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, JsonNode> body =
                    JsonNode.parser().parse(exchange.getRequestBody()).asObject();
            deliveries.add(new Delivery(exchange.getRequestMethod(), Map.copyOf(exchange.getRequestHeaders()), body));
            Integer refusal;
            synchronized (this) {
                refusal = refusals.poll();
            }
            exchange.sendResponseHeaders(refusal == null ? 200 : refusal, -1);
        }
    }
}
