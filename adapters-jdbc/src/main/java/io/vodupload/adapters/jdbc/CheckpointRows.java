package io.vodupload.adapters.jdbc;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.StorageTarget;
import java.net.URI;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a {@link Checkpoint} maps to the rows of {@code vodupload_checkpoint} and
 * {@code vodupload_checkpoint_part}: every field in a column of its own, so the mapping changes only on
 * purpose (with a migration). Times are ISO-8601 instants as text (nanoseconds survive), CRC-64s are
 * signed 64-bit integers. There is no column for a credential, by design.
 */
final class CheckpointRows {

    static final String CHECKPOINT_TABLE = "vodupload_checkpoint";
    static final String PART_TABLE = "vodupload_checkpoint_part";

    static final String CHECKPOINT_COLUMNS = "fingerprint, format_version, file_path, file_length, "
            + "file_last_modified_millis, endpoint, bucket, object_key, region, upload_id, part_size, updated_at";

    /** Checkpoints with their parts, one row per part (or one row with null part columns), in part order. */
    static final String SELECT = "SELECT c.fingerprint, c.format_version, c.file_path, c.file_length, "
            + "c.file_last_modified_millis, c.endpoint, c.bucket, c.object_key, c.region, c.upload_id, c.part_size, "
            + "c.updated_at, p.part_number, p.part_offset, p.part_size AS p_size, p.etag, p.crc64 "
            + "FROM " + CHECKPOINT_TABLE + " c LEFT JOIN " + PART_TABLE + " p ON p.fingerprint = c.fingerprint ";

    static final String UPSERT = "INSERT INTO " + CHECKPOINT_TABLE + " (" + CHECKPOINT_COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET "
            + "format_version = excluded.format_version, file_path = excluded.file_path, "
            + "file_length = excluded.file_length, file_last_modified_millis = excluded.file_last_modified_millis, "
            + "endpoint = excluded.endpoint, bucket = excluded.bucket, object_key = excluded.object_key, "
            + "region = excluded.region, upload_id = excluded.upload_id, part_size = excluded.part_size, "
            + "updated_at = excluded.updated_at";

    private CheckpointRows() {
    }

    /** A checkpoint as read, before validation: a row that fails {@link #toCheckpoint()} is damage. */
    record Stored(String fingerprint, int formatVersion, String file, long fileLength, long fileLastModifiedMillis,
                  String endpoint, String bucket, String key, String region, String uploadId, long partSize,
                  String updatedAt, List<StoredPart> parts) {

        /**
         * The checkpoint these rows describe.
         *
         * @throws RuntimeException (IllegalArgumentException, NullPointerException, DateTimeParseException,
         *                          InvalidPathException) when a value is invalid
         */
        Checkpoint toCheckpoint() {
            StorageTarget target = new StorageTarget(URI.create(endpoint), bucket, key, Optional.ofNullable(region));
            List<CheckpointPart> checkpointParts = parts.stream()
                    .map(p -> new CheckpointPart(p.partNumber(), p.offset(), p.size(), p.etag(), p.crc64()))
                    .toList();
            return new Checkpoint(formatVersion, fingerprint, Path.of(file), fileLength, fileLastModifiedMillis,
                    target, uploadId, partSize, checkpointParts, Instant.parse(updatedAt));
        }
    }

    /** One part row. */
    record StoredPart(int partNumber, long offset, long size, String etag, long crc64) {
        static StoredPart of(CheckpointPart p) {
            return new StoredPart(p.partNumber(), p.offset(), p.size(), p.etag(), p.crc64());
        }
    }

    /** Reads the rows of {@link #SELECT} (ordered by fingerprint, then part number) into checkpoints. */
    static List<Stored> read(ResultSet rows) throws SQLException {
        List<Stored> result = new ArrayList<>();
        Stored current = null;
        List<StoredPart> parts = null;
        while (rows.next()) {
            String fingerprint = rows.getString("fingerprint");
            if (current == null || !current.fingerprint().equals(fingerprint)) {
                parts = new ArrayList<>();
                current = new Stored(fingerprint, rows.getInt("format_version"), rows.getString("file_path"),
                        rows.getLong("file_length"), rows.getLong("file_last_modified_millis"),
                        rows.getString("endpoint"), rows.getString("bucket"), rows.getString("object_key"),
                        rows.getString("region"), rows.getString("upload_id"), rows.getLong("part_size"),
                        rows.getString("updated_at"), parts);
                result.add(current);
            }
            int partNumber = rows.getInt("part_number");
            if (!rows.wasNull()) {
                parts.add(new StoredPart(partNumber, rows.getLong("part_offset"), rows.getLong("p_size"),
                        rows.getString("etag"), rows.getLong("crc64")));
            }
        }
        return result;
    }

    /** Binds {@code c} to the parameters of {@link #UPSERT}. */
    static void bind(PreparedStatement upsert, Checkpoint c) throws SQLException {
        StorageTarget t = c.target();
        upsert.setString(1, c.fingerprint());
        upsert.setInt(2, c.formatVersion());
        upsert.setString(3, c.file().toString());
        upsert.setLong(4, c.fileLength());
        upsert.setLong(5, c.fileLastModifiedMillis());
        upsert.setString(6, t.endpoint().toString());
        upsert.setString(7, t.bucket());
        upsert.setString(8, t.key());
        if (t.region().isPresent()) {
            upsert.setString(9, t.region().get());
        } else {
            upsert.setNull(9, Types.VARCHAR);
        }
        upsert.setString(10, c.uploadId());
        upsert.setLong(11, c.partSize());
        upsert.setString(12, c.updatedAt().toString());
    }
}
