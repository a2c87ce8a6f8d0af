package dev.facerec.functions.core.table;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Key layout of the single table (see docs/functions.md, "What is recorded").
 *
 * <ul>
 *   <li>object status: {@code pk = OBJECT#<bucket>/<key>}, {@code sk = STATUS}</li>
 *   <li>recognition result: {@code pk = OBJECT#<bucket>/<key>}, {@code sk = RESULT}</li>
 *   <li>person: {@code pk = PERSON#<personId>}, {@code sk = PROFILE}; {@code gsi1pk = PEOPLE},
 *       {@code gsi1sk = <personId>}</li>
 *   <li>face: {@code pk = PERSON#<personId>}, {@code sk = FACE#<faceId>}; {@code gsi1pk = OBJECT#<bucket>/<key>},
 *       {@code gsi1sk = FACE#<faceId>}</li>
 *   <li>person lock (enrolment only): {@code pk = PERSON#<personId>}, {@code sk = LOCK}</li>
 *   <li>consent record: {@code pk = PERSON#<personId>}, {@code sk = CONSENT} (erased with the person's partition)</li>
 * </ul>
 */
public final class TableKeys {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1 = "gsi1";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    public static final String TTL = "ttl";

    public static final String STATUS = "STATUS";
    public static final String RESULT = "RESULT";
    public static final String PROFILE = "PROFILE";
    public static final String CONSENT = "CONSENT";
    public static final String PEOPLE = "PEOPLE";
    public static final String FACE_PREFIX = "FACE#";

    private TableKeys() {}

    /** Partition key of everything about one object. */
    public static String objectPk(String bucket, String key) {
        return "OBJECT#" + bucket + "/" + key;
    }

    /** Partition key of a person and their faces. */
    public static String personPk(String personId) {
        return "PERSON#" + personId;
    }

    /** Sort key of a face row. */
    public static String faceSk(String faceId) {
        return FACE_PREFIX + faceId;
    }

    /** A primary key map. */
    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValues.s(pk), SK, AttributeValues.s(sk));
    }

    /** The status row's key. */
    public static Map<String, AttributeValue> statusKey(String bucket, String objectKey) {
        return key(objectPk(bucket, objectKey), STATUS);
    }
}
