package io.vodupload.testkit.oss;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stalled response: the request it catches is processed, then its response is held until
 * {@link #release()} (or until the server stops or the faults are cleared). Made by
 * {@link OssFaults#stallOn}; there is no timer — the test decides when the response goes out.
 *
 * <p>Thread-safe.
 */
public final class OssStall {

    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    OssStall() {
    }

    /** Lets the held response (and any later one this stall catches) go out. Idempotent. */
    public void release() {
        released.countDown();
    }

    /**
     * Waits until a request is being held.
     *
     * @return whether one was held within {@code timeout}
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitHeld(Duration timeout) throws InterruptedException {
        return held.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether a request has been caught by this stall. */
    public boolean isHeld() {
        return held.getCount() == 0;
    }

    /** Whether {@link #release()} was called (or the server stopped). */
    public boolean isReleased() {
        return released.getCount() == 0;
    }

    /** Called on the handler thread: marks the request held and blocks until release. */
    void hold() throws InterruptedException {
        held.countDown();
        released.await();
    }
}
