package dev.facerec.twin.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IntrinsicResolverTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StackDeployment deployment;

    @BeforeEach
    void deploymentWithABucketDeployed() throws Exception {
        Template template = Template.parse(JSON.readTree("""
        {
          "Parameters": {
            "Env": {"Type": "String", "Default": "test"},
            "Zones": {"Type": "CommaDelimitedList", "Default": "a,b"},
            "BootstrapVersion": {"Type": "AWS::SSM::Parameter::Value<String>",
                                 "Default": "/cdk-bootstrap/hnb659fds/version"}
          },
          "Mappings": {"Sizes": {"test": {"Memory": "512"}}},
          "Conditions": {
            "IsTest": {"Fn::Equals": [{"Ref": "Env"}, "test"]},
            "IsProd": {"Fn::Not": [{"Condition": "IsTest"}]},
            "Either": {"Fn::Or": [{"Condition": "IsTest"}, {"Condition": "IsProd"}]},
            "Both": {"Fn::And": [{"Condition": "IsTest"}, {"Condition": "IsProd"}]}
          },
          "Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}}
        }"""));
        deployment = new StackDeployment(
                template,
                StackParameters.resolve(template, Map.of()),
                IntrinsicResolver.pseudoParameters(
                        "Stack",
                        "arn:aws:cloudformation:us-east-1:000000000000:stack/Stack/1",
                        "us-east-1",
                        "000000000000"),
                "us-east-1");
        ObjectNode attributes = JsonNodeFactory.instance.objectNode().put("Arn", "arn:aws:s3:::bucket-1");
        deployment
                .deployed()
                .put(
                        "Bucket",
                        new DeployedResource(
                                "Bucket",
                                "AWS::S3::Bucket",
                                "bucket-1",
                                attributes,
                                JsonNodeFactory.instance.objectNode(),
                                false,
                                "stack"));
    }

    @Test
    void resolve_shouldReplaceRefAndGetAtt_whenTheyNameParametersPseudoParametersAndResources() throws Exception {
        // WHEN
        JsonNode resolved = resolve("""
        {"a": {"Ref": "Env"}, "b": {"Ref": "AWS::Region"}, "c": {"Ref": "Bucket"},
         "d": {"Fn::GetAtt": ["Bucket", "Arn"]}, "e": {"Fn::GetAtt": "Bucket.Arn"}, "f": {"Ref": "AWS::AccountId"},
         "g": {"Ref": "BootstrapVersion"}}""");

        // THEN
        assertThat(resolved).isEqualTo(JSON.readTree("""
        {"a": "test", "b": "us-east-1", "c": "bucket-1", "d": "arn:aws:s3:::bucket-1", "e": "arn:aws:s3:::bucket-1",
         "f": "000000000000", "g": "30"}"""));
    }

    @Test
    void resolve_shouldJoinSelectSplitAndFindInMap() throws Exception {
        // WHEN
        JsonNode resolved = resolve("""
        {"join": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":s3:::", {"Ref": "Bucket"}, "/*"]]},
         "select": {"Fn::Select": [1, {"Ref": "Zones"}]},
         "split": {"Fn::Select": [2, {"Fn::Split": ["/", "a/b/c"]}]},
         "map": {"Fn::FindInMap": ["Sizes", {"Ref": "Env"}, "Memory"]},
         "azs": {"Fn::Select": [0, {"Fn::GetAZs": ""}]}}""");

        // THEN
        assertThat(resolved).isEqualTo(JSON.readTree("""
        {"join": "arn:aws:s3:::bucket-1/*", "select": "b", "split": "c", "map": "512", "azs": "us-east-1a"}"""));
    }

    @Test
    void resolve_shouldSubstituteBothFormsOfSub() throws Exception {
        // WHEN
        JsonNode resolved = resolve("""
        {"plain": {"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"},
         "attribute": {"Fn::Sub": "${Bucket.Arn}/enroll/*"},
         "literal": {"Fn::Sub": "${!NotReplaced} ${Env}"},
         "variables": {"Fn::Sub": ["${Name}-${Bucket}", {"Name": {"Fn::Join": ["-", ["x", "y"]]}}]}}""");

        // THEN
        assertThat(resolved).isEqualTo(JSON.readTree("""
        {"plain": "cdk-hnb659fds-assets-000000000000-us-east-1", "attribute": "arn:aws:s3:::bucket-1/enroll/*",
         "literal": "${NotReplaced} test", "variables": "x-y-bucket-1"}"""));
    }

    @Test
    void resolve_shouldChooseBranchesAndDropNoValue_whenFnIfUsesConditions() throws Exception {
        // WHEN
        JsonNode resolved = resolve("""
        {"chosen": {"Fn::If": ["IsTest", "yes", "no"]}, "other": {"Fn::If": ["IsProd", "yes", "no"]},
         "either": {"Fn::If": ["Either", 1, 2]}, "both": {"Fn::If": ["Both", 1, 2]},
         "dropped": {"Fn::If": ["IsTest", {"Ref": "AWS::NoValue"}, "kept"]},
         "list": ["a", {"Ref": "AWS::NoValue"}, "b"]}""");

        // THEN
        assertThat(resolved).isEqualTo(JSON.readTree("""
        {"chosen": "yes", "other": "no", "either": 1, "both": 2, "list": ["a", "b"]}"""));
    }

    @Test
    @DisplayName("fails if an intrinsic function is not supported, naming it and where it is")
    void resolve_shouldFail_whenTheFunctionIsUnsupported() {
        assertThatThrownBy(() -> resolve("{\"x\": {\"Fn::ImportValue\": \"SharedVpc\"}}"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("unsupported intrinsic function Fn::ImportValue in resource Thing (AWS::Test::Thing)");
    }

    @Test
    @DisplayName("fails if Ref names nothing in the template")
    void resolve_shouldFail_whenRefNamesNothing() {
        assertThatThrownBy(() -> resolve("{\"x\": {\"Ref\": \"Nowhere\"}}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("refers to Nowhere, which is neither a parameter nor a resource");
    }

    @Test
    @DisplayName("fails if GetAtt asks for an attribute the twin does not provide")
    void resolve_shouldFail_whenTheAttributeIsUnknown() {
        assertThatThrownBy(() -> resolve("{\"x\": {\"Fn::GetAtt\": [\"Bucket\", \"WebsiteURL\"]}}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("attribute WebsiteURL of Bucket (AWS::S3::Bucket)");
    }

    @Test
    void references_shouldListRefGetAttAndSubNames() throws Exception {
        // WHEN
        var names = IntrinsicResolver.references(JSON.readTree("""
        {"a": {"Ref": "One"}, "b": [{"Fn::GetAtt": ["Two", "Arn"]}],
         "c": {"Fn::Sub": ["${Three.Arn}-${AWS::Region}-${Local}-${!Skip}", {"Local": {"Ref": "Four"}}]}}"""));

        // THEN
        assertThat(names).containsExactly("One", "Two", "Three", "AWS::Region", "Four");
    }

    private JsonNode resolve(String json) throws Exception {
        return deployment.resolver().resolve(JSON.readTree(json), "resource Thing (AWS::Test::Thing)");
    }
}
