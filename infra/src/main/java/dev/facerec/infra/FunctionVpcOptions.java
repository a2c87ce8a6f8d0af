package dev.facerec.infra;

import java.util.List;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;

/**
 * Runs the functions of {@link FaceRecognition} in a VPC ({@link FaceRecognitionProps#getVpc()}). Off by default:
 * the functions call only AWS service endpoints. In a VPC they reach those services through the subnets' route to
 * a NAT gateway or through VPC endpoints, which the VPC must provide (docs/construct.md, "VPC"): gateway endpoints
 * for S3 and DynamoDB; interface endpoints for SQS, Rekognition, CloudWatch Logs, and EventBridge (events) when the
 * recognition function publishes events; STS is not called.
 */
public final class FunctionVpcOptions {

    private final IVpc vpc;
    private final SubnetSelection subnets;
    private final List<ISecurityGroup> securityGroups;

    private FunctionVpcOptions(Builder builder) {
        this.vpc = builder.vpc;
        this.subnets = builder.subnets;
        this.securityGroups = builder.securityGroups;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The VPC the functions run in: required. */
    public IVpc getVpc() {
        return vpc;
    }

    /**
     * The subnets of the functions' network interfaces. They must be private (a Lambda function gets no public IP).
     *
     * @default - the VPC's private subnets with egress (CDK's default for a function)
     */
    public SubnetSelection getSubnets() {
        return subnets;
    }

    /**
     * The security groups of the functions. They need outbound HTTPS (443) to the services' endpoints and no inbound
     * rule (nothing connects to a function).
     *
     * @default - one security group per function, outbound allowed, no inbound rule
     */
    public List<ISecurityGroup> getSecurityGroups() {
        return securityGroups;
    }

    /** Builds {@link FunctionVpcOptions}. */
    public static final class Builder {
        private IVpc vpc;
        private SubnetSelection subnets;
        private List<ISecurityGroup> securityGroups;

        private Builder() {}

        /** @see FunctionVpcOptions#getVpc() */
        public Builder vpc(IVpc value) {
            this.vpc = value;
            return this;
        }

        /** @see FunctionVpcOptions#getSubnets() */
        public Builder subnets(SubnetSelection value) {
            this.subnets = value;
            return this;
        }

        /** @see FunctionVpcOptions#getSecurityGroups() */
        public Builder securityGroups(List<ISecurityGroup> value) {
            this.securityGroups = value == null ? null : List.copyOf(value);
            return this;
        }

        public FunctionVpcOptions build() {
            return new FunctionVpcOptions(this);
        }
    }
}
