-- Checkpoints of unfinished multipart uploads (io.vodupload.ports.Checkpoint, format version 1).
-- STRICT tables: a value of the wrong type is refused on write instead of being stored and coerced on read.
-- No column holds a credential: a checkpoint has none.
CREATE TABLE vodupload_checkpoint (
    fingerprint               TEXT    NOT NULL PRIMARY KEY,
    format_version            INTEGER NOT NULL,
    file_path                 TEXT    NOT NULL,
    file_length               INTEGER NOT NULL,
    file_last_modified_millis INTEGER NOT NULL,
    endpoint                  TEXT    NOT NULL,
    bucket                    TEXT    NOT NULL,
    object_key                TEXT    NOT NULL,
    region                    TEXT,
    upload_id                 TEXT    NOT NULL,
    part_size                 INTEGER NOT NULL,
    updated_at                TEXT    NOT NULL
) STRICT;

-- One row per finished part; crc64 is the CRC-64/ECMA as a signed 64-bit integer (two's complement).
CREATE TABLE vodupload_checkpoint_part (
    fingerprint TEXT    NOT NULL REFERENCES vodupload_checkpoint (fingerprint) ON DELETE CASCADE,
    part_number INTEGER NOT NULL,
    part_offset INTEGER NOT NULL,
    part_size   INTEGER NOT NULL,
    etag        TEXT    NOT NULL,
    crc64       INTEGER NOT NULL,
    PRIMARY KEY (fingerprint, part_number)
) STRICT;
