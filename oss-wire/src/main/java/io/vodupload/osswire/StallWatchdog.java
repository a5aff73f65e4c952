package io.vodupload.osswire;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Aborts requests whose body stopped moving. A blocked socket write has no timeout of its own, so a server
 * that stops reading would hold a part for ever; a transport {@linkplain #watch watches} each body it
 * sends and is told when, at two checks one period apart, the body was still being sent and its progress
 * count had not changed. So a body is aborted no sooner than one period after its last progress and no
 * later than two. A listener that blocks counts as a stalled body too.
 *
 * <p>It also bounds each whole request ({@link #deadline(Duration, Runnable)}): a per-read timeout never
 * ends a server that answers one byte every few seconds, so a request that is not done within
 * {@link #deadline(Duration, long)} — three per-read timeouts plus its body at {@link #MIN_BYTES_PER_SECOND}
 * — is aborted as {@linkplain Watch#tooSlow() too slow}.
 *
 * <p>One daemon thread per watchdog, shared by every body of a transport. Thread-safe. {@link #close()}
 * stops the thread; watching after that does nothing.
 */
public final class StallWatchdog implements AutoCloseable {

    /** One body being watched. Closing it stops the watch; idempotent. */
    public interface Watch extends AutoCloseable {

        /** Whether the watchdog found the body stalled (and ran the abort). */
        boolean stalled();

        /** Whether the request ran past its whole-request deadline (and the watchdog ran the abort). */
        default boolean tooSlow() {
            return false;
        }

        @Override
        void close();
    }

    /**
     * The least throughput a request body must reach, 8 KiB/s: below it a request runs past its
     * {@linkplain #deadline deadline}. Documented in docs/reliability.md.
     */
    public static final long MIN_BYTES_PER_SECOND = 8 * 1024;

    private final ScheduledThreadPoolExecutor timer;

    /** A watchdog on one daemon thread named {@code threadName}. */
    public StallWatchdog(String threadName) {
        Objects.requireNonNull(threadName, "threadName");
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        // one watch per body sent: drop finished ones at once rather than when their delay runs out
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts watching one body.
     *
     * @param period   how long a body may go without progress; positive
     * @param sending  whether the body is being sent now (between attempts, or once the response is
     *                 being read, it is not, and no progress is expected)
     * @param progress a count that grows with every byte sent, readable from any thread
     * @param abort    what to do with a stalled body (cancel the request, close the connection); run on the
     *                 watchdog thread, at most once
     */
    public Watch watch(Duration period, BooleanSupplier sending, LongSupplier progress, Runnable abort) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period is not positive: " + period);
        }
        Check check = new Check(sending, progress, abort);
        long millis = Math.max(1, period.toMillis());
        ScheduledFuture<?> future;
        try {
            future = timer.scheduleWithFixedDelay(check, millis, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            future = null;
        }
        ScheduledFuture<?> scheduled = future;
        return new Watch() {
            @Override
            public boolean stalled() {
                return check.stalled.get();
            }

            @Override
            public void close() {
                if (scheduled != null) {
                    scheduled.cancel(false);
                }
            }
        };
    }

    /**
     * The whole-request deadline of a request with a body of {@code bodyBytes}: three times the per-read
     * {@code timeout}, plus the body at {@link #MIN_BYTES_PER_SECOND}. A per-read timeout alone never ends a
     * server that sends a byte now and then; this bound does.
     */
    public static Duration deadline(Duration timeout, long bodyBytes) {
        return deadline(timeout, bodyBytes, MIN_BYTES_PER_SECOND);
    }

    /** {@link #deadline(Duration, long)} with another minimum throughput (tests use a tiny one). */
    public static Duration deadline(Duration timeout, long bodyBytes, long minBytesPerSecond) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout is not positive: " + timeout);
        }
        if (bodyBytes < 0 || minBytesPerSecond <= 0) {
            throw new IllegalArgumentException("bodyBytes < 0 or minBytesPerSecond <= 0: " + bodyBytes + ", "
                    + minBytesPerSecond);
        }
        long base = timeout.toMillis() > Long.MAX_VALUE / 3 ? Long.MAX_VALUE : timeout.toMillis() * 3;
        // ceil(bodyBytes * 1000 / rate) without overflow
        long bodyMillis = bodyBytes / minBytesPerSecond > Long.MAX_VALUE / 1000 / 2 ? Long.MAX_VALUE / 2
                : bodyBytes / minBytesPerSecond * 1000
                        + ((bodyBytes % minBytesPerSecond) * 1000 + minBytesPerSecond - 1) / minBytesPerSecond;
        return Duration.ofMillis(base > Long.MAX_VALUE - bodyMillis ? Long.MAX_VALUE : base + bodyMillis);
    }

    /**
     * Watches one body (as {@link #watch(Duration, BooleanSupplier, LongSupplier, Runnable)}) and the whole
     * request: once {@code limit} has passed since this call and the watch is still open, the request is
     * {@linkplain Watch#tooSlow() too slow} and {@code abort} runs (at most once over both checks).
     */
    public Watch watch(Duration period, Duration limit, BooleanSupplier sending, LongSupplier progress,
                       Runnable abort) {
        AtomicBoolean aborted = new AtomicBoolean();
        Runnable once = () -> {
            if (aborted.compareAndSet(false, true)) {
                abort.run();
            }
        };
        Watch body = watch(period, sending, progress, once);
        Watch whole = deadline(limit, once);
        return new Watch() {
            @Override
            public boolean stalled() {
                return body.stalled();
            }

            @Override
            public boolean tooSlow() {
                return whole.tooSlow();
            }

            @Override
            public void close() {
                body.close();
                whole.close();
            }
        };
    }

    /**
     * Watches a request (with or without a body) for its whole-request deadline only: once {@code limit}
     * has passed and the watch is still open, it is {@linkplain Watch#tooSlow() too slow} and {@code abort}
     * runs, once, on the watchdog thread.
     */
    public Watch deadline(Duration limit, Runnable abort) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("limit is not positive: " + limit);
        }
        Objects.requireNonNull(abort, "abort");
        AtomicBoolean tooSlow = new AtomicBoolean();
        AtomicBoolean closed = new AtomicBoolean();
        ScheduledFuture<?> future;
        try {
            future = timer.schedule(() -> {
                if (!closed.get() && tooSlow.compareAndSet(false, true)) {
                    abort.run();
                }
            }, Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            future = null;
        }
        ScheduledFuture<?> scheduled = future;
        return new Watch() {
            @Override
            public boolean stalled() {
                return false;
            }

            @Override
            public boolean tooSlow() {
                return tooSlow.get();
            }

            @Override
            public void close() {
                closed.set(true);
                if (scheduled != null) {
                    scheduled.cancel(false);
                }
            }
        };
    }

    /** Stops the watchdog thread. Idempotent. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One periodic check of one body; runs on the watchdog thread only. */
    static final class Check implements Runnable {
        private final BooleanSupplier sending;
        private final LongSupplier progress;
        private final Runnable abort;
        private final AtomicBoolean stalled = new AtomicBoolean();
        private long last = -1;

        Check(BooleanSupplier sending, LongSupplier progress, Runnable abort) {
            this.sending = Objects.requireNonNull(sending, "sending");
            this.progress = Objects.requireNonNull(progress, "progress");
            this.abort = Objects.requireNonNull(abort, "abort");
        }

        @Override
        public void run() {
            if (!sending.getAsBoolean()) {
                last = -1;
                return;
            }
            long now = progress.getAsLong();
            if (now == last && stalled.compareAndSet(false, true)) {
                abort.run();
            }
            last = now;
        }

        boolean stalled() {
            return stalled.get();
        }
    }
}
