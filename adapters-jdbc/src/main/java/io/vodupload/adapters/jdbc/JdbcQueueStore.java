package io.vodupload.adapters.jdbc;

import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.QueueStore;
import io.vodupload.ports.QueuedFileInfo;
import io.vodupload.ports.QueuedFileStatus;
import io.vodupload.ports.StorageTarget;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link QueueStore} in a relational database (SQLite or PostgreSQL, see {@link JdbcDatabase}): the state
 * of a library upload queue, one row per file in {@code vodupload_queue_file} and one per VOD-info field or
 * object header in {@code vodupload_queue_file_entry}. Several queues may share a database: each store is
 * for one queue, named when it is made, and sees only that queue's files.
 *
 * <pre>{@code
 * JdbcDatabase db = JdbcDatabase.open("jdbc:sqlite:" + dir.resolve("state.db"));
 * UploadQueue queue = UploadQueue.builder(uploader)
 *         .store(new JdbcQueueStore(db, "nightly"))
 *         .credentials(provider).build();      // lists what the store holds: a rerun continues
 * }</pre>
 *
 * <p><b>Durability:</b> {@link #save} is one transaction (upsert the file's row, then rewrite its entries
 * only when they differ), so a reader in any process and a crash at any moment see the file as saved last
 * or as saved before, never a mix. {@link #list} is one statement. The order of {@link #list} is the order
 * each id was first saved (a replace keeps its place).
 *
 * <p><b>Damage:</b> a row that cannot be read back (an unknown status, a path or endpoint that does not
 * parse, a value {@link QueuedFileInfo} refuses) is skipped by {@link #list} and reported once as a
 * {@link System.Logger.Level#WARNING} naming the queue and id (never the values). It is not deleted: a
 * queue file is the user's work, not a cache; a later {@link #save} of that id replaces it.
 *
 * <p><b>Secrets:</b> there is no column for a credential (a {@link QueuedFileInfo} has none); messages
 * name the database with its password redacted.
 *
 * <p><b>Threading:</b> thread-safe; concurrent saves of one id are ordered by the database's row lock.
 * Arguments must not be null. Every method throws {@link java.io.UncheckedIOException} when the database
 * cannot be reached, read or written.
 */
public final class JdbcQueueStore implements QueueStore {

    private static final System.Logger LOG = System.getLogger(JdbcQueueStore.class.getName());
    /** The longest queue name: it is a key column, and a name, not a document. */
    public static final int MAX_QUEUE_NAME = 200;

    static final String FILE_TABLE = "vodupload_queue_file";
    static final String ENTRY_TABLE = "vodupload_queue_file_entry";
    private static final String VOD = "vod";
    private static final String HEADER = "header";

    private static final String UPSERT = "INSERT INTO " + FILE_TABLE + " (queue, id, source_path, ticketed, "
            + "endpoint, bucket, object_key, region, content_type, status, video_id, bytes_uploaded, total_bytes, "
            + "error_code, error_message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (queue, id) DO UPDATE SET source_path = excluded.source_path, "
            + "ticketed = excluded.ticketed, endpoint = excluded.endpoint, bucket = excluded.bucket, "
            + "object_key = excluded.object_key, region = excluded.region, content_type = excluded.content_type, "
            + "status = excluded.status, video_id = excluded.video_id, bytes_uploaded = excluded.bytes_uploaded, "
            + "total_bytes = excluded.total_bytes, error_code = excluded.error_code, "
            + "error_message = excluded.error_message";

    /** A queue's files with their entries, one row per entry (or one with null entry columns), in file order. */
    private static final String SELECT = "SELECT f.seq, f.id, f.source_path, f.ticketed, f.endpoint, f.bucket, "
            + "f.object_key, f.region, f.content_type, f.status, f.video_id, f.bytes_uploaded, f.total_bytes, "
            + "f.error_code, f.error_message, e.kind, e.name, e.value FROM " + FILE_TABLE + " f LEFT JOIN "
            + ENTRY_TABLE + " e ON e.queue = f.queue AND e.id = f.id WHERE f.queue = ? ORDER BY f.seq, e.kind, e.name";

    private final JdbcDatabase database;
    private final String queue;
    /** Damaged rows already reported, so a queue that lists often warns once per row. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /**
     * The store of the queue named {@code queue} in {@code database}; nothing is connected to until the first
     * call (which creates or migrates the schema).
     *
     * @param database where the rows live
     * @param queue    the queue's name: 1..{@value #MAX_QUEUE_NAME} characters, no control character; stores
     *                 with the same name on the same database share their files
     * @throws IllegalArgumentException when the name is empty, too long or holds a control character
     */
    public JdbcQueueStore(JdbcDatabase database, String queue) {
        this.database = Objects.requireNonNull(database, "database");
        Objects.requireNonNull(queue, "queue");
        if (queue.isEmpty() || queue.length() > MAX_QUEUE_NAME) {
            throw new IllegalArgumentException("queue name is not 1.." + MAX_QUEUE_NAME + " characters: "
                    + queue.length());
        }
        if (queue.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("queue name holds a control character");
        }
        this.queue = queue;
    }

    /** The queue's name. */
    public String queue() {
        return queue;
    }

    /** The database this store keeps its rows in. */
    public JdbcDatabase database() {
        return database;
    }

    @Override
    public void save(QueuedFileInfo file) {
        Objects.requireNonNull(file, "file");
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                // the upsert first: it takes the row's write lock, so a concurrent save of this id waits here
                try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                    bind(upsert, file);
                    upsert.executeUpdate();
                }
                Map<String, String> wanted = entries(file);
                if (!wanted.equals(storedEntries(connection, file.id()))) {
                    delete(connection, "DELETE FROM " + ENTRY_TABLE + " WHERE queue = ? AND id = ?", file.id());
                    insertEntries(connection, file.id(), file.vodInfo(), VOD);
                    insertEntries(connection, file.id(), file.metadata().headers(), HEADER);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                JdbcDatabase.rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw database.failure("cannot save file " + file.id() + " of queue " + queue, e);
        }
        reported.remove(file.id());
    }

    @Override
    public void remove(String id) {
        Objects.requireNonNull(id, "id");
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                // the entries explicitly too: a data source given to JdbcDatabase.of may run SQLite without foreign keys
                delete(connection, "DELETE FROM " + ENTRY_TABLE + " WHERE queue = ? AND id = ?", id);
                delete(connection, "DELETE FROM " + FILE_TABLE + " WHERE queue = ? AND id = ?", id);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                JdbcDatabase.rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw database.failure("cannot remove file " + id + " of queue " + queue, e);
        }
        reported.remove(id);
    }

    @Override
    public List<QueuedFileInfo> list() {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, queue);
            try (ResultSet r = select.executeQuery()) {
                Row current = null;
                while (r.next()) {
                    long seq = r.getLong("seq");
                    if (current == null || current.seq != seq) {
                        current = new Row(seq, r);
                        rows.add(current);
                    }
                    String kind = r.getString("kind");
                    if (kind != null) {
                        (VOD.equals(kind) ? current.vodInfo : current.headers).put(r.getString("name"),
                                r.getString("value"));
                    }
                }
            }
        } catch (SQLException e) {
            throw database.failure("cannot list the files of queue " + queue, e);
        }
        List<QueuedFileInfo> files = new ArrayList<>(rows.size());
        for (Row row : rows) {
            try {
                files.add(row.toInfo());
            } catch (RuntimeException e) {
                if (reported.add(row.id)) {
                    // a fixed phrase and the exception's type: never its message, which could quote stored values
                    LOG.log(System.Logger.Level.WARNING, "Skipping file {0} of queue {1} in {2}: a stored value"
                            + " is invalid ({3})", row.id, queue, database.description(), e.getClass().getSimpleName());
                }
            }
        }
        return List.copyOf(files);
    }

    @Override
    public String toString() {
        return "JdbcQueueStore[" + queue + " in " + database.description() + "]";
    }

    /** One file as read, before validation: a row that fails {@link #toInfo()} is damage. */
    private static final class Row {
        final long seq;
        final String id;
        final String source;
        final int ticketed;
        final String endpoint;
        final String bucket;
        final String key;
        final String region;
        final String contentType;
        final String status;
        final String videoId;
        final long bytesUploaded;
        final long totalBytes;
        final String errorCode;
        final String errorMessage;
        final Map<String, String> vodInfo = new TreeMap<>();
        final Map<String, String> headers = new TreeMap<>();

        Row(long seq, ResultSet r) throws SQLException {
            this.seq = seq;
            this.id = r.getString("id");
            this.source = r.getString("source_path");
            this.ticketed = r.getInt("ticketed");
            this.endpoint = r.getString("endpoint");
            this.bucket = r.getString("bucket");
            this.key = r.getString("object_key");
            this.region = r.getString("region");
            this.contentType = r.getString("content_type");
            this.status = r.getString("status");
            this.videoId = r.getString("video_id");
            this.bytesUploaded = r.getLong("bytes_uploaded");
            this.totalBytes = r.getLong("total_bytes");
            this.errorCode = r.getString("error_code");
            this.errorMessage = r.getString("error_message");
        }

        /**
         * The file these rows describe.
         *
         * @throws RuntimeException (IllegalArgumentException, NullPointerException, InvalidPathException)
         *                          when a value is invalid
         */
        QueuedFileInfo toInfo() {
            Optional<StorageTarget> target = endpoint == null ? Optional.empty()
                    : Optional.of(new StorageTarget(URI.create(endpoint), bucket, key, Optional.ofNullable(region)));
            if (ticketed != 0 && ticketed != 1) {
                throw new IllegalArgumentException("ticketed is not 0 or 1");
            }
            return new QueuedFileInfo(id, Path.of(source), target, ticketed == 1, vodInfo,
                    new ObjectMetadata(Optional.ofNullable(contentType), headers), QueuedFileStatus.valueOf(status),
                    Optional.ofNullable(videoId), bytesUploaded, totalBytes, Optional.ofNullable(errorCode),
                    Optional.ofNullable(errorMessage));
        }
    }

    private void bind(PreparedStatement upsert, QueuedFileInfo f) throws SQLException {
        upsert.setString(1, queue);
        upsert.setString(2, f.id());
        upsert.setString(3, f.source().toString());
        upsert.setInt(4, f.ticketed() ? 1 : 0);
        Optional<StorageTarget> t = f.target();
        setNullable(upsert, 5, t.map(StorageTarget::endpoint).map(URI::toString));
        setNullable(upsert, 6, t.map(StorageTarget::bucket));
        setNullable(upsert, 7, t.map(StorageTarget::key));
        setNullable(upsert, 8, t.flatMap(StorageTarget::region));
        setNullable(upsert, 9, f.metadata().contentType());
        upsert.setString(10, f.status().name());
        setNullable(upsert, 11, f.videoId());
        upsert.setLong(12, f.bytesUploaded());
        upsert.setLong(13, f.totalBytes());
        setNullable(upsert, 14, f.errorCode());
        setNullable(upsert, 15, f.errorMessage());
    }

    private static void setNullable(PreparedStatement statement, int index, Optional<String> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    /** The entry rows a file should have, keyed {@code kind + '\0' + name}. */
    private static Map<String, String> entries(QueuedFileInfo file) {
        Map<String, String> all = new LinkedHashMap<>();
        file.vodInfo().forEach((name, value) -> all.put(VOD + '\0' + name, value));
        file.metadata().headers().forEach((name, value) -> all.put(HEADER + '\0' + name, value));
        return all;
    }

    private Map<String, String> storedEntries(Connection connection, String id) throws SQLException {
        Map<String, String> stored = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT kind, name, value FROM " + ENTRY_TABLE + " WHERE queue = ? AND id = ?")) {
            select.setString(1, queue);
            select.setString(2, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getString(1) + '\0' + rows.getString(2), rows.getString(3));
                }
            }
        }
        return stored;
    }

    private void insertEntries(Connection connection, String id, Map<String, String> values, String kind)
            throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + ENTRY_TABLE + " (queue, id, kind, name, value) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                insert.setString(1, queue);
                insert.setString(2, id);
                insert.setString(3, kind);
                insert.setString(4, e.getKey());
                insert.setString(5, e.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void delete(Connection connection, String sql, String id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setString(1, queue);
            delete.setString(2, id);
            delete.executeUpdate();
        }
    }
}
