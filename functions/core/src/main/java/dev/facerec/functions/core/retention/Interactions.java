package dev.facerec.functions.core.retention;

import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.table.UpdateSpec;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The last interaction of a person (an enrolment or a verification), kept on the person row for the retention
 * schedule: {@code lastInteractionAt} (epoch milliseconds) and {@code interactionMonth}
 * ({@code INTERACTED#YYYY-MM}, UTC). They are the keys of the table's {@value #INDEX} index, so that the schedule
 * finds the people whose last interaction is older than the retention by a Query per month, never a scan.
 */
public final class Interactions {

    /** The retention index: partition {@link #MONTH}, sort {@link #LAST}; projects the person id and tenant. */
    public static final String INDEX = "retention";
    /** The index's partition key: {@code INTERACTED#YYYY-MM} of the last interaction. */
    public static final String MONTH = "interactionMonth";
    /** The index's sort key: the last interaction, epoch milliseconds. */
    public static final String LAST = "lastInteractionAt";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public Interactions(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** The index partition of {@code month}. */
    public static String monthPartition(YearMonth month) {
        return "INTERACTED#" + month;
    }

    /** The month of an instant, UTC. */
    public static YearMonth monthOf(Instant instant) {
        return YearMonth.from(instant.atZone(ZoneOffset.UTC));
    }

    /** {@code update} of a person row, also recording an interaction at {@code now}. */
    public static UpdateSpec touch(UpdateSpec update, Instant now) {
        return update.set(MONTH, AttributeValues.s(monthPartition(monthOf(now))))
                .set(LAST, AttributeValues.n(now.toEpochMilli()));
    }

    /** Records an interaction of an existing person (a verification); nothing when the person has no row. */
    public void record(Tenant tenant, String personId, Instant now) {
        UpdateSpec update = touch(new UpdateSpec(), now);
        update.condition("attribute_exists(" + update.name(TableKeys.PK) + ")");
        try {
            dynamoDb.updateItem(update.toRequest(table, TableKeys.key(tenant.personPk(personId), TableKeys.PROFILE))
                    .build());
        } catch (ConditionalCheckFailedException noPerson) {
            // Erased or never enrolled meanwhile: no row to keep alive.
        }
    }
}
