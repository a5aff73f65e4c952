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
