-- Checkpoints of unfinished multipart uploads (io.vodupload.ports.Checkpoint, format version 1).
-- No column holds a credential: a checkpoint has none.
CREATE TABLE vodupload_checkpoint (
    fingerprint               TEXT    NOT NULL PRIMARY KEY,
    format_version            INTEGER NOT NULL,
    file_path                 TEXT    NOT NULL,
    file_length               BIGINT  NOT NULL,
    file_last_modified_millis BIGINT  NOT NULL,
    endpoint                  TEXT    NOT NULL,
    bucket                    TEXT    NOT NULL,
    object_key                TEXT    NOT NULL,
    region                    TEXT,
    upload_id                 TEXT    NOT NULL,
    part_size                 BIGINT  NOT NULL,
    updated_at                TEXT    NOT NULL
);

-- One row per finished part; crc64 is the CRC-64/ECMA as a signed 64-bit integer (two's complement).
CREATE TABLE vodupload_checkpoint_part (
    fingerprint TEXT    NOT NULL REFERENCES vodupload_checkpoint (fingerprint) ON DELETE CASCADE,
    part_number INTEGER NOT NULL,
    part_offset BIGINT  NOT NULL,
    part_size   BIGINT  NOT NULL,
    etag        TEXT    NOT NULL,
    crc64       BIGINT  NOT NULL,
    PRIMARY KEY (fingerprint, part_number)
);
