-- Batches of files (module vodupload-batch). Three tables:
-- vodupload_scheduled_tasks is db-scheduler 16.12.0's own table (its PostgreSQL DDL, under our name so it can
-- share a database with another application's scheduler): one row per file that is pending or running;
-- db-scheduler deletes the row when the file is done.
CREATE TABLE vodupload_scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX vodupload_scheduled_tasks_execution_time ON vodupload_scheduled_tasks (execution_time);
CREATE INDEX vodupload_scheduled_tasks_last_heartbeat ON vodupload_scheduled_tasks (last_heartbeat);

-- One row per batch: the settings its files are uploaded with (a JSON object of strings, never a secret).
CREATE TABLE vodupload_batch (
    batch_id   TEXT NOT NULL PRIMARY KEY,
    settings   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One row per file of a batch, kept after the file is done (db-scheduler forgets it): its status
-- (PENDING, RUNNING, SUCCEEDED, FAILED, CANCELED), the attributes that tell whether it changed since, the VOD
-- video id it got, its last error. vod_info is a JSON object of strings; worker is the scheduler that runs it.
CREATE TABLE vodupload_batch_file (
    batch_id        TEXT    NOT NULL REFERENCES vodupload_batch (batch_id),
    file_key        TEXT    NOT NULL,
    task_id         TEXT    NOT NULL,
    source          TEXT    NOT NULL,
    file_length     BIGINT  NOT NULL,
    modified_millis BIGINT  NOT NULL,
    changed_millis  BIGINT  NOT NULL,
    vod_info        TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    video_id        TEXT,
    error_code      TEXT,
    error_message   TEXT,
    bytes           BIGINT,
    worker          TEXT,
    updated_at      TEXT    NOT NULL,
    PRIMARY KEY (batch_id, file_key)
);
CREATE INDEX vodupload_batch_file_status ON vodupload_batch_file (status, batch_id);
