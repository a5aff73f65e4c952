package io.vodupload.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.adapters.jdbc.JdbcDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionPoolTest {

    @TempDir
    Path temp;

    /** A SQLite data source that counts the connections it opens. */
    private DataSource counting(AtomicInteger opened) {
        DataSource real = JdbcDatabase.open("jdbc:sqlite:" + temp.resolve("p.db"), new Properties()).dataSource();
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        opened.incrementAndGet();
                    }
                    return method.invoke(real, args);
                });
    }

    @Test
    void getConnection_afterClose_reusesTheConnection() throws SQLException {
        AtomicInteger opened = new AtomicInteger();
        try (ConnectionPool pool = new ConnectionPool(counting(opened), 2)) {
            pool.getConnection().close();
            pool.getConnection().close();
            assertThat(opened).hasValue(1);
        }
    }

    @Test
    void close_ofAConnectionInATransaction_rollsItBackAndRestoresAutoCommit() throws SQLException {
        try (ConnectionPool pool = new ConnectionPool(counting(new AtomicInteger()), 2)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (x INTEGER)");
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("INSERT INTO t VALUES (1)");
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM t")) {
                assertThat(c.getAutoCommit()).isTrue();
                rows.next();
                assertThat(rows.getInt(1)).isZero();
            }
        }
    }

    @Test
    void closedLease_refusesUseAndSaysItIsClosed() throws SQLException {
        try (ConnectionPool pool = new ConnectionPool(counting(new AtomicInteger()), 2)) {
            Connection c = pool.getConnection();
            c.close();
            c.close();
            assertThat(c.isClosed()).isTrue();
            assertThat(org.assertj.core.api.Assertions.catchThrowable(c::createStatement))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void moreReturnedThanMaxIdle_closesTheRest() throws SQLException {
        AtomicInteger opened = new AtomicInteger();
        try (ConnectionPool pool = new ConnectionPool(counting(opened), 1)) {
            Connection a = pool.getConnection();
            Connection b = pool.getConnection();
            a.close();
            b.close();
            pool.getConnection().close();
            pool.getConnection().close();
            assertThat(opened).hasValue(2);
        }
    }
}
