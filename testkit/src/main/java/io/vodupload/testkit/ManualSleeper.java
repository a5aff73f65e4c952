package io.vodupload.testkit;

import io.vodupload.ports.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Sleeper} that never sleeps: it records the duration asked, moves its {@link ManualClock}
 * forward by it and returns at once, so back-off is testable in microseconds.
 *
 * <p>Thread-safe. Like a real sleeper it throws {@link InterruptedException} when the calling thread is
 * interrupted.
 */
public final class ManualSleeper implements Sleeper {

    private final ManualClock clock;
    private final List<Duration> sleeps = new ArrayList<>();

    /** A sleeper that advances {@code clock}. */
    public ManualSleeper(ManualClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Objects.requireNonNull(duration, "duration");
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before sleeping " + duration);
        }
        synchronized (sleeps) {
            sleeps.add(duration);
        }
        if (!duration.isNegative() && !duration.isZero()) {
            clock.advance(duration);
        }
    }

    /** Every duration asked for, in order. */
    public List<Duration> sleeps() {
        synchronized (sleeps) {
            return List.copyOf(sleeps);
        }
    }

    /** The sum of the positive durations asked for. */
    public Duration total() {
        synchronized (sleeps) {
            return sleeps.stream().filter(d -> !d.isNegative()).reduce(Duration.ZERO, Duration::plus);
        }
    }

    /** The clock this sleeper advances. */
    public ManualClock clock() {
        return clock;
    }
}
