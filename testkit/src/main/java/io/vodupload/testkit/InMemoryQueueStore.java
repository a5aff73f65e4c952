package io.vodupload.testkit;

import io.vodupload.ports.QueueStore;
import io.vodupload.ports.QueuedFileInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link QueueStore} in memory that counts its saves, for assertions, and can be told to fail its
 * writes. One instance handed to a second queue plays the part of a store that survived a restart.
 *
 * <p>Thread-safe.
 */
public final class InMemoryQueueStore implements QueueStore {

    private final Map<String, QueuedFileInfo> stored = new LinkedHashMap<>();
    private int saves;
    private volatile boolean failWrites;

    @Override
    public synchronized void save(QueuedFileInfo file) {
        Objects.requireNonNull(file, "file");
        if (failWrites) {
            throw new UncheckedIOException(new IOException("injected: cannot write the queue"));
        }
        saves++;
        stored.put(file.id(), file);
    }

    @Override
    public synchronized void remove(String id) {
        Objects.requireNonNull(id, "id");
        if (failWrites) {
            throw new UncheckedIOException(new IOException("injected: cannot write the queue"));
        }
        stored.remove(id);
    }

    @Override
    public synchronized List<QueuedFileInfo> list() {
        return List.copyOf(new ArrayList<>(stored.values()));
    }

    /** How many saves succeeded so far. */
    public synchronized int saves() {
        return saves;
    }

    /** Makes every later save and remove throw {@link UncheckedIOException} (or stop doing so). */
    public void failWrites(boolean fail) {
        this.failWrites = fail;
    }
}
