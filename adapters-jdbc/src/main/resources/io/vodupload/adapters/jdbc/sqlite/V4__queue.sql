-- The library upload queue's state (io.vodupload.ports.QueueStore, one QueuedFileInfo per row), for every
-- queue sharing the database: a queue is named, and its file ids are unique within it. seq is the order a
-- file was first saved (an upsert keeps it). No column holds a credential: a queued file has none.
CREATE TABLE vodupload_queue_file (
    seq            INTEGER NOT NULL PRIMARY KEY,
    queue          TEXT    NOT NULL,
    id             TEXT    NOT NULL,
    source_path    TEXT    NOT NULL,
    ticketed       INTEGER NOT NULL CHECK (ticketed IN (0, 1)),
    endpoint       TEXT,
    bucket         TEXT,
    object_key     TEXT,
    region         TEXT,
    content_type   TEXT,
    status         TEXT    NOT NULL,
    video_id       TEXT,
    bytes_uploaded INTEGER NOT NULL,
    total_bytes    INTEGER NOT NULL,
    error_code     TEXT,
    error_message  TEXT,
    UNIQUE (queue, id)
) STRICT;

-- The two maps of a queued file, one row per entry: kind 'vod' for its VOD info (Title, CateId, ...),
-- 'header' for the x-oss-* headers of its object metadata.
CREATE TABLE vodupload_queue_file_entry (
    queue   TEXT NOT NULL,
    id      TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('vod', 'header')),
    name    TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (queue, id, kind, name),
    FOREIGN KEY (queue, id) REFERENCES vodupload_queue_file (queue, id) ON DELETE CASCADE
) STRICT;
