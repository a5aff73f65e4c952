package io.vodupload.ports;

import java.util.List;
import java.util.Objects;

/**
 * Keeps the state of an upload queue (each file's source, target, metadata, status, VideoId and error
 * code) so that a queue created again over the same store continues: files that succeeded are not sent
 * again, files that were in flight resume from their checkpoints. It never holds a secret:
 * {@link QueuedFileInfo} has none.
 *
 * <p><b>Durability:</b> {@link #save} replaces the stored file atomically; after a crash {@link #list}
 * shows each file as last saved or as saved before, never a mix.
 *
 * <p><b>Threading:</b> thread-safe; the queue saves from several threads.
 *
 * <p>Implementations throw {@link java.io.UncheckedIOException} when they cannot write.
 */
public interface QueueStore {

    /** Stores {@code file} under its id, replacing any earlier state of that id (which keeps its place). */
    void save(QueuedFileInfo file);

    /** Removes the file stored under {@code id}; no error when there is none. */
    void remove(String id);

    /** Every stored file, in the order each id was first saved. */
    List<QueuedFileInfo> list();

    /** A store that keeps nothing (a queue that lives as long as its process). */
    QueueStore NONE = new QueueStore() {
        @Override
        public void save(QueuedFileInfo file) {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public void remove(String id) {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public List<QueuedFileInfo> list() {
            return List.of();
        }
    };
}
