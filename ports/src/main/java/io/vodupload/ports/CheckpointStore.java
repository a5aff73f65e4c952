package io.vodupload.ports;

import java.util.List;
import java.util.Optional;

/**
 * Keeps checkpoints of unfinished uploads so that another process can resume them.
 *
 * <p><b>Durability:</b> {@link #save} replaces the stored checkpoint atomically: after a crash at any
 * moment, {@link #find} returns either the previous or the new checkpoint, never a mix or a torn file.
 *
 * <p><b>Damage:</b> a stored checkpoint that cannot be read (corrupt, unknown format version, unreadable)
 * is reported once as a warning through {@link System.Logger}, discarded, and treated as absent; it never
 * makes {@link #find} or {@link #list} throw.
 *
 * <p><b>Threading:</b> thread-safe. The domain saves after each finished part, from several threads.
 *
 * <p><b>Locking:</b> one process at a time may work on a checkpoint. The domain takes a {@link Lease} with
 * {@link #tryLock} when an upload with resume starts, and closes it when the upload ends (success, failure,
 * cancel); a second process asking for the same fingerprint is refused at once with a
 * {@link CheckpointInUseException} naming the holder, so it never joins (and damages) the first one's
 * upload. A store that cannot lock keeps the default, which always succeeds: such a store does not protect
 * against two processes, and says so in its documentation.
 *
 * <p>Implementations throw {@link java.io.UncheckedIOException} when they cannot write.
 */
public interface CheckpointStore {

    /**
     * The checkpoint stored under {@code fingerprint}, if any.
     *
     * @param fingerprint the checkpoint's key
     * @return the checkpoint, or empty when there is none (or it cannot be read)
     */
    Optional<Checkpoint> find(String fingerprint);

    /**
     * Stores {@code checkpoint} under its fingerprint, replacing any earlier one.
     *
     * @param checkpoint the checkpoint to store
     */
    void save(Checkpoint checkpoint);

    /**
     * Removes the checkpoint stored under {@code fingerprint}; no error when there is none.
     *
     * @param fingerprint the checkpoint's key
     */
    void remove(String fingerprint);

    /** {@return every readable checkpoint stored, in no particular order} */
    List<Checkpoint> list();

    /**
     * Takes the lock on {@code fingerprint} for {@code owner} (a one-line description of the process, such
     * as {@code "host1 pid 4242"}), or refuses at once: it never waits. The lock lasts until the lease is
     * closed or the process ends (a store may also give it a time limit, which it documents).
     *
     * <p>The default always succeeds and locks nothing, for stores that cannot lock.
     *
     * @throws CheckpointInUseException     when another owner holds the lock; its {@code holder()} names it
     * @throws java.io.UncheckedIOException when the lock cannot be written (the caller may go on unlocked)
     */
    default Lease tryLock(String fingerprint, String owner) {
        return Lease.NONE;
    }

    /**
     * A held checkpoint lock. {@link #close} releases it; it is idempotent and never throws.
     */
    interface Lease extends AutoCloseable {

        /** A lease that holds nothing. */
        Lease NONE = () -> {
        };

        @Override
        void close();
    }

    /** A store that keeps nothing (resume disabled). */
    CheckpointStore NONE = new CheckpointStore() {
        @Override
        public Optional<Checkpoint> find(String fingerprint) {
            return Optional.empty();
        }

        @Override
        public void save(Checkpoint checkpoint) {
        }

        @Override
        public void remove(String fingerprint) {
        }

        @Override
        public List<Checkpoint> list() {
            return List.of();
        }
    };
}
