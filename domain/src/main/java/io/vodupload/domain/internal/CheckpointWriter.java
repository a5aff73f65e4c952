package io.vodupload.domain.internal;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointStore;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Writes one upload's checkpoints off the engine's lock: one writer at a time, in order, and coalescing.
 * A save or remove asked for while an earlier one is being written waits; when several wait for the same
 * fingerprint, only the latest is written (the store holds one checkpoint per fingerprint, so an older
 * state written after a newer one would only be undone by it). So a finished part never waits for the
 * store's fsyncs, and neither do progress, pause or state, which share the engine's lock.
 *
 * <p>{@link #flushed()} tells when everything asked so far is written: the engine waits for it before a
 * pause settles and before the terminal callback, so both still find the checkpoint as they say.
 *
 * <p>Threading: {@link #save} and {@link #remove} may be called from any thread; the writes run on the
 * given executor, at most one at a time. A failing write is logged once (a warning) and the next goes on.
 */
final class CheckpointWriter {

    private static final System.Logger LOG = System.getLogger(CheckpointWriter.class.getName());

    private final CheckpointStore store;
    private final Executor executor;
    private final Object lock = new Object();
    /** Waiting writes by fingerprint, in the order first asked; the value is the latest asked. */
    private final Map<String, Runnable> pending = new LinkedHashMap<>();
    private boolean draining;
    private CompletableFuture<Void> idle = CompletableFuture.completedFuture(null);
    private volatile boolean warned;

    /**
     * @param store    where checkpoints go; {@link CheckpointStore#NONE} makes every call a no-op
     * @param executor runs the writes
     */
    CheckpointWriter(CheckpointStore store, Executor executor) {
        this.store = store;
        this.executor = executor;
    }

    /** Asks for {@code checkpoint} to be stored, replacing any write of its fingerprint not started yet. */
    void save(Checkpoint checkpoint) {
        submit(checkpoint.fingerprint(), () -> {
            try {
                store.save(checkpoint);
            } catch (RuntimeException e) {
                warn("cannot save the checkpoint; the upload goes on but may not resume after a crash", e);
            }
        });
    }

    /** Asks for the checkpoint of {@code fingerprint} to be removed, replacing any write of it not started yet. */
    void remove(String fingerprint) {
        submit(fingerprint, () -> {
            try {
                store.remove(fingerprint);
            } catch (RuntimeException e) {
                warn("cannot remove the checkpoint", e);
            }
        });
    }

    /** {@return a future that completes once every save and remove asked before this call is written} */
    CompletableFuture<Void> flushed() {
        synchronized (lock) {
            return idle;
        }
    }

    private void submit(String fingerprint, Runnable write) {
        if (store == CheckpointStore.NONE) {
            return;
        }
        synchronized (lock) {
            pending.remove(fingerprint); // re-inserted at the end: the order of first asking does not matter
            pending.put(fingerprint, write);
            if (draining) {
                return;
            }
            draining = true;
            idle = new CompletableFuture<>();
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            drain(); // the uploader is closing: write here rather than lose it
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            CompletableFuture<Void> done;
            synchronized (lock) {
                Iterator<Runnable> it = pending.values().iterator();
                if (it.hasNext()) {
                    next = it.next();
                    it.remove();
                    done = null;
                } else {
                    next = null;
                    done = idle;
                    draining = false;
                }
            }
            if (next == null) {
                done.complete(null);
                return;
            }
            try {
                next.run();
            } catch (RuntimeException | Error bug) {
                LOG.log(System.Logger.Level.ERROR, "checkpoint write failed", bug);
            }
        }
    }

    private void warn(String what, RuntimeException e) {
        if (!warned) {
            warned = true;
            LOG.log(System.Logger.Level.WARNING, what + ": " + e);
        }
    }
}
