package dev.facerec.twin.sqs;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.Driver;
import scalikejdbc.ConnectionPool;
import scalikejdbc.ConnectionPool$;
import scalikejdbc.ConnectionPoolSettings;

/**
 * ElasticMQ's H2 store of queues and messages. ElasticMQ reaches it through scalikejdbc's JVM-wide default
 * connection pool, which it sets up only once per JVM: pointing that pool at this server's own database before each
 * start (and closing it at each stop) lets a server restarted in the same JVM, possibly on another data directory,
 * use its own store. One SQS server per JVM at a time.
 */
final class MessageStore {

    private static final String DEAD_LETTER_SOURCE = "DEAD_LETTER_SOURCE_QUEUE_NAME";

    private MessageStore() {}

    static void open(String jdbcUrl) {
        Driver.load();
        ConnectionPool$ pools = ConnectionPool$.MODULE$;
        ConnectionPoolSettings settings = pools.singleton$default$4();
        ConnectionPool.singleton(jdbcUrl, "", "", settings, pools.singleton$default$5(jdbcUrl, "", "", settings));
    }

    /** The names of the queues ElasticMQ saved in its {@code queue} table (none in a new store). */
    static List<String> savedQueueNames(String jdbcUrl) {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "", "");
                Statement statement = connection.createStatement();
                ResultSet tables = connection.getMetaData().getTables(null, null, "QUEUE", null)) {
            if (!tables.next()) {
                return names;
            }
            try (ResultSet rows = statement.executeQuery("select name from queue")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the SQS store " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the source queue's copy of every message ElasticMQ moved to a dead-letter queue. ElasticMQ 1.6.11 inserts
     * the moved message into the dead-letter queue's table but leaves the original row in the source queue's table:
     * restored, the message would be in both queues, and its next receive would fail with a duplicate key. The copy
     * in the dead-letter queue carries the source queue's name; message ids are UUIDs, unique across queues.
     */
    static void removeDeadLetteredCopies(String jdbcUrl) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "", "")) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = connection.getMetaData().getColumns(null, null, "MESSAGE_%", DEAD_LETTER_SOURCE)) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME"));
                }
            }
            for (String deadLetters : tables) {
                for (String source : tables) {
                    if (!source.equals(deadLetters)) {
                        try (Statement statement = connection.createStatement()) {
                            statement.executeUpdate("delete from \"" + source + "\" where " + DEAD_LETTER_SOURCE
                                    + " is null and message_id in (select message_id from \"" + deadLetters
                                    + "\" where " + DEAD_LETTER_SOURCE + " is not null)");
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tidy the SQS store " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    static void close() {
        ConnectionPool.closeAll();
    }
}
