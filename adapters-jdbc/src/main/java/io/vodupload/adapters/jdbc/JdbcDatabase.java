package io.vodupload.adapters.jdbc;

import io.vodupload.ports.Sleeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * A relational database the JDBC stores keep their state in: where its connections come from, which
 * {@link Dialect} it speaks, and its schema, which is created and migrated on first use.
 *
 * <pre>{@code
 * JdbcDatabase db = JdbcDatabase.open("jdbc:sqlite:/home/u/.vodupload/state.db");   // embedded, one file
 * JdbcDatabase db = JdbcDatabase.open("jdbc:postgresql://db.internal/vodupload");   // shared by workers
 * CheckpointStore checkpoints = new JdbcCheckpointStore(db);
 * }</pre>
 *
 * <p><b>Connections:</b> {@link #open} makes a {@link DataSource} that opens a connection per operation
 * from {@link java.sql.DriverManager} (no pool): every store operation is one short transaction, so a
 * pool buys little on SQLite and only saves a handshake per operation on PostgreSQL. An application that
 * wants a pool passes it to {@link #of}.
 *
 * <p><b>Schema:</b> the first operation (or {@link #migrate()}) creates the tables that are missing and
 * applies the migrations the database has not seen, in one transaction, recorded in the table
 * {@code vodupload_schema_version}. Two processes doing so at once is safe: PostgreSQL serialises them
 * with an advisory lock, SQLite with its write lock; the second finds the work done. A database whose
 * schema is newer than this code knows is refused rather than written to.
 *
 * <p><b>Secrets:</b> the URL may hold a password. It is never shown: {@link #toString()} and every
 * message use {@link JdbcUrls#redact}, and a driver's message that quotes it is scrubbed.
 *
 * <p>Thread-safe. Nothing is connected to until the first operation.
 */
public final class JdbcDatabase {

    private static final System.Logger LOG = System.getLogger(JdbcDatabase.class.getName());
    /** The key of PostgreSQL's advisory lock around migrations: "vodupload" as bytes, truncated. */
    private static final long MIGRATION_LOCK = 0x766F6475706C6F61L;
    /** How long a SQLite writer waits for another's lock before failing. */
    private static final int SQLITE_BUSY_TIMEOUT_MILLIS = 30_000;

    private final DataSource dataSource;
    private final String description;
    private final List<String> secrets;
    private final Sleeper sleeper;
    private final Object migrationLock = new Object();
    private volatile Dialect dialect;

    private JdbcDatabase(DataSource dataSource, String description, List<String> secrets, Sleeper sleeper) {
        this.dataSource = dataSource;
        this.description = description;
        this.secrets = List.copyOf(secrets);
        this.sleeper = sleeper;
    }

    /**
     * The database at {@code url}, {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://...}.
     *
     * @throws IllegalArgumentException when the URL is of neither kind (the message shows it redacted)
     */
    public static JdbcDatabase open(String url) {
        return open(url, new Properties());
    }

    /**
     * The database at {@code url}, with driver properties (for instance {@code user} and {@code password}
     * kept out of the URL). A SQLite file's missing parent directories are created owner-only.
     *
     * @throws IllegalArgumentException when the URL is of neither kind (the message shows it redacted)
     * @throws UncheckedIOException     when the SQLite file's directory cannot be created
     */
    public static JdbcDatabase open(String url, Properties properties) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(properties, "properties");
        Dialect dialect = Dialect.ofUrl(url).orElseThrow(() -> new IllegalArgumentException(
                "not a jdbc:sqlite: or jdbc:postgresql: URL: " + JdbcUrls.redact(url)));
        Properties effective = new Properties();
        if (dialect == Dialect.SQLITE) {
            effective.setProperty("journal_mode", "WAL");
            effective.setProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MILLIS));
            effective.setProperty("transaction_mode", "IMMEDIATE");
            effective.setProperty("foreign_keys", "true");
            createSqliteDirectory(url);
        } else {
            effective.setProperty("ApplicationName", "vodupload");
        }
        effective.putAll(properties);
        List<String> secrets = new ArrayList<>(JdbcUrls.secretsIn(url));
        String password = properties.getProperty("password");
        if (password != null && !password.isEmpty()) {
            secrets.add(password);
        }
        return new JdbcDatabase(new DriverManagerDataSource(url, effective), JdbcUrls.redact(url), secrets,
                Sleeper.system());
    }

    /**
     * The database behind {@code dataSource}, for instance a connection pool. Its dialect is read from
     * the connection's metadata. A SQLite data source should be configured as {@link #open} does (WAL,
     * a busy timeout, IMMEDIATE transactions, foreign keys on).
     *
     * @param description how to name the database in messages (redacted with {@link JdbcUrls#redact})
     */
    public static JdbcDatabase of(DataSource dataSource, String description) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(description, "description");
        return new JdbcDatabase(dataSource, JdbcUrls.redact(description), JdbcUrls.secretsIn(description),
                Sleeper.system());
    }

    /**
     * The same database (its description, the secrets to keep out of messages) with connections from
     * {@code dataSource}, typically a pool over this one's {@link #dataSource()}. The schema is migrated
     * again on first use (a no-op when it is up to date).
     */
    public JdbcDatabase withDataSource(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new JdbcDatabase(dataSource, description, secrets, sleeper);
    }

    /**
     * The same database, waiting with {@code sleeper} between the tries of a first use that SQLite answers
     * SQLITE_BUSY (the system sleeper by default; tests give a manual one).
     */
    public JdbcDatabase withSleeper(Sleeper sleeper) {
        Objects.requireNonNull(sleeper, "sleeper");
        return new JdbcDatabase(dataSource, description, secrets, sleeper);
    }

    /** Where the connections come from (the one {@link #open} made, or the one given to {@link #of}). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Tries of a first use that SQLite answers SQLITE_BUSY (a second process switching the file to WAL). */
    private static final int SQLITE_FIRST_USE_ATTEMPTS = 20;
    /** The wait before the next try grows by this much each time (10 ms, 20 ms, ...: about 2 s in all). */
    private static final long SQLITE_FIRST_USE_WAIT_NANOS = 10_000_000L;

    /** Whether {@code e} (or a cause) is SQLite's SQLITE_BUSY, error code 5. */
    private static boolean sqliteBusy(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() == 5
                    || String.valueOf(s.getMessage()).contains("SQLITE_BUSY"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database's dialect; connects and migrates the schema if that has not happened yet.
     *
     * @throws UncheckedIOException when the database cannot be reached or migrated
     */
    public Dialect dialect() {
        migrate();
        return dialect;
    }

    /**
     * Creates and migrates the schema unless this instance already did. Idempotent, and safe to run from
     * several threads and processes at once.
     *
     * @throws UncheckedIOException  when the database cannot be reached or a migration fails (nothing of
     *                               that migration stays: it runs in one transaction; the next call tries again)
     * @throws IllegalStateException when the database's schema is newer than this code knows
     */
    public void migrate() {
        if (dialect != null) {
            return;
        }
        synchronized (migrationLock) {
            if (dialect != null) {
                return;
            }
            for (int attempt = 1; ; attempt++) {
                try (Connection connection = dataSource.getConnection()) {
                    String product = connection.getMetaData().getDatabaseProductName();
                    Dialect detected = Dialect.ofProductName(product).orElseThrow(() -> new IllegalStateException(
                            "unsupported database " + product + " at " + description + " (SQLite or PostgreSQL)"));
                    migrate(connection, detected);
                    dialect = detected;
                    return;
                } catch (SQLException e) {
                    if (!sqliteBusy(e) || attempt >= SQLITE_FIRST_USE_ATTEMPTS) {
                        throw failure("cannot create or migrate the schema", e);
                    }
                    // Two processes opening a new SQLite file at once: switching it to WAL is answered
                    // SQLITE_BUSY at once, before the busy timeout applies. The other one's switch and schema
                    // transaction take milliseconds; wait a little and try again, as SQLite's busy handler would.
                    try {
                        sleeper.sleep(Duration.ofNanos(SQLITE_FIRST_USE_WAIT_NANOS * attempt));
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw failure("interrupted while creating or migrating the schema", e);
                    }
                }
            }
        }
    }

    /**
     * A connection for one operation, after the schema is ready. The caller closes it. For the modules that
     * keep their own rows in this database (the batch queue).
     *
     * @throws UncheckedIOException when the schema cannot be created or migrated
     * @throws SQLException         when no connection can be opened
     */
    public Connection connection() throws SQLException {
        migrate();
        return dataSource.getConnection();
    }

    /**
     * A failure to tell the caller about, naming the database redacted and never quoting a secret: the
     * message is {@code what}, the database and the driver's message scrubbed; the cause is {@code e}, or a
     * scrubbed copy when its messages quote a secret.
     */
    public UncheckedIOException failure(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]";
        String message = what + " in " + description + state + ": " + JdbcUrls.scrub(e.getMessage(), secrets);
        return new UncheckedIOException(new IOException(message, scrubbed(e)));
    }

    /** How messages name the database: its URL with the password hidden ({@link JdbcUrls#redact}). */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "JdbcDatabase[" + description + "]";
    }

    private void migrate(Connection connection, Dialect detected) throws SQLException {
        if (upToDate(connection)) {
            return;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                if (detected == Dialect.POSTGRESQL) {
                    // held to the end of the transaction: a second migrator waits here, then finds the work done
                    statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
                }
                for (String ddl : SchemaMigrations.versionTable(detected)) {
                    statement.execute(ddl);
                }
            }
            int current = currentVersion(connection);
            if (current > SchemaMigrations.LATEST) {
                throw new IllegalStateException("the schema of " + description + " is at version " + current
                        + ", newer than this version of vodupload knows (" + SchemaMigrations.LATEST
                        + "); upgrade vodupload before using this database");
            }
            List<Integer> applied = new ArrayList<>();
            for (SchemaMigrations.Migration migration : SchemaMigrations.ALL) {
                if (migration.version() <= current) {
                    continue;
                }
                try (Statement statement = connection.createStatement()) {
                    for (String ddl : SchemaMigrations.statements(migration, detected)) {
                        statement.execute(ddl);
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO " + SchemaMigrations.VERSION_TABLE + " (version, description) VALUES (?, ?)")) {
                    insert.setInt(1, migration.version());
                    insert.setString(2, migration.name());
                    insert.executeUpdate();
                }
                applied.add(migration.version());
            }
            connection.commit();
            if (!applied.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "Schema of {0} ({1}) migrated to version {2}",
                        description, detected.name().toLowerCase(Locale.ROOT), SchemaMigrations.LATEST);
            }
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        } finally {
            restoreAutoCommit(connection, autoCommit);
        }
    }

    /**
     * Whether the schema is already at the latest version, read without taking the migration lock, so
     * that a fleet of workers starting together does not queue on it. Any failure (the version table is
     * missing, say) means "not known to be": the locked path then decides, and reports real errors.
     */
    private static boolean upToDate(Connection connection) {
        try {
            return connection.getAutoCommit() && currentVersion(connection) == SchemaMigrations.LATEST;
        } catch (SQLException e) {
            return false;
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT COALESCE(MAX(version), 0) FROM " + SchemaMigrations.VERSION_TABLE)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is closed next; the database rolls back what was not committed
        }
    }

    private static void restoreAutoCommit(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // the connection is closed next
        }
    }

    /**
     * {@code e} itself when no message in its chain quotes a secret; otherwise a copy with the secrets
     * masked, the same SQLState, vendor code and stack, and no cause (the causes quote it too).
     */
    private SQLException scrubbed(SQLException e) {
        boolean leaks = false;
        for (Throwable t = e; t != null && !leaks; t = t.getCause()) {
            String message = t.getMessage();
            leaks = message != null && !JdbcUrls.scrub(message, secrets).equals(message);
        }
        if (!leaks) {
            return e;
        }
        SQLException copy = new SQLException(JdbcUrls.scrub(e.getMessage(), secrets), e.getSQLState(), e.getErrorCode());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /** Creates the parent directories of a SQLite file URL's file, owner-only where POSIX; not for memory. */
    private static void createSqliteDirectory(String url) {
        String rest = url.substring(Dialect.SQLITE.urlPrefix().length());
        int query = rest.indexOf('?');
        String location = query < 0 ? rest : rest.substring(0, query);
        if (location.startsWith("file:")) {
            location = location.substring("file:".length());
        }
        if (location.isEmpty() || location.startsWith(":memory:") || location.startsWith(":resource:")) {
            return;
        }
        Path parent;
        try {
            parent = Path.of(location).toAbsolutePath().getParent();
        } catch (InvalidPathException e) {
            return; // the driver will say what is wrong with it
        }
        if (parent == null || Files.isDirectory(parent)) {
            return;
        }
        try {
            if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(parent, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + JdbcUrls.redact(url), e);
        }
    }
}
