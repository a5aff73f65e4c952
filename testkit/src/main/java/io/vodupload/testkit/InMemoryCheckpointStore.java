package io.vodupload.testkit;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointInUseException;
import io.vodupload.ports.CheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link CheckpointStore} in memory that remembers every save and remove, for assertions, and can be
 * told to fail its writes.
 *
 * <p>Thread-safe.
 */
public final class InMemoryCheckpointStore implements CheckpointStore {

    private final Map<String, Checkpoint> stored = new ConcurrentHashMap<>();
    /** The owners of the leases held, by fingerprint. */
    private final Map<String, Holder> leases = new ConcurrentHashMap<>();
    private final List<Checkpoint> saves = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private volatile boolean failWrites;

    @Override
    public Optional<Checkpoint> find(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        return Optional.ofNullable(stored.get(fingerprint));
    }

    @Override
    public void save(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (failWrites) {
            throw new UncheckedIOException(new IOException("injected: cannot write checkpoint"));
        }
        synchronized (saves) {
            saves.add(checkpoint);
            stored.put(checkpoint.fingerprint(), checkpoint);
        }
    }

    @Override
    public void remove(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (failWrites) {
            throw new UncheckedIOException(new IOException("injected: cannot remove checkpoint"));
        }
        synchronized (saves) {
            removes.add(fingerprint);
            stored.remove(fingerprint);
        }
    }

    /** Locks like a real store: one owner per fingerprint until its lease is closed. */
    @Override
    public Lease tryLock(String fingerprint, String owner) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Holder mine = new Holder(Objects.requireNonNull(owner, "owner"));
        Holder holder = leases.putIfAbsent(fingerprint, mine);
        if (holder != null) {
            throw new CheckpointInUseException(fingerprint, holder.owner());
        }
        return () -> leases.remove(fingerprint, mine);
    }

    /** One lease; compared by identity, so a closed lease never releases a later one of the same owner. */
    private static final class Holder {
        private final String owner;

        Holder(String owner) {
            this.owner = owner;
        }

        String owner() {
            return owner;
        }
    }

    @Override
    public List<Checkpoint> list() {
        return List.copyOf(stored.values());
    }

    /** Makes every later save and remove throw {@link UncheckedIOException} (or stop doing so). */
    public void failWrites(boolean fail) {
        this.failWrites = fail;
    }

    /** Every checkpoint saved, in order. */
    public List<Checkpoint> saves() {
        synchronized (saves) {
            return List.copyOf(saves);
        }
    }

    /** Every fingerprint removed, in order. */
    public List<String> removes() {
        synchronized (saves) {
            return List.copyOf(removes);
        }
    }

    /** Forgets the history of saves and removes (the stored checkpoints stay). */
    public void clearHistory() {
        synchronized (saves) {
            saves.clear();
            removes.clear();
        }
    }
}
