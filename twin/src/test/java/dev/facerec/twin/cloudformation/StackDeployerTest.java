package dev.facerec.twin.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.twin.cloudformation.resources.CustomResourceDeployer;
import dev.facerec.twin.cloudformation.resources.CustomResourceResponses;
import dev.facerec.twin.cloudformation.resources.EventInvokeConfigDeployer;
import dev.facerec.twin.cloudformation.resources.FunctionDeployer;
import dev.facerec.twin.cloudformation.resources.QueueDeployer;
import dev.facerec.twin.cloudformation.resources.RecordedResources;
import dev.facerec.twin.lambda.EventInvokeConfig;
import dev.facerec.twin.lambda.FunctionConfiguration;
import dev.facerec.twin.lambda.HandlerJar;
import dev.facerec.twin.lambda.LambdaService;
import dev.facerec.twin.lambda.LambdaSettings;
import dev.facerec.twin.sqs.QueueAttributeStore;
import dev.facerec.twin.sqs.SqsClients;
import dev.facerec.twin.sqs.SqsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The deployment engine with real deployers: SQS on ElasticMQ, Lambda functions, a Lambda-backed custom resource. */
class StackDeployerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;

    private static Path handlerJar;
    private static SqsServer sqsServer;
    private static SqsClient sqs;
    private static CustomResourceResponses responses;

    private LambdaService lambda;
    private final List<String> progress = new ArrayList<>();
    private Path journal;

    @BeforeAll
    static void startServices() throws Exception {
        handlerJar = HandlerJar.build(directory.resolve("fixture"));
        sqsServer = SqsServer.start(directory.resolve("sqs"), 0, "us-east-1", "000000000000");
        sqs = SqsClients.create(sqsServer.endpoint(), "us-east-1");
        responses = new CustomResourceResponses();
    }

    @AfterAll
    static void stopServices() {
        responses.close();
        sqs.close();
        sqsServer.close();
    }

    @BeforeEach
    void startLambda() {
        lambda = newLambda();
        journal = directory.resolve("journal-" + System.nanoTime() + ".txt");
    }

    @AfterEach
    void stopLambda() {
        lambda.close();
    }

    @Test
    void deploy_shouldCreateEveryResourceInDependencyOrder_whenTheStackIsNew() throws Exception {
        // WHEN
        StackRecord record = deployer().deploy("Created", Template.parse(template(3)), assets(), Map.of());

        // THEN
        assertThat(record.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(progress)
                .containsExactly(
                        "CREATE Role AWS::IAM::Role",
                        "CREATE Failures AWS::SQS::Queue",
                        "CREATE Fn AWS::Lambda::Function",
                        "CREATE FnInvokeConfig AWS::Lambda::EventInvokeConfig",
                        "CREATE Provider AWS::Lambda::Function",
                        "CREATE Thing Custom::Thing");
        assertThat(record.resources()).doesNotContainKey("NeverMade");
        assertThat(record.outputs())
                .containsEntry("ThingArn", "arn:thing:Created-x")
                .containsEntry("CountIsString", "true");

        String queueUrl = record.resource("Failures").physicalId();
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL))
                        .attributes())
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "45");
        String function = record.resource("Fn").physicalId();
        FunctionConfiguration configuration = lambda.function(function).orElseThrow();
        assertThat(configuration.environment()).containsEntry("QUEUE_URL", queueUrl);
        assertThat(configuration.memoryMb()).isEqualTo(256);
        assertThat(configuration.role())
                .isEqualTo(record.resource("Role").attributes().get("Arn").asText());
        assertThat(lambda.eventInvokeConfig(function).orElseThrow())
                .isEqualTo(new EventInvokeConfig(
                        0,
                        Duration.ofHours(6),
                        null,
                        record.resource("Failures").attributes().get("Arn").asText()));
        assertThat(lambda.invoke(function, "{\"action\":\"echo\"}".getBytes()).failed())
                .isFalse();
        assertThat(Files.readAllLines(journal)).containsExactly("Create null");
    }

    @Test
    void deploy_shouldChangeNothing_whenTheSameTemplateIsDeployedAfterARestart() throws Exception {
        // GIVEN
        StackRecord first = deployer().deploy("Kept", Template.parse(template(3)), assets(), Map.of());
        lambda.close();
        lambda = newLambda();
        progress.clear();

        // WHEN
        StackRecord second = deployer().deploy("Kept", Template.parse(template(3)), assets(), Map.of());

        // THEN
        assertThat(progress).isEmpty();
        assertThat(second.status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(second.resources().keySet()).isEqualTo(first.resources().keySet());
        second.resources()
                .forEach((id, resource) -> assertThat(resource.physicalId())
                        .isEqualTo(first.resource(id).physicalId()));
        assertThat(lambda.function(second.resource("Fn").physicalId())).isPresent();
    }

    @Test
    void deploy_shouldUpdateChangedAndDeleteRemovedResources_whenTheTemplateChanges() throws Exception {
        // GIVEN
        StackRecord first = deployer().deploy("Changed", Template.parse(template(3)), assets(), Map.of());
        progress.clear();
        ObjectNode changed = template(4);
        ((ObjectNode) changed.get("Resources")).remove("FnInvokeConfig");

        // WHEN
        StackRecord second = deployer().deploy("Changed", Template.parse(changed), assets(), Map.of());

        // THEN
        assertThat(progress)
                .containsExactly("UPDATE Thing Custom::Thing", "DELETE FnInvokeConfig AWS::Lambda::EventInvokeConfig");
        assertThat(second.outputs()).containsEntry("Count", "4");
        assertThat(Files.readAllLines(journal)).containsExactly("Create null", "Update thing-Changed-x");
        assertThat(lambda.eventInvokeConfig(first.resource("Fn").physicalId())).isEmpty();
    }

    @Test
    void destroy_shouldDeleteEveryResourceInReverseOrder() throws Exception {
        // GIVEN
        StackRecord record = deployer().deploy("Destroyed", Template.parse(template(3)), assets(), Map.of());
        progress.clear();

        // WHEN
        deployer().destroy("Destroyed");

        // THEN
        assertThat(progress)
                .containsExactly(
                        "DELETE Thing Custom::Thing",
                        "DELETE Provider AWS::Lambda::Function",
                        "DELETE FnInvokeConfig AWS::Lambda::EventInvokeConfig",
                        "DELETE Fn AWS::Lambda::Function",
                        "DELETE Failures AWS::SQS::Queue",
                        "DELETE Role AWS::IAM::Role");
        assertThat(Files.readAllLines(journal)).containsExactly("Create null", "Delete thing-Destroyed-x");
        assertThat(lambda.function(record.resource("Fn").physicalId())).isEmpty();
        assertThat(sqs.listQueues().queueUrls())
                .doesNotContain(record.resource("Failures").physicalId());
        assertThat(new StackStore(directory.resolve("stacks")).load("Destroyed"))
                .isEmpty();
    }

    @Test
    @DisplayName("fails if a resource type is not supported, naming it, before touching anything")
    void deploy_shouldFailBeforeDeployingAnything_whenATypeIsUnsupported() throws Exception {
        // GIVEN
        ObjectNode template = template(3);
        ((ObjectNode) template.get("Resources")).set("Vpc", JSON.readTree("{\"Type\": \"AWS::EC2::VPC\"}"));

        // WHEN / THEN
        assertThatThrownBy(() -> deployer().deploy("Unsupported", Template.parse(template), assets(), Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("resource Vpc has type AWS::EC2::VPC, which the twin does not support");
        assertThat(progress).isEmpty();
        assertThat(new StackStore(directory.resolve("stacks")).load("Unsupported"))
                .isEmpty();
    }

    @Test
    @DisplayName("fails if the custom resource provider answers FAILED, with its reason, keeping what was deployed")
    void deploy_shouldStopWithTheProvidersReason_whenTheCustomResourceFails() throws Exception {
        // GIVEN
        ObjectNode template = template(3);
        ((ObjectNode) template.at("/Resources/Thing/Properties")).put("Fail", "true");

        // WHEN / THEN
        assertThatThrownBy(() -> deployer().deploy("Failing", Template.parse(template), assets(), Map.of()))
                .isInstanceOf(DeploymentException.class)
                .hasMessage("resource Thing (Custom::Thing) failed: the custom resource provider answered FAILED: "
                        + "asked to fail");
        StackRecord record =
                new StackStore(directory.resolve("stacks")).load("Failing").orElseThrow();
        assertThat(record.status()).isEqualTo("CREATE_FAILED");
        assertThat(record.resources())
                .containsKeys("Role", "Failures", "Fn", "Provider")
                .doesNotContainKey("Thing");
    }

    @Test
    @DisplayName("fails if a rule's assertion is false, with its description")
    void deploy_shouldFail_whenARuleAssertionIsFalse() throws Exception {
        // GIVEN
        ObjectNode template = template(3);
        template.set("Rules", JSON.readTree("""
        {"Check": {"Assertions": [{"Assert": {"Fn::Contains": [["1", "2"], {"Ref": "BootstrapVersion"}]},
                                   "AssertDescription": "bootstrap version 1 or 2 required"}]}}"""));

        // WHEN / THEN
        assertThatThrownBy(() -> deployer().deploy("Ruled", Template.parse(template), assets(), Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("rule Check fails: bootstrap version 1 or 2 required");
    }

    private LambdaService newLambda() {
        return new LambdaService(LambdaSettings.defaults(
                directory.resolve("lambda"),
                "us-east-1",
                "000000000000",
                Map.of("AWS_ENDPOINT_URL_SQS", sqsServer.endpoint().toString())));
    }

    private StackDeployer deployer() {
        DeployerRegistry registry = new DeployerRegistry()
                .register(new QueueDeployer(sqs, new QueueAttributeStore(directory.resolve("queue-attributes"))))
                .register(new FunctionDeployer(lambda))
                .register(new EventInvokeConfigDeployer(lambda))
                .register(new CustomResourceDeployer(lambda, responses, Duration.ofSeconds(10)));
        RecordedResources.all().forEach(registry::register);
        return new StackDeployer(
                registry, new StackStore(directory.resolve("stacks")), "us-east-1", "000000000000", progress::add);
    }

    private AssetLocator assets() {
        return new AssetLocator(Map.of("fixture.jar", handlerJar));
    }

    private ObjectNode template(int count) throws Exception {
        String code = """
        {"S3Bucket": {"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"}, "S3Key": "fixture.jar"}""";
        return (ObjectNode) JSON.readTree("""
        {
          "Parameters": {"BootstrapVersion": {"Type": "AWS::SSM::Parameter::Value<String>",
                                              "Default": "/cdk-bootstrap/hnb659fds/version"}},
          "Rules": {"CheckBootstrapVersion": {"Assertions": [{
            "Assert": {"Fn::Not": [{"Fn::Contains": [["1", "2", "3", "4", "5"], {"Ref": "BootstrapVersion"}]}]},
            "AssertDescription": "CDK bootstrap stack version 6 required."}]}},
          "Conditions": {"Never": {"Fn::Equals": ["a", "b"]}},
          "Resources": {
            "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": [
              {"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}}]}}},
            "Failures": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 45}},
            "Fn": {"Type": "AWS::Lambda::Function", "DependsOn": ["Role"], "Properties": {
              "Code": %1$s, "Handler": "fixture.TestHandler::handleRequest", "Runtime": "java21",
              "MemorySize": 256, "Timeout": 20, "Role": {"Fn::GetAtt": ["Role", "Arn"]},
              "Environment": {"Variables": {"QUEUE_URL": {"Ref": "Failures"}}}}},
            "FnInvokeConfig": {"Type": "AWS::Lambda::EventInvokeConfig", "Properties": {
              "FunctionName": {"Ref": "Fn"}, "Qualifier": "$LATEST", "MaximumRetryAttempts": 0,
              "DestinationConfig": {"OnFailure": {"Destination": {"Fn::GetAtt": ["Failures", "Arn"]}}}}},
            "Provider": {"Type": "AWS::Lambda::Function", "Properties": {
              "Code": %1$s, "Handler": "fixture.CustomResourceHandler::handleRequest", "Runtime": "java21",
              "MemorySize": 128, "Timeout": 30, "Role": {"Fn::GetAtt": ["Role", "Arn"]}}},
            "Thing": {"Type": "Custom::Thing", "Properties": {
              "ServiceToken": {"Fn::GetAtt": ["Provider", "Arn"]},
              "Name": {"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, "x"]]}, "Count": %2$d, "Journal": "%3$s"}},
            "NeverMade": {"Type": "AWS::SQS::Queue", "Condition": "Never"}
          },
          "Outputs": {
            "ThingArn": {"Value": {"Fn::GetAtt": ["Thing", "Arn"]}},
            "Count": {"Value": {"Fn::GetAtt": ["Thing", "Count"]}},
            "CountIsString": {"Value": {"Fn::GetAtt": ["Thing", "CountIsString"]}}
          }
        }""".formatted(code, count, journal));
    }
}
