package io.vodupload.adapters.oss;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The SDK clients the adapter holds, one per {@link ClientKey} (credential set and endpoint settings), so
 * that credentials can change from one call to the next without a new adapter, and calls with the same
 * credentials share one connection pool.
 *
 * <p>A client is <em>replaced</em>, and closed, when
 * <ul>
 *   <li>its credentials are past their expiry (by the injected clock), checked on every acquire;</li>
 *   <li>the server rejected its credentials as expired ({@link Lease#retire()}, called by the adapter on
 *       {@code CREDENTIALS_EXPIRED}): the next call comes with refreshed credentials, so a new client;</li>
 *   <li>more than {@code maxClients} are cached: the least recently used goes.</li>
 * </ul>
 * A replaced client that is in use closes when its last call ends, so calls in flight are never cut
 * off. {@link #close()} closes every client at once, in use or not.
 *
 * <p>Thread-safe (one lock; creating a client does no I/O; clients are closed outside the lock).
 *
 * @param <C> the client type
 */
final class ClientCache<C> implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ClientCache.class.getName());

    private final Function<ClientKey, C> factory;
    private final Consumer<C> closer;
    private final Clock clock;
    private final int maxClients;
    /** Access order: the first entry is the least recently used. */
    private final LinkedHashMap<ClientKey, Entry<C>> entries = new LinkedHashMap<>(16, 0.75f, true);
    /** Replaced entries whose client is still in use. */
    private final Set<Entry<C>> draining = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    ClientCache(Function<ClientKey, C> factory, Consumer<C> closer, Clock clock, int maxClients) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.closer = Objects.requireNonNull(closer, "closer");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients < 1: " + maxClients);
        }
        this.maxClients = maxClients;
    }

    /**
     * The client for {@code key}, created when there is none, held until the lease is closed.
     *
     * @throws IllegalStateException when the cache is closed
     */
    Lease<C> acquire(ClientKey key) {
        Objects.requireNonNull(key, "key");
        List<C> toClose = new ArrayList<>();
        Lease<C> lease;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            retireExpired(clock.instant(), toClose);
            Entry<C> entry = entries.get(key);
            if (entry == null) {
                entry = new Entry<>(key, factory.apply(key));
                entries.put(key, entry);
                Iterator<Entry<C>> lru = entries.values().iterator();
                while (entries.size() > maxClients) {
                    Entry<C> eldest = lru.next();
                    lru.remove();
                    retire(eldest, toClose);
                }
            }
            entry.refs++;
            lease = new Lease<>(this, entry);
        }
        closeAll(toClose);
        return lease;
    }

    private void retireExpired(Instant now, List<C> toClose) {
        Iterator<Entry<C>> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry<C> e = it.next();
            if (e.key.isExpiredAt(now)) {
                it.remove();
                retire(e, toClose);
            }
        }
    }

    /** Marks a replaced entry (already out of the map); closes its client now or when its last call ends. */
    private void retire(Entry<C> e, List<C> toClose) {
        if (e.retired) {
            return;
        }
        e.retired = true;
        if (e.refs == 0) {
            toClose.add(e.client);
        } else {
            draining.add(e);
        }
    }

    private void retireNow(Entry<C> e) {
        List<C> toClose = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            if (entries.get(e.key) == e) {
                entries.remove(e.key);
            }
            retire(e, toClose);
        }
        closeAll(toClose);
    }

    private void release(Entry<C> e) {
        C close = null;
        synchronized (this) {
            e.refs--;
            if (e.refs == 0 && draining.remove(e)) {
                close = e.client;
            }
        }
        if (close != null) {
            closeQuietly(close);
        }
    }

    /** How many clients are cached (not counting replaced ones still in use). */
    synchronized int size() {
        return entries.size();
    }

    /** The cached keys, least recently used first. */
    synchronized List<ClientKey> keys() {
        return new ArrayList<>(entries.keySet());
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Closes every client, in use or not; later acquires fail. Idempotent. */
    @Override
    public void close() {
        List<C> toClose = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (Entry<C> e : entries.values()) {
                e.retired = true;
                toClose.add(e.client);
            }
            entries.clear();
            for (Entry<C> e : draining) {
                toClose.add(e.client);
            }
            draining.clear();
        }
        closeAll(toClose);
    }

    private void closeAll(List<C> clients) {
        for (C c : clients) {
            closeQuietly(c);
        }
    }

    private void closeQuietly(C client) {
        try {
            closer.accept(client);
        } catch (RuntimeException e) {
            // a client that fails to close must not fail the call that replaced it
            LOG.log(System.Logger.Level.WARNING, "closing a replaced SDK client failed: " + e, e);
        }
    }

    @Override
    public synchronized String toString() {
        return "ClientCache" + entries.keySet() + (closed ? " (closed)" : "");
    }

    private static final class Entry<C> {
        final ClientKey key;
        final C client;
        int refs;
        boolean retired;

        Entry(ClientKey key, C client) {
            this.key = key;
            this.client = client;
        }
    }

    /** One call's hold on a client. Closing it is idempotent. Not thread-safe: one call uses it. */
    static final class Lease<C> implements AutoCloseable {
        private final ClientCache<C> cache;
        private final Entry<C> entry;
        private boolean released;

        private Lease(ClientCache<C> cache, Entry<C> entry) {
            this.cache = cache;
            this.entry = entry;
        }

        C client() {
            return entry.client;
        }

        /** Replaces this client: no later call gets it; it closes when the last call using it ends. */
        void retire() {
            cache.retireNow(entry);
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                cache.release(entry);
            }
        }
    }
}
