package io.vodupload.batch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real PostgreSQL 14 per test JVM, started by the first test class that asks for it and stopped when
 * the JVM's test run ends (JUnit closes the AutoCloseable values the root context store holds). Starting it takes a few
 * seconds; every test then gets a database of its own with {@link #newDatabaseUrl()}.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedPostgresExtension.class)
 * class SomePostgresTest { ... EmbeddedPostgresExtension.newDatabaseUrl() ... }
 * }</pre>
 */
final class EmbeddedPostgresExtension implements BeforeAllCallback {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile Server server;

    /** The started server, held by the root store so that it is closed once, after the last test. */
    private record Server(EmbeddedPostgres postgres) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            postgres.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Server.class, key -> start(), Server.class);
    }

    private static Server start() {
        try {
            return new Server(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    /** A JDBC URL of a new, empty database on the server (user postgres, no password: trust auth). */
    static String newDatabaseUrl() {
        String name = "db" + DATABASES.incrementAndGet();
        EmbeddedPostgres postgres = running().postgres();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    private static Server running() {
        Server s = server;
        if (s == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(EmbeddedPostgresExtension.class)");
        }
        return s;
    }
}
