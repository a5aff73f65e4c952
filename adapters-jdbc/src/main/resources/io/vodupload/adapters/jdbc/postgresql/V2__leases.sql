-- Checkpoint locks (io.vodupload.ports.CheckpointStore.tryLock): one row per lease held by a worker.
-- owner is the worker's own one-line description (host and pid); token tells its leases from another's with
-- the same description; expires_at (epoch millis) frees the lease of a worker that died.
CREATE TABLE vodupload_checkpoint_lease (
    fingerprint TEXT   NOT NULL PRIMARY KEY,
    owner       TEXT   NOT NULL,
    token       TEXT   NOT NULL,
    expires_at  BIGINT NOT NULL
);
