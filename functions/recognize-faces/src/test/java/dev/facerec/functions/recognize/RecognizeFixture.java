package dev.facerec.functions.recognize;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.testing.FunctionServices;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The recognition tests' view of {@link FunctionServices}: the handlers' clients and settings, status rows. */
final class RecognizeFixture {

    private RecognizeFixture() {}

    /** The clients the handlers under test (recognition, and enrolment to set up people) use. */
    static AwsClients clients(FunctionServices services) {
        return new AwsClients(services.s3(), services.dynamoDb(), services.rekognition());
    }

    /** The handlers' settings: the defaults, on the test table. */
    static FunctionConfig config() {
        return FunctionConfig.defaults(FunctionServices.TABLE);
    }

    /** The status row of an object (empty when there is none). */
    static Map<String, AttributeValue> statusRow(FunctionServices services, String key) {
        return services.item(TableKeys.statusKey(FunctionServices.BUCKET, key));
    }
}
