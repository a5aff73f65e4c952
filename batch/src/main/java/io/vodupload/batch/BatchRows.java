package io.vodupload.batch;

import io.vodupload.adapters.jdbc.JdbcDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queue's own rows: {@code vodupload_batch} (a batch's settings) and {@code vodupload_batch_file} (each
 * file's status, attributes, VOD video id and last error, kept after db-scheduler forgets the file). Every
 * method is one statement in auto-commit mode, or one short transaction, on a pooled connection.
 * Thread-safe.
 */
final class BatchRows {

    static final String BATCH = "vodupload_batch";
    static final String FILE = "vodupload_batch_file";
    /** An error message is cut to this many characters, on one line. */
    private static final int MAX_MESSAGE = 500;

    private final JdbcDatabase database;
    private final Clock clock;

    BatchRows(JdbcDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** A file's row as stored. */
    record Row(String batchId, String key, String taskId, BatchFile file, FileStatus status, int attempts,
               Optional<String> videoId, Optional<String> errorCode, Optional<String> errorMessage) {

        FileState state() {
            Optional<String> error = errorCode.map(code -> errorMessage.map(m -> code + ": " + m).orElse(code));
            return new FileState(batchId, file.source(), key, status, error, file.length());
        }
    }

    /** What a worker learns when it starts a file. */
    record Started(int attempt, Optional<String> videoId) {
    }

    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    <T> T inTransaction(String what, SqlWork<T> work) {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // closing the connection rolls back
                }
                throw e;
            }
        } catch (SQLException e) {
            throw database.failure(what, e);
        }
    }

    /** Work on a connection in auto-commit mode: for reads, and for writes of a single statement. */
    <T> T read(String what, SqlWork<T> work) {
        try (Connection connection = database.connection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw database.failure(what, e);
        }
    }

    private String now() {
        return clock.instant().toString();
    }

    void upsertBatch(Connection c, String batchId, String settingsJson) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO " + BATCH
                + " (batch_id, settings, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (batch_id) "
                + "DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at")) {
            String now = now();
            upsert.setString(1, batchId);
            upsert.setString(2, settingsJson);
            upsert.setString(3, now);
            upsert.setString(4, now);
            upsert.executeUpdate();
        }
    }

    Optional<String> settings(Connection c, String batchId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT settings FROM " + BATCH + " WHERE batch_id = ?")) {
            select.setString(1, batchId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private static final String ROW_COLUMNS = "batch_id, file_key, task_id, source, file_length, modified_millis, "
            + "changed_millis, vod_info, status, attempts, video_id, error_code, error_message";

    /** The rows of one batch (or all), ordered by batch and key. */
    List<Row> rows(Connection c, Optional<String> batchId, Optional<FileStatus> status) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + ROW_COLUMNS + " FROM " + FILE + " WHERE 1 = 1");
        batchId.ifPresent(b -> sql.append(" AND batch_id = ?"));
        status.ifPresent(s -> sql.append(" AND status = ?"));
        sql.append(" ORDER BY batch_id, file_key");
        try (PreparedStatement select = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (batchId.isPresent()) {
                select.setString(i++, batchId.get());
            }
            if (status.isPresent()) {
                select.setString(i, status.get().name());
            }
            List<Row> result = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    result.add(row(rows));
                }
            }
            return result;
        }
    }

    Map<String, Row> rowsByKey(Connection c, String batchId) throws SQLException {
        Map<String, Row> byKey = new LinkedHashMap<>();
        for (Row r : rows(c, Optional.of(batchId), Optional.empty())) {
            byKey.put(r.key(), r);
        }
        return byKey;
    }

    private static Row row(ResultSet rows) throws SQLException {
        BatchFile file = new BatchFile(rows.getString("source"), rows.getString("file_key"),
                rows.getLong("file_length"), rows.getLong("modified_millis"), rows.getLong("changed_millis"),
                JsonTaskData.INSTANCE.readMap(rows.getString("vod_info")));
        return new Row(rows.getString("batch_id"), rows.getString("file_key"), rows.getString("task_id"), file,
                FileStatus.valueOf(rows.getString("status")), rows.getInt("attempts"),
                Optional.ofNullable(rows.getString("video_id")), Optional.ofNullable(rows.getString("error_code")),
                Optional.ofNullable(rows.getString("error_message")));
    }

    /** A file to (re)schedule: its row becomes PENDING. */
    record Pending(String batchId, String taskId, BatchFile file, boolean clearVideoId) {
    }

    /**
     * Inserts each file's row as PENDING, or resets an existing one to PENDING with the file's attributes
     * (attempts and error cleared; the video id cleared when asked: the content changed), in one batch.
     */
    void schedulePending(Connection c, List<Pending> files) throws SQLException {
        if (files.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO " + FILE + " (batch_id, file_key, task_id, "
                + "source, file_length, modified_millis, changed_millis, vod_info, status, attempts, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?) ON CONFLICT (batch_id, file_key) DO UPDATE SET "
                + "task_id = excluded.task_id, source = excluded.source, file_length = excluded.file_length, "
                + "modified_millis = excluded.modified_millis, changed_millis = excluded.changed_millis, "
                + "vod_info = excluded.vod_info, status = 'PENDING', attempts = 0, error_code = NULL, "
                + "error_message = NULL, bytes = NULL, worker = NULL, updated_at = excluded.updated_at, "
                + "video_id = CASE WHEN ? = 1 THEN NULL ELSE " + FILE + ".video_id END")) {
            String now = now();
            for (Pending p : files) {
                BatchFile file = p.file();
                upsert.setString(1, p.batchId());
                upsert.setString(2, file.key());
                upsert.setString(3, p.taskId());
                upsert.setString(4, file.source());
                upsert.setLong(5, file.length());
                upsert.setLong(6, file.modifiedMillis());
                upsert.setLong(7, file.changedMillis());
                upsert.setString(8, JsonTaskData.INSTANCE.writeMap(file.vodInfo()));
                upsert.setString(9, now);
                upsert.setInt(10, p.clearVideoId() ? 1 : 0);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /**
     * Marks a file RUNNING by {@code worker} and counts the attempt; empty when the file is not PENDING or
     * RUNNING (canceled meanwhile, or unknown), so the worker drops its task.
     */
    Optional<Started> start(String batchId, String key, String worker) {
        return inTransaction("cannot start file " + key + " of batch " + batchId, c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE " + FILE + " SET status = 'RUNNING', "
                    + "attempts = attempts + 1, worker = ?, updated_at = ? WHERE batch_id = ? AND file_key = ? "
                    + "AND status IN ('PENDING', 'RUNNING')")) {
                update.setString(1, worker);
                update.setString(2, now());
                update.setString(3, batchId);
                update.setString(4, key);
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement select = c.prepareStatement("SELECT attempts, video_id FROM " + FILE
                    + " WHERE batch_id = ? AND file_key = ?")) {
                select.setString(1, batchId);
                select.setString(2, key);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return Optional.of(new Started(rows.getInt(1), Optional.ofNullable(rows.getString(2))));
                }
            }
        });
    }

    void videoId(String batchId, String key, String videoId) {
        update("cannot record the video id of " + key, "UPDATE " + FILE + " SET video_id = ?, updated_at = ? "
                + "WHERE batch_id = ? AND file_key = ?", videoId, now(), batchId, key);
    }

    void succeeded(String batchId, String key, long bytes, Optional<String> videoId) {
        read("cannot record file " + key + " as succeeded", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE " + FILE + " SET status = 'SUCCEEDED', "
                    + "bytes = ?, video_id = COALESCE(?, video_id), error_code = NULL, error_message = NULL, "
                    + "worker = NULL, updated_at = ? WHERE batch_id = ? AND file_key = ?")) {
                update.setLong(1, bytes);
                setNullable(update, 2, videoId);
                update.setString(3, now());
                update.setString(4, batchId);
                update.setString(5, key);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Records a failed attempt: PENDING again (a retry follows) or FAILED for good. */
    void failed(String batchId, String key, FileOutcome.Failed failure, boolean last) {
        read("cannot record file " + key + " as failed", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE " + FILE + " SET status = ?, "
                    + "video_id = COALESCE(?, video_id), error_code = ?, error_message = ?, worker = NULL, "
                    + "updated_at = ? WHERE batch_id = ? AND file_key = ?")) {
                update.setString(1, last ? FileStatus.FAILED.name() : FileStatus.PENDING.name());
                setNullable(update, 2, failure.videoId());
                update.setString(3, oneLine(failure.code(), 100));
                update.setString(4, oneLine(failure.message(), MAX_MESSAGE));
                update.setString(5, now());
                update.setString(6, batchId);
                update.setString(7, key);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** A file this worker let go of (interrupted) is PENDING again; the attempt does not count. */
    void released(String batchId, String key, String worker) {
        update("cannot release file " + key, "UPDATE " + FILE + " SET status = 'PENDING', worker = NULL, "
                + "attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, updated_at = ? "
                + "WHERE batch_id = ? AND file_key = ? AND status = 'RUNNING' AND worker = ?", now(), batchId, key,
                worker);
    }

    /** Every file still RUNNING by {@code worker} is PENDING again (its attempt does not count). */
    int releasedAll(String worker) {
        return update("cannot release the files of worker " + worker, "UPDATE " + FILE + " SET status = 'PENDING', "
                + "worker = NULL, attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, updated_at = ? "
                + "WHERE status = 'RUNNING' AND worker = ?", now(), worker);
    }

    /** A file whose worker died is PENDING again, for every worker; the attempt it was on counts. */
    void orphaned(String batchId, String key) {
        update("cannot return file " + key + " of a dead worker", "UPDATE " + FILE + " SET status = 'PENDING', "
                + "worker = NULL, updated_at = ? WHERE batch_id = ? AND file_key = ? AND status = 'RUNNING'", now(),
                batchId, key);
    }

    /** One UPDATE with string parameters (auto-commit: one round trip); returns the rows it changed. */
    private int update(String what, String sql, Object... values) {
        return read(what, c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    update.setString(i + 1, (String) values[i]);
                }
                return update.executeUpdate();
            }
        });
    }

    private static void setNullable(PreparedStatement statement, int index, Optional<String> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    /** {@code text} on one line (control characters as spaces), at most {@code max} characters. */
    static String oneLine(String text, int max) {
        String line = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
