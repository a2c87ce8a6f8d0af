package dev.facerec.functions.index;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.testing.FunctionServices;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The enrolment tests' view of {@link FunctionServices}: the handler's clients and settings, and its rows. */
final class IndexFixture {

    private IndexFixture() {}

    /** The clients a handler under test uses. */
    static AwsClients clients(FunctionServices services) {
        return new AwsClients(services.s3(), services.dynamoDb(), services.rekognition());
    }

    /** The settings a handler under test uses: the defaults, on the test table. */
    static FunctionConfig config() {
        return FunctionConfig.defaults(FunctionServices.TABLE);
    }

    /** The status row of an object (empty when there is none). */
    static Map<String, AttributeValue> statusRow(FunctionServices services, String key) {
        return services.item(TableKeys.statusKey(FunctionServices.BUCKET, key));
    }

    /** The person row of a person (empty when there is none). */
    static Map<String, AttributeValue> personRow(FunctionServices services, String personId) {
        return services.item(TableKeys.key(TableKeys.personPk(personId), TableKeys.PROFILE));
    }

    /** The face rows of a person. */
    static List<Map<String, AttributeValue>> faceRows(FunctionServices services, String personId) {
        return services.items(TableKeys.personPk(personId), TableKeys.FACE_PREFIX);
    }
}
