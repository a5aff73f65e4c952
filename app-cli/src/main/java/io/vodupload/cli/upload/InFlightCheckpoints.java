package io.vodupload.cli.upload;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointStore;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link CheckpointStore} that counts saves in progress, so that an interrupt can wait (bounded) for the
 * last one to reach the disk before the process exits. Everything else is passed through unchanged.
 *
 * <p>Thread-safe.
 */
final class InFlightCheckpoints implements CheckpointStore {

    private final CheckpointStore delegate;
    private final Object lock = new Object();
    private int saving;

    InFlightCheckpoints(CheckpointStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
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
        } finally {
            synchronized (lock) {
                saving--;
                lock.notifyAll();
            }
        }
    }

    @Override
    public Optional<Checkpoint> find(String fingerprint) {
        return delegate.find(fingerprint);
    }

    @Override
    public void remove(String fingerprint) {
        delegate.remove(fingerprint);
    }

    @Override
    public List<Checkpoint> list() {
        return delegate.list();
    }
}
