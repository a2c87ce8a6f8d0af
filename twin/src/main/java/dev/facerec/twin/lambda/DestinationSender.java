package dev.facerec.twin.lambda;

/** Delivers an asynchronous invocation record to a destination (an SQS queue or a Lambda function). */
interface DestinationSender {

    void send(String destinationArn, String record);
}
