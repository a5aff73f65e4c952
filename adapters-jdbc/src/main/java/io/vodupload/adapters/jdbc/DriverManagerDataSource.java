package io.vodupload.adapters.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that opens a new connection from {@link DriverManager} on every call: no pool.
 * The stores hold a connection only for one short transaction, so this costs a file open on SQLite and a
 * connection handshake on PostgreSQL per operation; a pool can be passed to {@link JdbcDatabase#of}
 * instead where that matters.
 *
 * <p>Thread-safe: the URL and the properties never change after construction.
 */
final class DriverManagerDataSource implements DataSource {

    private final String url;
    private final Properties properties;
    private final String redactedUrl;

    DriverManagerDataSource(String url, Properties properties) {
        this.url = url;
        this.properties = new Properties();
        this.properties.putAll(properties);
        this.redactedUrl = JdbcUrls.redact(url);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties withUser = new Properties();
        withUser.putAll(properties);
        withUser.setProperty("user", username);
        withUser.setProperty("password", password);
        return DriverManager.getConnection(url, withUser);
    }

    @Override
    public PrintWriter getLogWriter() {
        return DriverManager.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        throw new UnsupportedOperationException("the log writer is DriverManager's; set it there");
    }

    @Override
    public void setLoginTimeout(int seconds) {
        throw new UnsupportedOperationException("the login timeout is DriverManager's; set it there");
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "DriverManagerDataSource[" + redactedUrl + "]";
    }
}
