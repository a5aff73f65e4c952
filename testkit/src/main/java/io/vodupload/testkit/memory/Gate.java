package io.vodupload.testkit.memory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds one request inside {@link InMemoryObjectStorage} so a test can act while it is in flight: the
 * request arrives (after its first body chunk has been sent and reported to the transfer listener),
 * waits until {@link #open()}, then goes on.
 *
 * <p>Thread-safe.
 */
public final class Gate {

    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);

    Gate() {
    }

    /** Waits until a request has reached the gate; false on timeout. */
    public boolean awaitArrival(Duration timeout) throws InterruptedException {
        return arrived.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether a request has reached the gate. */
    public boolean hasArrived() {
        return arrived.getCount() == 0;
    }

    /** Lets the held request (and any later one) through. */
    public void open() {
        opened.countDown();
    }

    void arriveAndWait() throws InterruptedException {
        arrived.countDown();
        opened.await();
    }
}
