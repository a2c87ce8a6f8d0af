package dev.facerec.twin.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.iam.PolicyRequest;
import dev.facerec.twin.iam.ResourcePolicy;
import dev.facerec.twin.sqs.QueueAttributeStore;
import dev.facerec.twin.sqs.SqsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * SQS queues as S3 notification destinations. Before S3 accepts a configuration it checks every queue as S3 does:
 * the queue exists, its policy lets {@code s3.amazonaws.com} call {@code sqs:SendMessage} for this bucket (the
 * conditions see {@code aws:SourceArn}, {@code aws:SourceAccount} and {@code aws:SecureTransport}), and it is not
 * encrypted with the AWS managed key {@code alias/aws/sqs}, which S3 cannot use; otherwise the configuration is
 * refused with S3's {@code InvalidArgument} "Unable to validate the following destination configurations".
 */
public final class QueueDestinations {

    static final String S3_PRINCIPAL = "s3.amazonaws.com";
    static final String AWS_MANAGED_KEY = "alias/aws/sqs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final QueueAttributeStore attributes;
    private final String accountId;

    /**
     * @param sqs a client of the twin's SQS server
     * @param attributes the queue policies and encryption settings
     * @param accountId the account that owns the twin's buckets ({@code aws:SourceAccount})
     */
    public QueueDestinations(SqsClient sqs, QueueAttributeStore attributes, String accountId) {
        this.sqs = sqs;
        this.attributes = attributes;
        this.accountId = accountId;
    }

    /** Checks the queue targets of a bucket's configuration; the exception names each failing destination. */
    public void validate(String bucket, List<QueueTarget> targets) {
        List<String> failures = new ArrayList<>();
        for (String queueArn :
                targets.stream().map(QueueTarget::queueArn).distinct().toList()) {
            String problem = problem(bucket, queueArn);
            if (problem != null) {
                failures.add(queueArn + ": " + problem);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalArgumentException(
                    "InvalidArgument: Unable to validate the following destination configurations "
                            + String.join("; ", failures));
        }
    }

    /** Sends one message to a queue. */
    public void send(String queueArn, String body) {
        SqsClients.sendToQueue(sqs, queueArn, body);
    }

    private String problem(String bucket, String queueArn) {
        String queueName = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        try {
            sqs.getQueueUrl(b -> b.queueName(queueName));
        } catch (QueueDoesNotExistException e) {
            return "the destination queue does not exist";
        }
        Map<String, String> kept = attributes.get(queueName);
        if (AWS_MANAGED_KEY.equals(kept.get("KmsMasterKeyId"))) {
            return "the queue is encrypted with the AWS managed key " + AWS_MANAGED_KEY
                    + ", which S3 cannot use: use SSE-SQS or a customer managed key";
        }
        PolicyRequest request = new PolicyRequest(
                S3_PRINCIPAL,
                "sqs:SendMessage",
                queueArn,
                Map.of(
                        "aws:SourceArn",
                        "arn:aws:s3:::" + bucket,
                        "aws:SourceAccount",
                        accountId,
                        "aws:SecureTransport",
                        "true"));
        if (ResourcePolicy.evaluate(policy(kept.get("Policy")), request) != ResourcePolicy.Decision.ALLOW) {
            return "Permissions on the destination queue do not allow S3 to publish notifications from this bucket";
        }
        return null;
    }

    private static JsonNode policy(String document) {
        if (document == null) {
            return null;
        }
        try {
            return JSON.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException("a queue policy is not JSON", e);
        }
    }
}
