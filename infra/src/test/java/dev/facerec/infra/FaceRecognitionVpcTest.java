package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;

/** The VPC option: every function of the pipeline in the VPC, with the rights Lambda needs for it; off by default. */
class FaceRecognitionVpcTest {

    @Test
    void functions_shouldRunInTheVpc_withTheGivenSubnetsAndSecurityGroup() {
        // GIVEN a VPC with isolated subnets (reaching AWS through endpoints) and a security group
        Template template = TestStacks.template(s -> {
            Vpc vpc = Vpc.Builder.create(s, "Vpc").natGateways(0).build();
            SecurityGroup group =
                    SecurityGroup.Builder.create(s, "Functions").vpc(vpc).build();
            new FaceRecognition(
                    s,
                    "Faces",
                    FaceRecognitionProps.builder()
                            .identityApi(IdentityApiOptions.builder().build())
                            .vpc(FunctionVpcOptions.builder()
                                    .vpc(vpc)
                                    .subnets(SubnetSelection.builder()
                                            .subnetType(SubnetType.PRIVATE_ISOLATED)
                                            .build())
                                    .securityGroups(List.of(group))
                                    .build())
                            .build());
        });
        String group = template.getResourceId(
                "AWS::EC2::SecurityGroup",
                Map.of("Properties", Match.objectLike(Map.of("GroupDescription", "Test/Functions"))));

        // THEN the pipeline's functions (enrolment, recognition, retention, identity API) are in its isolated
        // subnets, with it
        Map<String, Map<String, Object>> functions = template.findResources(
                "AWS::Lambda::Function", Map.of("Properties", Map.of("VpcConfig", Match.anyValue())));
        assertThat(functions).hasSize(4);
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Map.of(
                        "Handler",
                        FaceRecognition.INDEX_HANDLER,
                        "VpcConfig",
                        Map.of(
                                "SecurityGroupIds",
                                List.of(Map.of("Fn::GetAtt", List.of(group, "GroupId"))),
                                "SubnetIds",
                                Match.arrayWith(List.of(Map.of("Ref", Match.stringLikeRegexp("VpcIsolated.*")))))));
        // AND their roles may manage their network interfaces, and only that on ARN patterns
        TestStacks.hasPolicyStatement(
                template,
                Map.of("Action", List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"), "Resource", "*"));
        TestStacks.hasPolicyStatement(
                template,
                Map.of(
                        "Action",
                        DataProtection.NETWORK_INTERFACE_ACTIONS,
                        "Resource",
                        List.of(
                                TestStacks.regionalArn("ec2", "network-interface/*"),
                                TestStacks.regionalArn("ec2", "subnet/*"),
                                TestStacks.regionalArn("ec2", "security-group/*"))));
        // AND no AWS managed policy is attached for it
        assertThat(template.toJSON().toString()).doesNotContain("AWSLambdaVPCAccessExecutionRole");
    }

    @Test
    void functions_shouldRunOutsideAnyVpc_byDefault() {
        TestStacks.defaultTemplate()
                .allResourcesProperties("AWS::Lambda::Function", Map.of("VpcConfig", Match.absent()));
    }
}
