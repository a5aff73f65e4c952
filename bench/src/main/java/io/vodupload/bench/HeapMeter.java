package io.vodupload.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures the Java heap over a window of this JVM's life, from the collector's own notifications.
 *
 * <p>Heap use only grows between two collections, so its peak is the largest of the "used before GC"
 * values the collector reports and the value at the end of the window. The bytes allocated in the window
 * are {@code used(end) − used(start) + Σ(used before GC − used after GC)}. "Retained" is the most heap
 * any collection in the window left behind: an upper bound of the live data.
 *
 * <p>{@link #start()} first runs {@code System.gc()} so every window begins from the same clean heap;
 * collections up to that point are ignored by their ids, not by timing, because notifications arrive on
 * another thread. {@link #stop()} waits until the notifications of every collection in the window have
 * arrived.
 *
 * <p>Precision: G1 reports eden use in whole regions (1 MiB at {@code -Xmx512m}), so every figure is
 * good to a few regions, and an object of half a region or more (humongous) occupies whole regions and is
 * counted so: what it costs the heap, not its length.
 *
 * <p>Caveat (JDK 17, G1): space that G1 frees in its concurrent cycle (a humongous object reclaimed at the
 * cleanup pause) is not reported by any notification, so allocation can be under-counted for clients that
 * allocate objects of half a region or more. The heap probe of the benchmark is the measure that does not
 * depend on this.
 *
 * <p>One window at a time; {@link #start()} and {@link #stop()} from one thread.
 */
final class HeapMeter implements NotificationListener, AutoCloseable {

    /** What a window saw. All sizes in bytes. */
    record Usage(long peakUsed, long maxRetained, long allocated, int collections, long gcMillis) {
    }

    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());

    private final Object lock = new Object();
    /** Per collector: the id of the last collection before the window (ids count a collector's collections). */
    private final Map<String, Long> ignoreUpTo = new HashMap<>();
    /** Per collector: the highest collection id whose notification arrived. */
    private final Map<String, Long> seen = new HashMap<>();
    private boolean armed;
    private long startUsed;
    private long peak;
    private long retained;
    private long freed;
    private int collections;
    private long gcMillis;

    HeapMeter() {
        for (GarbageCollectorMXBean gc : collectors) {
            ((NotificationEmitter) gc).addNotificationListener(this, null, null);
        }
    }

    /** Collects, then opens a window. */
    void start() {
        System.gc();
        synchronized (lock) {
            for (GarbageCollectorMXBean gc : collectors) {
                ignoreUpTo.put(gc.getName(), gc.getCollectionCount());
            }
            startUsed = heapUsed();
            peak = startUsed;
            retained = startUsed;
            freed = 0;
            collections = 0;
            gcMillis = 0;
            armed = true;
        }
    }

    /**
     * Closes the window.
     *
     * @throws InterruptedException when interrupted while waiting for notifications
     * @throws IllegalStateException    when a collection's notification does not arrive within 10 s
     */
    Usage stop() throws InterruptedException {
        Map<String, Long> counts;
        long endUsed;
        // the end reading must fall between the same collections as the counts, or a collection would be
        // counted in "freed" while its effect is not in "used"
        while (true) {
            counts = counts();
            endUsed = heapUsed();
            if (counts.equals(counts())) {
                break;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (lock) {
            while (!allSeen(counts)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("GC notifications did not arrive: expected " + counts
                            + ", saw " + seen);
                }
                lock.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
            armed = false;
            return new Usage(Math.max(peak, endUsed), retained, endUsed - startUsed + freed, collections,
                    gcMillis);
        }
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        GcInfo gc = info.getGcInfo();
        synchronized (lock) {
            seen.merge(info.getGcName(), gc.getId(), Math::max);
            if (armed && gc.getId() > ignoreUpTo.getOrDefault(info.getGcName(), Long.MAX_VALUE)) {
                long before = heapOf(gc.getMemoryUsageBeforeGc());
                long after = heapOf(gc.getMemoryUsageAfterGc());
                peak = Math.max(peak, before);
                retained = Math.max(retained, after);
                freed += before - after;
                collections++;
                gcMillis += gc.getDuration();
            }
            lock.notifyAll();
        }
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean gc : collectors) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(this);
            } catch (javax.management.ListenerNotFoundException e) {
                // never added or already removed: nothing to undo
            }
        }
    }

    private boolean allSeen(Map<String, Long> counts) {
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            long ignored = ignoreUpTo.getOrDefault(e.getKey(), 0L);
            if (e.getValue() > ignored && seen.getOrDefault(e.getKey(), 0L) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>();
        for (GarbageCollectorMXBean gc : collectors) {
            counts.put(gc.getName(), gc.getCollectionCount());
        }
        return counts;
    }

    private long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    private long heapOf(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : pools.entrySet()) {
            if (heapPools.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        return used;
    }
}
