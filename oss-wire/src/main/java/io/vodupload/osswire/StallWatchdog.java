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
 * <p>One daemon thread per watchdog, shared by every body of a transport. Thread-safe. {@link #close()}
 * stops the thread; watching after that does nothing.
 */
public final class StallWatchdog implements AutoCloseable {

    /** One body being watched. Closing it stops the watch; idempotent. */
    public interface Watch extends AutoCloseable {

        /** Whether the watchdog found the body stalled (and ran the abort). */
        boolean stalled();

        @Override
        void close();
    }

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
