package io.vodupload.cli.upload;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointStore;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A {@link CheckpointStore} that counts saves in progress, so that an interrupt can wait (bounded) for the
 * last one to reach the disk before the process exits, and that knows whether this upload has a checkpoint
 * on disk at all ({@link #holdsCheckpoint}), so an interrupt never claims one that was not written. A lock
 * that cannot be written (the directory cannot be created or written) is reported once to
 * {@code unwritable}, at the start: such an upload cannot resume. Everything else is passed through.
 *
 * <p>Thread-safe.
 */
final class InFlightCheckpoints implements CheckpointStore {

    private final CheckpointStore delegate;
    private final Object lock = new Object();
    private final Consumer<UncheckedIOException> unwritable;
    private final AtomicBoolean reported = new AtomicBoolean();
    private final List<Lease> leases = new java.util.ArrayList<>();
    private int saving;
    /** The fingerprint of the checkpoint found or saved last and not removed since: it is on disk. */
    private String stored;

    InFlightCheckpoints(CheckpointStore delegate, Consumer<UncheckedIOException> unwritable) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.unwritable = Objects.requireNonNull(unwritable, "unwritable");
    }

    /**
     * Closes the checkpoint locks this upload took: the command is about to exit with the upload paused
     * ("pause and close"), so the next run, even in this process, may take it over.
     */
    void releaseLocks() {
        List<Lease> held;
        synchronized (lock) {
            held = List.copyOf(leases);
            leases.clear();
        }
        held.forEach(Lease::close);
    }

    /** Whether this upload's checkpoint is on disk now (a rerun resumes from it). */
    boolean holdsCheckpoint() {
        synchronized (lock) {
            return stored != null;
        }
    }

    /** Waits until no save is in progress, at most {@code timeout}; whether none was in time. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (saving > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    @Override
    public void save(Checkpoint checkpoint) {
        synchronized (lock) {
            saving++;
        }
        try {
            delegate.save(checkpoint);
            synchronized (lock) {
                stored = checkpoint.fingerprint();
            }
        } finally {
            synchronized (lock) {
                saving--;
                lock.notifyAll();
            }
        }
    }

    @Override
    public Optional<Checkpoint> find(String fingerprint) {
        Optional<Checkpoint> found = delegate.find(fingerprint);
        if (found.isPresent()) {
            synchronized (lock) {
                stored = fingerprint;
            }
        }
        return found;
    }

    @Override
    public void remove(String fingerprint) {
        delegate.remove(fingerprint);
        synchronized (lock) {
            if (fingerprint.equals(stored)) {
                stored = null;
            }
        }
    }

    @Override
    public Lease tryLock(String fingerprint, String owner) {
        try {
            Lease lease = delegate.tryLock(fingerprint, owner);
            synchronized (lock) {
                leases.add(lease);
            }
            return lease;
        } catch (UncheckedIOException e) {
            if (reported.compareAndSet(false, true)) {
                unwritable.accept(e);
            }
            throw e;
        }
    }

    @Override
    public List<Checkpoint> list() {
        return delegate.list();
    }
}
