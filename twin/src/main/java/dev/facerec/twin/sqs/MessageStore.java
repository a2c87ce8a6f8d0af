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

    static void close() {
        ConnectionPool.closeAll();
    }
}
