package io.vodupload.domain.internal;

/**
 * How many parts an upload keeps in flight, and the measurement that moves that number: a pure value,
 * replaced at each step like the rest of {@link Live}.
 *
 * <p>Fixed ({@code start == max}) it never moves. Adaptive ({@code start < max}) it starts at
 * {@code start} and measures the aggregate throughput over windows of finished parts: a window opens when
 * parts go out at the current limit (the first launch, a resume, a growth, the first launch after a
 * dropped window) and closes once {@code limit} parts have completed; its rate is their bytes over the
 * time between. After the first window, and after every window whose rate rose by more than
 * {@link #RISE} over the one before, the limit grows by half (at least one) up to {@code max}; the first
 * window that does not rise settles it for the rest of the upload. Time is the engine's injected clock,
 * read when each event is fired and handed to {@link Machine#next} with it, so the machine stays a pure
 * function.
 *
 * <p>A window is dropped when its time would not measure the link: a pause, a failed or interrupted
 * part. A retryable part failure also settles an adaptive limit one step back (two thirds, not below
 * {@code start}): more connections than the link carries show as timeouts and resets.
 *
 * @param start       parts in flight at the start
 * @param max         the most parts in flight; equal to {@code start} when fixed
 * @param limit       parts in flight now, {@code start..max}
 * @param settled     whether the limit has stopped moving
 * @param windowStart the time (ns, the engine's clock) the window opened; -1 when none is open
 * @param windowParts parts completed since the window opened
 * @param windowBytes bytes of those parts
 * @param lastRate    bytes per second of the last closed window; 0 before the first
 */
record Pace(int start, int max, int limit, boolean settled, long windowStart, int windowParts, long windowBytes,
            double lastRate) {

    /** The least rise of a window's rate over the last one's that grows the limit again: 10 %. */
    static final double RISE = 1.10;

    Pace {
        if (start < 1 || max < start || limit < 1 || limit > max) {
            throw new IllegalArgumentException("pace out of range: start " + start + ", limit " + limit
                    + ", max " + max);
        }
    }

    /** {@code start} parts in flight, growing up to {@code max} while the throughput rises. */
    static Pace of(int start, int max) {
        return new Pace(start, max, start, start >= max, -1, 0, 0, 0);
    }

    /** Whether the limit may move at all. */
    boolean adaptive() {
        return start < max;
    }

    /**
     * A part of {@code bytes} completed at {@code atNanos} (negative: the time is unknown, nothing is
     * measured).
     */
    Pace partDone(long bytes, long atNanos) {
        if (settled || atNanos < 0 || windowStart < 0) {
            return this; // no window: the next launch opens one (not while paused: nothing goes out)
        }
        int parts = windowParts + 1;
        long sum = windowBytes + bytes;
        if (parts < limit) {
            return new Pace(start, max, limit, false, windowStart, parts, sum, lastRate);
        }
        long elapsed = atNanos - windowStart;
        if (elapsed <= 0) {
            return new Pace(start, max, limit, false, atNanos, 0, 0, lastRate); // no time passed: measure again
        }
        double rate = sum * 1e9 / elapsed;
        if (lastRate > 0 && rate <= lastRate * RISE) {
            return new Pace(start, max, limit, true, -1, 0, 0, rate); // the plateau: stay here
        }
        int next = Math.min(max, Math.max(limit + 1, (limit * 3 + 1) / 2));
        return new Pace(start, max, next, next >= max, atNanos, 0, 0, rate);
    }

    /**
     * Parts went out at {@code atNanos} (negative: unknown): with no window open, one opens now, so the
     * first one measures from the first launch (not from the first completion: on a slow link a window is
     * a part's whole transfer, and a small file has few of them).
     */
    Pace launched(long atNanos) {
        if (settled || windowStart >= 0 || atNanos < 0) {
            return this;
        }
        return new Pace(start, max, limit, false, atNanos, 0, 0, lastRate);
    }

    /** The window's time would not measure the link (a pause, an interrupted part): measure afresh. */
    Pace interrupted() {
        return settled || windowStart < 0 ? this : new Pace(start, max, limit, false, -1, 0, 0, lastRate);
    }

    /** A part failed retryably: one step back (not below {@code start}), and stay there. */
    Pace failedRetryably() {
        if (!adaptive() || settled && limit == start) {
            return this;
        }
        int back = Math.max(start, limit * 2 / 3);
        return new Pace(start, max, back, true, -1, 0, 0, lastRate);
    }
}
