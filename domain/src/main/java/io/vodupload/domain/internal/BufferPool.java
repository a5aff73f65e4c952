package io.vodupload.domain.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The buffers a stream's parts are read into: at most {@code capacity} at once (the parts in flight), each
 * reused once its part is stored, so a long stream allocates {@code capacity} buffers, not one per part.
 * When the part size grows ({@link PartPlan#streamPartSize}), a buffer that is too small is dropped and a
 * larger one takes its place, so the pool never holds more than {@code capacity} buffers.
 *
 * <p>Thread-safe. {@link #take} blocks while every buffer is lent: that is the stream's back-pressure.
 */
final class BufferPool {

    private final int capacity;
    private final Deque<ByteBuffer> free = new ArrayDeque<>();
    private int lent;
    private int allocations;
    private int peakLent;
    private boolean closed;

    BufferPool(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity < 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * A cleared buffer with a limit of {@code size}, once fewer than {@code capacity} are lent.
     *
     * @throws InterruptedException when interrupted while waiting, or when the pool is closed
     */
    synchronized ByteBuffer take(int size) throws InterruptedException {
        while (lent >= capacity && !closed) {
            wait();
        }
        if (closed) {
            throw new InterruptedException("the upload ended");
        }
        lent++;
        peakLent = Math.max(peakLent, lent);
        ByteBuffer buffer = free.poll();
        if (buffer == null || buffer.capacity() < size) {
            allocations++; // a smaller free buffer is dropped: the part size grew
            buffer = ByteBuffer.allocate(size);
        }
        buffer.clear().limit(size);
        return buffer;
    }

    /** Returns a buffer from {@link #take}. */
    synchronized void give(ByteBuffer buffer) {
        lent--;
        if (!closed) {
            free.push(buffer);
        }
        notifyAll();
    }

    /** Drops the free buffers and wakes a waiting {@link #take}, which then throws. Idempotent. */
    synchronized void close() {
        closed = true;
        free.clear();
        notifyAll();
    }

    /** {@return how many buffers were allocated so far} */
    synchronized int allocations() {
        return allocations;
    }

    /** {@return the most buffers lent at once} */
    synchronized int peakLent() {
        return peakLent;
    }
}
