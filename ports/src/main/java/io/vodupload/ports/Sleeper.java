package io.vodupload.ports;

import java.time.Duration;

/**
 * Waits. Together with a {@link java.time.Clock} it is the domain's only source of time, so that
 * back-off and timeouts are testable without sleeping (the testkit has a manual one).
 *
 * <p>Thread-safe. Implementations honour interruption.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for {@code duration} (returns at once when it is zero or negative).
     *
     * @param duration how long to wait
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /** {@return the real sleeper: {@link Thread#sleep}. The one system implementation} */
    static Sleeper system() {
        return duration -> {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            }
        };
    }
}
