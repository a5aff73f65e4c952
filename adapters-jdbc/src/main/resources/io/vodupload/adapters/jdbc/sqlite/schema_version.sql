-- Created before any migration, with IF NOT EXISTS: it records which migrations ran.
CREATE TABLE IF NOT EXISTS vodupload_schema_version (
    version     INTEGER NOT NULL PRIMARY KEY,
    description TEXT    NOT NULL,
    applied_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
) STRICT;
