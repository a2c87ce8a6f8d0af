package dev.facerec.twin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.TwinState;
import dev.facerec.twin.events.EventBridgeServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code run-schedule}: fires a scheduled EventBridge rule of the running twin now, with the scheduled-event
 * envelope its targets would get from the timer (e.g. to run a retention clean-up without waiting for 03:00).
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "run-schedule",
        description = "Fire a scheduled rule now (its targets get the 'Scheduled Event').")
final class RunScheduleCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    DataOption data;

    @Parameters(index = "0", description = "The rule's name or ARN.")
    String rule;

    @Option(
            names = "--at",
            description = "The event's time (ISO-8601, e.g. 2029-12-08T03:10:00Z) instead of now: a function that takes"
                    + " the scheduled time as now (the retention schedule) runs at that moved clock.")
    String at;

    @Override
    public Integer call() throws Exception {
        TwinState state = RunningTwin.state(data.directory);
        String endpoint = state.endpoints().get("AWS_ENDPOINT_URL_EVENTBRIDGE");
        if (endpoint == null) {
            throw new IllegalStateException("the running twin has no EventBridge: restart it with this version");
        }
        HttpRequest request = HttpRequest.newBuilder(EventBridgeServer.runScheduleUri(URI.create(endpoint)))
                .POST(HttpRequest.BodyPublishers.ofString(request().toString()))
                .header("Content-Type", "application/x-amz-json-1.1")
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            System.err.println("twin: " + body.path("message").asText(response.body()));
            return 1;
        }
        System.out.println(
                "rule " + rule + " fired: event " + body.path("EventId").asText() + (at == null ? "" : " at " + at));
        return 0;
    }

    private com.fasterxml.jackson.databind.node.ObjectNode request() {
        var request = JSON.createObjectNode().put("Rule", rule);
        if (at != null) {
            request.put("Time", at);
        }
        return request;
    }
}
