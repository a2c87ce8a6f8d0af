package dev.facerec.twin.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.twin.cloudformation.AssetLocator;
import dev.facerec.twin.cloudformation.DeploymentException;
import dev.facerec.twin.cloudformation.StackRecord;
import dev.facerec.twin.cloudformation.Template;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP APIs deployed, redeployed, changed, restarted and destroyed; templates the twin refuses. */
class HttpApiLifecycleTest {

    @TempDir
    static Path directory;

    private static ApiTwin twin;

    @BeforeAll
    static void start() throws Exception {
        twin = new ApiTwin(directory);
    }

    @AfterAll
    static void stop() {
        twin.close();
    }

    @Test
    void deploy_shouldKeepChangeAndDeleteTheApi_asTheTemplateChanges() {
        // GIVEN a deployed API
        ObjectNode template = (ObjectNode) ApiTwin.template("http-api.template.json");
        StackRecord first = twin.deploy("Lifecycle", template);
        String apiId = first.resource("Api").physicalId();

        // WHEN the same template is deployed again, then without the people route
        StackRecord again = twin.deploy("Lifecycle", template);
        ObjectNode changed = template.deepCopy();
        ((ObjectNode) changed.get("Resources")).remove("PeopleRoute");
        ((ObjectNode) changed.get("Resources")).remove("CatchAllRoute");
        twin.deploy("Lifecycle", changed);

        // THEN the API kept its id and lost the route
        assertThat(again.resource("Api").physicalId()).isEqualTo(apiId);
        assertThat(twin.apis.api(apiId).orElseThrow().routes().values())
                .extracting(ApiRoute::routeKey)
                .doesNotContain("GET /people", "$default")
                .contains("GET /files/{name}");
        assertThat(twin.get(again.outputs().get("ApiUrl") + "/people").statusCode())
                .isEqualTo(404);

        // WHEN the stack is destroyed
        twin.deployer().destroy("Lifecycle");

        // THEN the API is gone
        assertThat(twin.apis.api(apiId)).isEmpty();
        assertThat(twin.get(again.outputs().get("ApiUrl") + "/files/a").statusCode())
                .isEqualTo(404);
    }

    @Test
    void restart_shouldServeTheApiAgain_onTheSameDataDirectory() {
        // GIVEN
        StackRecord deployed = twin.deploy("Restarted", ApiTwin.template("http-api.template.json"));
        String apiId = deployed.resource("Api").physicalId();
        String keyId = twin.apis.jwtKeys().keyId();

        // WHEN a second service starts on the same directory
        try (HttpApiService again = twin.startApis()) {

            // THEN it has the API, its routes and the same JWT key
            HttpApi api = again.api(apiId).orElseThrow();
            assertThat(api.routes())
                    .hasSameSizeAs(twin.apis.api(apiId).orElseThrow().routes());
            assertThat(api.stages()).containsKeys("$default", "prod");
            assertThat(again.jwtKeys().keyId()).isEqualTo(keyId);
            assertThat(again.apiEndpoint(apiId)).isNotEqualTo(twin.apis.apiEndpoint(apiId));

            // AND deploying the unchanged template again gives the endpoint of the new server
            StackRecord redeployed = twin.deployer(again)
                    .deploy(
                            "Restarted",
                            Template.parse(ApiTwin.template("http-api.template.json")),
                            new AssetLocator(Map.of()),
                            Map.of());
            assertThat(redeployed.resource("Api").physicalId()).isEqualTo(apiId);
            assertThat(redeployed.outputs().get("ApiUrl")).isEqualTo(again.apiEndpoint(apiId));
        }
        twin.deployer().destroy("Restarted");
    }

    @Test
    @DisplayName("fails if the API is a WebSocket API, naming the resource")
    void deploy_shouldFail_whenTheApiIsAWebSocketApi() throws Exception {
        JsonNode template = ApiTwin.JSON.readTree("""
        {"Resources": {"Socket": {"Type": "AWS::ApiGatewayV2::Api",
          "Properties": {"Name": "chat", "ProtocolType": "WEBSOCKET", "RouteSelectionExpression": "$request.body.a"}}}}
        """);

        assertThatThrownBy(() -> twin.deploy("Socket", template))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("resource Socket (AWS::ApiGatewayV2::Api) failed")
                .hasMessageContaining("has ProtocolType WEBSOCKET: the twin emulates HTTP APIs only");
    }

    @Test
    @DisplayName("fails if an integration uses payload format 1.0, saying what to set")
    void deploy_shouldFail_whenTheIntegrationUsesPayloadFormat1() {
        ObjectNode template = (ObjectNode) ApiTwin.template("http-api.template.json");
        ((ObjectNode) template.get("Resources").get("Integration").get("Properties"))
                .put("PayloadFormatVersion", "1.0");

        assertThatThrownBy(() -> twin.deploy("OldPayload", template))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("resource Integration (AWS::ApiGatewayV2::Integration) failed")
                .hasMessageContaining("PayloadFormatVersion 1.0: the twin emulates payload format 2.0 only");
    }
}
