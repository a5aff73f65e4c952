package io.vodupload.batch;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps the connections a queue opens, so that each of the few statements per file does not pay for a
 * connection of its own (a TCP and authentication handshake on PostgreSQL, a file open and pragmas on
 * SQLite; without it a file of a batch cost about 150 ms of connecting on PostgreSQL). At most
 * {@code maxIdle} connections wait between uses; there is no limit on how many are in use (the worker's
 * threads bound that). A connection comes back with its transaction rolled back and auto-commit on; one
 * whose use failed with a connection error (SQLState class 08) is closed instead of kept.
 *
 * <p>Thread-safe. {@link #close()} closes the waiting connections and every one returned later.
 */
final class ConnectionPool implements DataSource, AutoCloseable {

    private final DataSource target;
    private final int maxIdle;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    ConnectionPool(DataSource target, int maxIdle) {
        this.target = target;
        this.maxIdle = maxIdle;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection physical;
        synchronized (this) {
            if (closed) {
                throw new SQLException("the queue is closed", "08003");
            }
            physical = idle.pollFirst();
        }
        if (physical == null || physical.isClosed()) {
            physical = target.getConnection();
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Lease(physical));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's connections all have the queue's credentials");
    }

    private void giveBack(Connection physical, boolean broken) {
        boolean keep = !broken;
        try {
            if (keep && !physical.getAutoCommit()) {
                physical.rollback();
                physical.setAutoCommit(true);
            }
        } catch (SQLException e) {
            keep = false;
        }
        synchronized (this) {
            if (keep && !closed && idle.size() < maxIdle) {
                idle.addFirst(physical);
                return;
            }
        }
        closeQuietly(physical);
    }

    @Override
    public void close() {
        Deque<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        toClose.forEach(ConnectionPool::closeQuietly);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing more to do with it
        }
    }

    /** One use of a pooled connection: {@code close()} gives it back, once. */
    private final class Lease implements InvocationHandler {
        private final Connection physical;
        private boolean returned;
        private boolean broken;

        Lease(Connection physical) {
            this.physical = physical;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    synchronized (this) {
                        if (returned) {
                            return null;
                        }
                        returned = true;
                    }
                    giveBack(physical, broken);
                    return null;
                case "isClosed":
                    synchronized (this) {
                        if (returned) {
                            return true;
                        }
                    }
                    break;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "pooled " + physical;
                default:
                    break;
            }
            synchronized (this) {
                if (returned) {
                    throw new SQLException("connection already returned to the pool", "08003");
                }
            }
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof SQLException sql && sql.getSQLState() != null
                        && sql.getSQLState().startsWith("08")) {
                    broken = true;
                }
                throw cause;
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
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
        return "ConnectionPool[" + target + "]";
    }
}
