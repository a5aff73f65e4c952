package io.vodupload.cli.batch;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointInUseException;
import io.vodupload.ports.CheckpointStore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The checkpoints of a shared queue's files (in its PostgreSQL database), whose lock is the queue's own: a
 * file is worked by one worker at a time because the queue hands its task to one worker, and gives it to
 * another only once that worker has missed its heartbeats. The store's own lease of a worker killed
 * mid-file would outlive that (it lasts minutes, since a save renews it), and block the worker that took
 * the file over; so a lock another owner still holds is not waited for here: the queue's word is final.
 * Everything else goes to the store as it is.
 *
 * <p>Thread-safe as the store is.
 */
final class QueueOwnedCheckpoints implements CheckpointStore {

    private final CheckpointStore delegate;

    QueueOwnedCheckpoints(CheckpointStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Optional<Checkpoint> find(String fingerprint) {
        return delegate.find(fingerprint);
    }

    @Override
    public void save(Checkpoint checkpoint) {
        delegate.save(checkpoint);
    }

    @Override
    public void remove(String fingerprint) {
        delegate.remove(fingerprint);
    }

    @Override
    public List<Checkpoint> list() {
        return delegate.list();
    }

    @Override
    public Lease tryLock(String fingerprint, String owner) {
        try {
            return delegate.tryLock(fingerprint, owner);
        } catch (CheckpointInUseException e) {
            return Lease.NONE; // a dead worker's lease: the queue gave this file to us
        }
    }
}
