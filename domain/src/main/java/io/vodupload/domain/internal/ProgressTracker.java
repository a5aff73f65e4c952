package io.vodupload.domain.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Upload progress: bytes sent (confirmed parts plus the attempts in flight) and bytes confirmed (parts
 * storage has stored). An attempt's bytes leave the count when it ends (whatever its outcome), so a
 * retried part is never counted twice; the reported value is the highest seen, so it never decreases.
 * It stays below the total until every byte is confirmed: bytes sent again (after an expiry, a retry or a
 * restart) can push the high-water mark up, but never to 100 % before the last part is stored.
 * Callbacks are throttled to one per interval, except the one that reaches the total. Nothing is
 * reported before {@link #start}, which the engine calls right after posting {@code onUploadStarted}: this
 * is the one place that guarantees callbacks begin with it (bytes of parts found done while resuming are
 * known before it goes out).
 *
 * <p>Thread-safe (one lock); transfer threads call {@link #add} for every chunk.
 */
final class ProgressTracker {

    /** One attempt of a transfer op; its bytes count while it runs. */
    static final class Attempt {
        final Op op;
        private volatile boolean cancelled;
        private long bytes;
        private boolean ended;

        Attempt(Op op) {
            this.op = op;
        }

        void cancel() {
            cancelled = true;
        }

        boolean cancelled() {
            return cancelled;
        }
    }

    /** The bytes to send; -1 while a stream's end is not known. */
    private long total;
    private final Clock clock;
    private final Duration interval;
    private final Notifier notifier;
    private long confirmed;
    private long inFlight;
    private long reported;
    private long emitted; // nothing is reported before the first byte
    private Instant lastEmit;
    private boolean started;

    ProgressTracker(long total, Clock clock, Duration interval, Notifier notifier) {
        this.total = total;
        this.clock = clock;
        this.interval = interval;
        this.notifier = notifier;
    }

    synchronized void add(Attempt attempt, long bytes) {
        if (attempt.ended || bytes <= 0) {
            return;
        }
        attempt.bytes += bytes;
        inFlight += bytes;
        update();
    }

    synchronized void end(Attempt attempt) {
        if (!attempt.ended) {
            attempt.ended = true;
            inFlight -= attempt.bytes;
        }
    }

    synchronized void confirmed(long bytes) {
        confirmed = bytes;
        update();
    }

    /** A stream ended: its total is known from now on. */
    synchronized void total(long known) {
        total = known;
    }

    /** {@code onUploadStarted} has been posted: progress may follow it. */
    synchronized void start() {
        started = true; // the engine's next confirmed() reports, after the rest of the transition's callbacks
    }

    /** Bytes sent: the highest value reported, below the total until every byte is confirmed. */
    synchronized long sent() {
        return reported;
    }

    private void update() {
        if (!started) {
            return;
        }
        long value = total < 0 ? confirmed + inFlight
                : confirmed >= total ? total : Math.min(total - 1, confirmed + inFlight);
        if (value > reported) {
            reported = value;
        }
        // an empty file has no first byte: its one report is 0 of 0, which still comes before the success
        if (reported <= emitted && !(total == 0 && lastEmit == null)) {
            return;
        }
        Instant now = clock.instant();
        if (reported == total || lastEmit == null || !now.isBefore(lastEmit.plus(interval))) {
            emitted = reported;
            lastEmit = now;
            notifier.post(new Notification.Progress(reported, total));
        }
    }
}
