package dev.facerec.app;

import dev.facerec.infra.FaceCollection;
import dev.facerec.infra.FaceRecognition;
import dev.facerec.infra.FaceRecognitionProps;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The deployable stack: one {@link FaceRecognition} and outputs naming what a client needs (bucket, prefixes,
 * table, collection, failure queue). Environment-agnostic unless {@code stackProps} sets an environment.
 */
public final class FaceRecognitionStack extends Stack {

    private final FaceRecognition faceRecognition;

    public FaceRecognitionStack(Construct scope, String id) {
        this(scope, id, null, null);
    }

    public FaceRecognitionStack(Construct scope, String id, StackProps stackProps, FaceRecognitionProps props) {
        super(scope, id, stackProps);
        this.faceRecognition = new FaceRecognition(this, "Faces", props);
        output("BucketName", faceRecognition.getBucket().getBucketName(), "Bucket to upload photos to");
        output(
                "EnrollPrefix",
                faceRecognition.getEnrollPrefix(),
                "Upload enrolment photos as <prefix><personId>/<file>");
        output("RecognizePrefix", faceRecognition.getRecognizePrefix(), "Upload photos to recognise under this prefix");
        output(
                "ResultsPrefix",
                faceRecognition.getResultsPrefix(),
                "Recognition results are written under this prefix");
        output(
                "ConsentPrefix",
                faceRecognition.getConsentPrefix(),
                "Upload consent documents as <prefix><personId>.json");
        output("TableName", faceRecognition.getTable().getTableName(), "Table of people, faces, statuses, results");
        output("CollectionId", faceRecognition.getCollection().getCollectionId(), "Rekognition collection id");
        output("CollectionArn", faceRecognition.getCollection().getCollectionArn(), "Rekognition collection ARN");
        if (faceRecognition.getCollection() instanceof FaceCollection created) {
            output("FaceModelVersion", created.getFaceModelVersion(), "Face model version of the collection");
        }
        output(
                "DeadLetterQueueUrl",
                faceRecognition.getDeadLetterQueue().getQueueUrl(),
                "S3 events the functions failed on ten times land here");
        output("IndexQueueUrl", faceRecognition.getIndexQueue().getQueueUrl(), "S3 events of enrolment photos");
        output(
                "RecognizeQueueUrl",
                faceRecognition.getRecognizeQueue().getQueueUrl(),
                "S3 events of photos to recognise");
        if (faceRecognition.getIdentityApi() != null) {
            output(
                    "ApiEndpoint",
                    faceRecognition.getIdentityApi().getHttpApi().getApiEndpoint(),
                    "Identity API (IAM-authorised: sign requests with SigV4 for execute-api)");
            if (faceRecognition.getIdentityApi().getLiveness() != null) {
                output(
                        "LivenessIdentityPoolId",
                        faceRecognition
                                .getIdentityApi()
                                .getLiveness()
                                .getIdentityPool()
                                .getRef(),
                        "Cognito identity pool of the Face Liveness browser component (guest role: StartFaceLivenessSession only)");
            }
        }
        output("IndexFunctionName", faceRecognition.getIndexFunction().getFunctionName(), "Enrolment function");
        output(
                "RecognizeFunctionName",
                faceRecognition.getRecognizeFunction().getFunctionName(),
                "Recognition function");
    }

    public FaceRecognition getFaceRecognition() {
        return faceRecognition;
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
